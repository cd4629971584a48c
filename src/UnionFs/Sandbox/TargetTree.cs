using System.IO.Abstractions;

namespace UnionFs.Sandbox;

/// <summary>
/// The directory an apply writes to: a root inside any <see cref="IFileSystem"/>, addressed by union paths.
/// Files and links are prepared under a temporary name in their own directory and then renamed into place, so
/// a reader of the target sees the old entry or the whole new one.
/// </summary>
internal sealed class TargetTree
{
    private const string TemporaryPrefix = ".unionfs-apply-";

    private readonly IFileSystem _fs;

    public TargetTree(IFileSystem fileSystem, string root)
    {
        _fs = fileSystem;
        var full = fileSystem.Path.GetFullPath(root);
        Root = full.Length > 1 ? full.TrimEnd('/') : full;
        if (!fileSystem.Directory.Exists(Root)) throw new DirectoryNotFoundException($"The apply target '{Root}' is not an existing directory.");
    }

    /// <summary>The root in the target file system.</summary>
    public string Root { get; }

    /// <summary>The target path of a union path.</summary>
    public string HostPath(string path) => path.Length == 1 ? Root : Root == "/" ? path : Root + path;

    /// <summary>What the target holds at <paramref name="path"/>, without following a symbolic link.</summary>
    public TargetEntry Stat(string path)
    {
        var info = _fs.FileInfo.New(HostPath(path));
        if ((int)info.Attributes == -1) return TargetEntry.Absent;
        if (info.LinkTarget is { } target) return new TargetEntry(EntryKind.SymbolicLink, 0, target);
        if ((info.Attributes & FileAttributes.Directory) != 0) return new TargetEntry(EntryKind.Directory, 0, null);
        return new TargetEntry(EntryKind.File, info.Length, null);
    }

    /// <summary>The names in the target directory at <paramref name="path"/>.</summary>
    public IEnumerable<string> ListNames(string path) =>
        _fs.Directory.EnumerateFileSystemEntries(HostPath(path)).Select(_fs.Path.GetFileName).OfType<string>();

    public Stream OpenRead(string path) => _fs.File.OpenRead(HostPath(path));

    /// <summary>Removes whatever is at <paramref name="path"/>, a directory with everything in it; nothing when absent.</summary>
    public void Remove(string path)
    {
        var host = HostPath(path);
        var entry = Stat(path);
        if (entry.Kind == EntryKind.Directory) _fs.Directory.Delete(host, recursive: true);
        else if (entry.Exists) _fs.File.Delete(host);
    }

    /// <summary>Makes <paramref name="path"/> a directory: a file or link there is replaced, a directory kept.</summary>
    public void EnsureDirectory(string path)
    {
        var entry = Stat(path);
        if (entry.Kind == EntryKind.Directory) return;
        if (entry.Exists) Remove(path);
        _fs.Directory.CreateDirectory(HostPath(path));
    }

    /// <summary>Writes <paramref name="content"/> under a temporary name beside <paramref name="path"/>; returns that name.</summary>
    public string StageFile(string path, Stream content, BranchEntry metadata)
    {
        var temp = TemporaryBeside(path);
        using (var output = _fs.File.Open(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
            content.CopyTo(output);
        }
        SetMetadata(temp, metadata);
        return temp;
    }

    /// <summary>Makes a symbolic link under a temporary name beside <paramref name="path"/>; returns that name.</summary>
    public string StageLink(string path, string linkTarget)
    {
        var temp = TemporaryBeside(path);
        _fs.File.CreateSymbolicLink(temp, linkTarget);
        return temp;
    }

    /// <summary>
    /// Renames a staged entry over <paramref name="path"/> in one step (a directory there is removed first). Some
    /// file systems re-create a file on a move and lose its mode or times: they are set again when that happened.
    /// </summary>
    public void Commit(string staged, string path, BranchEntry metadata)
    {
        if (Stat(path).Kind == EntryKind.Directory) Remove(path);
        var host = HostPath(path);
        _fs.File.Move(staged, host, overwrite: true);
        if (metadata.Kind == EntryKind.File && !HasMetadata(host, metadata)) SetMetadata(host, metadata);
    }

    /// <summary>Removes a staged entry that will not be committed; failures are ignored (it is only debris).</summary>
    public void DropStaged(string staged)
    {
        try
        {
            _fs.File.Delete(staged);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>Gives the directory at <paramref name="path"/> the mode and times of <paramref name="metadata"/>.</summary>
    public void SetDirectoryMetadata(string path, BranchEntry metadata) => SetMetadata(HostPath(path), metadata);

    /// <summary>Unix mode, then access and write times, where the target file system supports them.</summary>
    private void SetMetadata(string host, BranchEntry metadata)
    {
        try
        {
            _fs.File.SetUnixFileMode(host, metadata.UnixMode);
        }
        catch (Exception exception) when (exception is PlatformNotSupportedException or NotSupportedException)
        {
        }
        try
        {
            _fs.File.SetLastAccessTimeUtc(host, metadata.LastAccessTimeUtc);
            _fs.File.SetLastWriteTimeUtc(host, metadata.LastWriteTimeUtc);
        }
        catch (Exception exception) when (exception is PlatformNotSupportedException or NotSupportedException)
        {
        }
    }

    private bool HasMetadata(string host, BranchEntry metadata)
    {
        try
        {
            return _fs.File.GetLastWriteTimeUtc(host) == metadata.LastWriteTimeUtc && _fs.File.GetUnixFileMode(host) == metadata.UnixMode;
        }
        catch (Exception exception) when (exception is PlatformNotSupportedException or NotSupportedException)
        {
            return true;
        }
    }

    private string TemporaryBeside(string path) =>
        _fs.Path.Join(_fs.Path.GetDirectoryName(HostPath(path)), TemporaryPrefix + Guid.NewGuid().ToString("N"));
}
