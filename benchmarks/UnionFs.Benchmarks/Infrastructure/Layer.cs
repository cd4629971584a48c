using System.IO.Abstractions.TestingHelpers;

namespace UnionFs.Benchmarks.Infrastructure;

/// <summary>
/// The contents of one layer, written the same way to every backend: a <see cref="MemoryBranch"/> (straight
/// through its <see cref="IBranch"/> members), a directory on disk (whiteouts as the kernel's character
/// devices 0/0) and a <see cref="MockFileSystem"/>. Paths are absolute with <c>/</c> separators
/// (<c>/dir/file</c>); parents are created as needed, in the order given.
/// </summary>
public sealed class Layer
{
    /// <summary>The timestamp of every entry a fixture writes (fixed, so runs are comparable).</summary>
    public static readonly DateTime Epoch = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private readonly List<string> _directories = [];
    private readonly List<(string Path, byte[] Content)> _files = [];
    private readonly List<string> _whiteouts = [];

    /// <summary>Directories, in creation order.</summary>
    public IReadOnlyList<string> Directories => _directories;

    /// <summary>Regular files and their contents (arrays may be shared between files).</summary>
    public IReadOnlyList<(string Path, byte[] Content)> Files => _files;

    /// <summary>Whiteouts (names that hide the same name in the layers below).</summary>
    public IReadOnlyList<string> Whiteouts => _whiteouts;

    /// <summary>Adds a directory (its parents must have been added, or be the root).</summary>
    public Layer Directory(string path)
    {
        _directories.Add(path);
        return this;
    }

    /// <summary>Adds a regular file.</summary>
    public Layer File(string path, byte[] content)
    {
        _files.Add((path, content));
        return this;
    }

    /// <summary>Adds a whiteout.</summary>
    public Layer Whiteout(string path)
    {
        _whiteouts.Add(path);
        return this;
    }

    /// <summary>
    /// The classic fixture: <paramref name="directories"/> directories <c>root/dNNNN</c> of
    /// <paramref name="filesPerDirectory"/> files each, named <c>fNN.txt</c> and <c>fNN.dat</c> alternately.
    /// </summary>
    public static Layer Tree(string root, int directories, int filesPerDirectory, byte[] content)
    {
        var layer = new Layer().Directory(root);
        foreach (var (directory, files) in TreePaths(root, directories, filesPerDirectory))
        {
            layer.Directory(directory);
            foreach (var file in files) layer.File(file, content);
        }
        return layer;
    }

    /// <summary>The directories and file paths of <see cref="Tree"/>, without building a layer.</summary>
    public static IEnumerable<(string Directory, string[] Files)> TreePaths(string root, int directories, int filesPerDirectory)
    {
        for (var d = 0; d < directories; d++)
        {
            var directory = $"{root}/d{d:D4}";
            var files = new string[filesPerDirectory];
            for (var f = 0; f < filesPerDirectory; f++) files[f] = $"{directory}/f{f:D2}.{(f % 2 == 0 ? "txt" : "dat")}";
            yield return (directory, files);
        }
    }

    /// <summary>Bytes 0, 1, ..., 255, 0, 1, ...: content that is not all zeros.</summary>
    public static byte[] Content(int size)
    {
        var bytes = new byte[size];
        for (var i = 0; i < bytes.Length; i++) bytes[i] = (byte)i;
        return bytes;
    }

    /// <summary>A new <see cref="MemoryBranch"/> holding this layer.</summary>
    public MemoryBranch ToMemoryBranch()
    {
        var branch = new MemoryBranch();
        WriteTo(branch);
        return branch;
    }

    /// <summary>Writes the layer into <paramref name="branch"/> through its <see cref="IBranch"/> members.</summary>
    public void WriteTo(IBranch branch)
    {
        ArgumentNullException.ThrowIfNull(branch);
        var directoryMetadata = EntryMetadata.NewDirectory(Epoch);
        var fileMetadata = EntryMetadata.NewFile(Epoch);
        foreach (var directory in _directories) branch.CreateDirectory(directory, directoryMetadata, opaque: false);
        foreach (var (path, content) in _files) WriteFile(branch, path, content, fileMetadata);
        foreach (var whiteout in _whiteouts) branch.CreateWhiteout(whiteout);
    }

    /// <summary>
    /// Creates a file in <paramref name="branch"/> the way a union writes one: an empty file, then its bytes
    /// through <see cref="IBranch.OpenWrite"/> (so no stream-copy buffer per file).
    /// </summary>
    public static void WriteFile(IBranch branch, string path, byte[] content, EntryMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(branch);
        ArgumentNullException.ThrowIfNull(content);
        branch.CreateFile(path, null, metadata);
        if (content.Length == 0) return;
        using var stream = branch.OpenWrite(path);
        stream.Write(content);
    }

    /// <summary>Writes the layer below the real directory <paramref name="root"/> (whiteouts need root: mknod).</summary>
    public void WriteTo(string root)
    {
        System.IO.Directory.CreateDirectory(root);
        foreach (var directory in _directories) System.IO.Directory.CreateDirectory(root + directory);
        foreach (var (path, content) in _files) System.IO.File.WriteAllBytes(root + path, content);
        foreach (var whiteout in _whiteouts) Mounts.MakeWhiteout(root + whiteout);
    }

    /// <summary>Writes the layer into a <see cref="MockFileSystem"/> (which has no whiteouts: they are skipped).</summary>
    public void WriteTo(MockFileSystem fileSystem)
    {
        ArgumentNullException.ThrowIfNull(fileSystem);
        foreach (var directory in _directories) fileSystem.AddDirectory(directory);
        foreach (var (path, content) in _files) fileSystem.AddFile(path, new MockFileData(content));
    }

    /// <summary>A new <see cref="MockFileSystem"/> holding this layer.</summary>
    public MockFileSystem ToMockFileSystem()
    {
        var fileSystem = new MockFileSystem();
        WriteTo(fileSystem);
        return fileSystem;
    }
}
