using System.IO.Abstractions;

namespace UnionFs.Sandbox;

/// <summary>
/// The directory an apply writes to: a root inside any <see cref="IFileSystem"/>, addressed by union paths. An apply
/// keeps a hidden work area directly under the root (same file system, so its renames are atomic): new files are
/// written there first and then renamed into place, and whatever an apply replaces or removes is renamed there
/// too, so that it can be put back. Symbolic links are never moved (not every file system renames a link to a
/// directory as a link): a link is created in place and, when replaced, remembered by its target.
/// </summary>
internal sealed class TargetTree
{
    private const string WorkAreaPrefix = ".unionfs-apply-";

    private readonly IFileSystem _fs;
    private readonly HashSet<string> _directories = new(StringComparer.Ordinal);
    private int _workNames;

    public TargetTree(IFileSystem fileSystem, string root)
    {
        _fs = fileSystem;
        var full = fileSystem.Path.GetFullPath(root);
        Root = full.Length > 1 ? full.TrimEnd('/') : full;
        if (!fileSystem.Directory.Exists(Root)) throw new DirectoryNotFoundException($"The apply target '{Root}' is not an existing directory.");
    }

    /// <summary>The root in the target file system.</summary>
    public string Root { get; }

    /// <summary>The work area's host path while an apply runs; null before <see cref="CreateWorkArea"/> and after it is removed.</summary>
    public string? WorkArea { get; private set; }

    /// <summary>The target path of a union path.</summary>
    public string HostPath(string path) => path.Length == 1 ? Root : Root == "/" ? path : Root + path;

    /// <summary>
    /// What the target holds at <paramref name="path"/>, without following a symbolic link, neither the last one nor one
    /// on the way: a path below a link (to a directory, or to itself) is absent from the tree, whatever the host
    /// would find by following it. Before the apply writes, every ancestor is checked (each once: the answers are
    /// kept); once it writes, steps come parents first and each parent is a directory the apply kept or made.
    /// </summary>
    public TargetEntry Stat(string path)
    {
        if (WorkArea is null && !UnderDirectories(path)) return TargetEntry.Absent;
        return StatHost(HostPath(path));
    }

    private TargetEntry StatHost(string host)
    {
        var info = _fs.FileInfo.New(host);
        if ((int)info.Attributes == -1) return TargetEntry.Absent;
        if (info.LinkTarget is { } target) return new TargetEntry(EntryKind.SymbolicLink, 0, target);
        if ((info.Attributes & FileAttributes.Directory) != 0) return new TargetEntry(EntryKind.Directory, 0, null);
        return new TargetEntry(EntryKind.File, info.Length, null);
    }

    /// <summary>True when every ancestor of <paramref name="path"/> below the root is a directory (not a link to one).</summary>
    private bool UnderDirectories(string path)
    {
        var parent = BranchPath.GetParent(path);
        var pending = new Stack<string>();
        for (; parent is not null && parent.Length > 1 && !_directories.Contains(parent); parent = BranchPath.GetParent(parent))
            pending.Push(parent);
        while (pending.TryPop(out var ancestor))
        {
            if (StatHost(HostPath(ancestor)).Kind != EntryKind.Directory) return false;
            _directories.Add(ancestor);
        }
        return true;
    }

    /// <summary>The names in the target directory at <paramref name="path"/>.</summary>
    public IEnumerable<string> ListNames(string path) =>
        _fs.Directory.EnumerateFileSystemEntries(HostPath(path)).Select(_fs.Path.GetFileName).OfType<string>();

    public Stream OpenRead(string path) => _fs.File.OpenRead(HostPath(path));

    /// <summary>Makes the hidden work area under the root.</summary>
    public void CreateWorkArea()
    {
        var work = _fs.Path.Join(Root, WorkAreaPrefix + Guid.NewGuid().ToString("N"));
        _fs.Directory.CreateDirectory(work);
        WorkArea = work;
    }

    /// <summary>
    /// Removes the work area and everything left in it (the old entries of a finished apply, or staged files of a
    /// failed one); a failed removal is tried once more. Returns false when it is still there.
    /// </summary>
    public bool RemoveWorkArea()
    {
        if (WorkArea is null) return true;
        for (var attempt = 0; attempt < 2; attempt++)
        {
            try
            {
                if (_fs.Directory.Exists(WorkArea)) _fs.Directory.Delete(WorkArea, recursive: true);
                WorkArea = null;
                return true;
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
            }
        }
        return false;
    }

    /// <summary>Writes <paramref name="content"/> to a new file in the work area, with the mode and times of <paramref name="metadata"/>; returns its host path.</summary>
    public string StageFile(Stream content, BranchEntry metadata)
    {
        var staged = NewWorkName("new-");
        using (var output = _fs.File.Open(staged, FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
            content.CopyTo(output);
        }
        SetMetadata(staged, metadata);
        return staged;
    }

    /// <summary>
    /// Takes what the target holds at <paramref name="path"/> (described by <paramref name="found"/>) out of the
    /// tree: a file or directory (its whole tree) is renamed into the work area, a symbolic link is deleted. Returns
    /// the action that puts it back.
    /// </summary>
    public Action SetAside(string path, TargetEntry found)
    {
        var host = HostPath(path);
        switch (found.Kind)
        {
            case EntryKind.SymbolicLink:
                // Put back with its own times too (System.IO sets a link's times without following it), so that the
                // union, which remembers them, does not take the restored link for a change made behind its back.
                var link = _fs.FileInfo.New(host);
                var (accessed, written) = (link.LastAccessTimeUtc, link.LastWriteTimeUtc);
                _fs.File.Delete(host);
                return () =>
                {
                    _fs.File.CreateSymbolicLink(host, found.LinkTarget!);
                    _fs.File.SetLastAccessTimeUtc(host, accessed);
                    _fs.File.SetLastWriteTimeUtc(host, written);
                };
            case EntryKind.Directory:
                var directory = NewWorkName("old-");
                _fs.Directory.Move(host, directory);
                return () => _fs.Directory.Move(directory, host);
            default:
                var file = NewWorkName("old-");
                _fs.File.Move(host, file);
                return () => _fs.File.Move(file, host);
        }
    }

    /// <summary>Renames a staged file to <paramref name="path"/>, where nothing is.</summary>
    public void PlaceFile(string staged, string path) => _fs.File.Move(staged, HostPath(path));

    /// <summary>Some file systems lose the mode or times of a file on a move: they are set again when that happened.</summary>
    public void RepairFileMetadata(string path, BranchEntry metadata)
    {
        var host = HostPath(path);
        if (!HasMetadata(host, metadata)) SetMetadata(host, metadata);
    }

    /// <summary>Creates a symbolic link at <paramref name="path"/>, where nothing is.</summary>
    public void CreateLink(string path, string linkTarget) => _fs.File.CreateSymbolicLink(HostPath(path), linkTarget);

    /// <summary>Creates a directory at <paramref name="path"/>, where nothing is; its parent exists.</summary>
    public void CreateDirectory(string path) => _fs.Directory.CreateDirectory(HostPath(path));

    /// <summary>Removes the file or link at <paramref name="path"/> that an apply put there.</summary>
    public void DeleteFile(string path) => _fs.File.Delete(HostPath(path));

    /// <summary>Removes the empty directory at <paramref name="path"/> that an apply made.</summary>
    public void DeleteDirectory(string path) => _fs.Directory.Delete(HostPath(path), recursive: false);

    /// <summary>The action that gives the directory at <paramref name="path"/> back the mode and times it has now.</summary>
    public Action DirectoryMetadataRestorer(string path)
    {
        var host = HostPath(path);
        var old = ReadMetadata(host);
        return () => RestoreMetadata(host, old);
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

    private (UnixFileMode? Mode, DateTime Access, DateTime Write) ReadMetadata(string host)
    {
        UnixFileMode? mode;
        try
        {
            mode = _fs.File.GetUnixFileMode(host);
        }
        catch (Exception exception) when (exception is PlatformNotSupportedException or NotSupportedException)
        {
            mode = null;
        }
        return (mode, _fs.File.GetLastAccessTimeUtc(host), _fs.File.GetLastWriteTimeUtc(host));
    }

    private void RestoreMetadata(string host, (UnixFileMode? Mode, DateTime Access, DateTime Write) old)
    {
        if (old.Mode is { } mode) _fs.File.SetUnixFileMode(host, mode);
        try
        {
            _fs.File.SetLastAccessTimeUtc(host, old.Access);
            _fs.File.SetLastWriteTimeUtc(host, old.Write);
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

    private string NewWorkName(string prefix) =>
        _fs.Path.Join(WorkArea ?? throw new InvalidOperationException("The apply has no work area."),
            prefix + (++_workNames).ToString(System.Globalization.CultureInfo.InvariantCulture));
}
