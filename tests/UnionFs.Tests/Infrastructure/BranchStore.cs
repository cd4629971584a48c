using System.IO.Abstractions.TestingHelpers;

namespace UnionFs.Tests.Infrastructure;

/// <summary>Makes branches of one <see cref="BranchKind"/> and cleans up after them.</summary>
public sealed class BranchStore : IDisposable
{
    private readonly string? _tempRoot;

    public BranchStore(BranchKind kind)
    {
        Kind = kind;
        switch (kind)
        {
            case BranchKind.MockDirectory:
                Host = new MockFileSystem();
                break;
            case BranchKind.RealDirectory:
                Host = new FileSystem();
                _tempRoot = Path.Combine(Path.GetTempPath(), "unionfs-tests-" + Guid.NewGuid().ToString("N"));
                Directory.CreateDirectory(_tempRoot);
                break;
            default:
                Host = null;
                break;
        }
    }

    public BranchKind Kind { get; }

    /// <summary>The file system a <see cref="DirectoryBranch"/> lives in; null for memory branches.</summary>
    public IFileSystem? Host { get; }

    /// <summary>Where branches of this store live in <see cref="Host"/>.</summary>
    public string BaseDirectory => Kind switch
    {
        BranchKind.MockDirectory => "/layers",
        BranchKind.RealDirectory => _tempRoot!,
        _ => string.Empty,
    };

    /// <summary>The host directory of the branch called <paramref name="name"/>.</summary>
    public string RootOf(string name) => Host!.Path.Combine(BaseDirectory, name);

    public IBranch Create(string name)
    {
        if (Kind == BranchKind.Memory) return new MemoryBranch();
        var root = RootOf(name);
        Host!.Directory.CreateDirectory(root);
        return new DirectoryBranch(Host, root);
    }

    public void Dispose()
    {
        if (_tempRoot is not null && Directory.Exists(_tempRoot))
        {
            Directory.Delete(_tempRoot, recursive: true);
        }
    }
}
