using System.IO.Abstractions.TestingHelpers;
using UnionFs.Tests.Confinement;

namespace UnionFs.Tests.Infrastructure;

/// <summary>
/// Makes branches of one <see cref="BranchKind"/> and cleans up after them. The directory branches it makes reach
/// their host through a <see cref="SpyFileSystem"/> (<see cref="BranchHost"/>), so a test can tell every host path a
/// branch wrote to; the test itself arranges the host through <see cref="Host"/>, which records nothing.
/// </summary>
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
        if (Host is not null)
        {
            Host.Directory.CreateDirectory(BaseDirectory);
            BranchHost = new SpyFileSystem(Host, BaseDirectory, checkHostLinks: false, writesOnly: true);
        }
    }

    public BranchKind Kind { get; }

    /// <summary>The file system a <see cref="DirectoryBranch"/> lives in, for the test's own use; null for memory branches.</summary>
    public IFileSystem? Host { get; }

    /// <summary>The same file system as the branches see it: every path they touch is recorded.</summary>
    public SpyFileSystem? BranchHost { get; }

    /// <summary>The writes a branch made at or below the host directory of the branch called <paramref name="name"/>.</summary>
    public IReadOnlyList<HostAccess> WritesTo(string name)
    {
        if (BranchHost is null) return [];
        var root = RootOf(name);
        return BranchHost.Writes.Where(w => w.Path == root || w.Path.StartsWith(root + "/", StringComparison.Ordinal)).ToList();
    }

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
        return new DirectoryBranch(BranchHost!, root);
    }

    public void Dispose()
    {
        if (_tempRoot is not null && Directory.Exists(_tempRoot))
        {
            Directory.Delete(_tempRoot, recursive: true);
        }
    }
}
