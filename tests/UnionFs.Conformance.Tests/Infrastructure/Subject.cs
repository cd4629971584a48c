using System.IO.Abstractions;

namespace UnionFs.Conformance.Tests.Infrastructure;

/// <summary>
/// One file system with the test's working directory in it: the real one (a fresh temporary directory) or a
/// union configuration. Both use the same absolute working directory, so parents, relative paths and the
/// current directory compare as they are. The tree is built by <see cref="StandardTree"/>
/// before the union is assembled, so over a lower every later write is a copy-up or a whiteout. The current
/// directory is the working directory, for the real file system too (restored on dispose).
/// </summary>
public sealed class Subject : IDisposable
{
    private readonly string? _hostDirectory;
    private readonly string? _previousCurrentDirectory;

    private Subject(IFileSystem fileSystem, string root, string? hostDirectory, string? previousCurrentDirectory)
    {
        FileSystem = fileSystem;
        Root = root;
        _hostDirectory = hostDirectory;
        _previousCurrentDirectory = previousCurrentDirectory;
    }

    /// <summary>The file system under test.</summary>
    public IFileSystem FileSystem { get; }

    /// <summary>The working directory, absolute in <see cref="FileSystem"/>, without a trailing separator.</summary>
    public string Root { get; }

    /// <summary>True for the real file system (the oracle).</summary>
    public bool IsReal => FileSystem is FileSystem;

    /// <summary>The union, or null for the real file system.</summary>
    public UnionFileSystem? Union => FileSystem as UnionFileSystem;

    /// <summary><paramref name="relative"/> under the working directory.</summary>
    public string At(string relative) => relative.Length == 0 ? Root : Root + "/" + relative;

    /// <summary>The real file system in a fresh temporary directory, made current.</summary>
    public static Subject Real(string root, Action<IFileSystem, string> build)
    {
        var host = Path.GetDirectoryName(root)!;
        var fs = new FileSystem();
        fs.Directory.CreateDirectory(root);
        build(fs, root);
        var previous = System.IO.Directory.GetCurrentDirectory();
        System.IO.Directory.SetCurrentDirectory(root);
        return new Subject(fs, root, host, previous);
    }

    /// <summary>A union in <paramref name="configuration"/> holding what <paramref name="build"/> writes.</summary>
    public static Subject InUnion(UnionConfiguration configuration, string root, Action<IFileSystem, string> build)
    {
        UnionFileSystem union;
        string? host = null;
        switch (configuration)
        {
            case UnionConfiguration.MemoryOnly:
                union = new UnionFileSystem(new MemoryBranch());
                union.Directory.CreateDirectory(root);
                build(union, root);
                break;
            case UnionConfiguration.MemoryOverDirectoryLower:
                host = System.IO.Directory.CreateTempSubdirectory("unionfs-conformance-lower-").FullName;
                var disk = new FileSystem();
                disk.Directory.CreateDirectory(host + root);
                build(disk, host + root);
                union = new UnionFileSystem(new MemoryBranch(), new DirectoryBranch(new FileSystem(), host));
                break;
            case UnionConfiguration.MemoryLowers:
                var lower = new MemoryBranch();
                var builder = new UnionFileSystem(lower);
                builder.Directory.CreateDirectory(root);
                build(builder, root);
                var bottom = new MemoryBranch();
                new UnionFileSystem(bottom).Directory.CreateDirectory(root);
                union = new UnionFileSystem(new MemoryBranch(), lower, bottom);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(configuration));
        }
        union.Directory.SetCurrentDirectory(root);
        return new Subject(union, root, host, previousCurrentDirectory: null);
    }

    /// <summary>Replaces the working directory in <paramref name="text"/> by <c>{R}</c>, so both sides compare.</summary>
    public string Normalize(string text) => text.Replace(Root, "{R}", StringComparison.Ordinal);

    /// <summary>A fresh absolute working directory (its parent made on the real disk, for the real file system).</summary>
    public static string NewRoot() =>
        Path.Combine(System.IO.Directory.CreateTempSubdirectory("unionfs-conformance-").FullName, "conformance");

    /// <inheritdoc />
    public void Dispose()
    {
        if (_previousCurrentDirectory is not null) System.IO.Directory.SetCurrentDirectory(_previousCurrentDirectory);
        if (_hostDirectory is null) return;
        try
        {
            MakeWritable(_hostDirectory);
            System.IO.Directory.Delete(_hostDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A test may leave a file open (a watcher, an undisposed stream); the temporary directory stays.
        }
    }

    private static void MakeWritable(string directory)
    {
        foreach (var entry in new DirectoryInfo(directory).EnumerateFileSystemInfos("*", SearchOption.AllDirectories))
        {
            if (entry.LinkTarget is not null) continue;
            try { entry.UnixFileMode |= UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute; }
            catch (IOException) { }
        }
    }
}
