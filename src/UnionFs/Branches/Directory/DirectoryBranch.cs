using System.IO.Abstractions;

namespace UnionFs;

/// <summary>
/// A branch stored in a directory of any <see cref="IFileSystem"/>: the real disk (<c>new FileSystem()</c>), a
/// <c>MockFileSystem</c>, even another union. As a lower it is only read. As an upper it stores whiteouts
/// and opaque markers in the chosen <see cref="WhiteoutFormat"/> and prepares every new file in a work area
/// inside the root, then renames it into place, so a reader never sees a partial file. Nothing outside the
/// root is read or written.
/// </summary>
public sealed class DirectoryBranch : IBranch
{
    private const UnixFileMode SymbolicLinkMode = (UnixFileMode)0x1FF; // lrwxrwxrwx

    private readonly IFileSystem _fs;
    private readonly Lock _workGate = new();
    private int _workUsers;

    /// <summary>Opens the directory <paramref name="root"/> of <paramref name="fileSystem"/> as a branch.</summary>
    /// <param name="fileSystem">The file system that holds the branch.</param>
    /// <param name="root">An existing directory; it becomes the branch's <c>/</c>.</param>
    /// <param name="whiteoutFormat">How whiteouts and opaque directories are stored.</param>
    /// <exception cref="DirectoryNotFoundException"><paramref name="root"/> is not an existing directory.</exception>
    /// <exception cref="NotSupportedException"><see cref="WhiteoutFormat.Overlay"/>, not implemented yet.</exception>
    public DirectoryBranch(IFileSystem fileSystem, string root, WhiteoutFormat whiteoutFormat = WhiteoutFormat.Oci)
    {
        ArgumentNullException.ThrowIfNull(fileSystem);
        ArgumentException.ThrowIfNullOrEmpty(root);
        if (whiteoutFormat == WhiteoutFormat.Overlay)
            throw new NotSupportedException("WhiteoutFormat.Overlay (character-device whiteouts and trusted.overlay.* xattrs) is not supported yet; use WhiteoutFormat.Oci.");
        if (!Enum.IsDefined(whiteoutFormat)) throw new ArgumentOutOfRangeException(nameof(whiteoutFormat));
        _fs = fileSystem;
        var full = fileSystem.Path.GetFullPath(root);
        Root = full.Length > 1 ? full.TrimEnd('/') : full;
        if (!fileSystem.Directory.Exists(Root)) throw new DirectoryNotFoundException($"The branch root '{Root}' is not an existing directory.");
        WhiteoutFormat = whiteoutFormat;
    }

    /// <summary>The branch root in the underlying file system.</summary>
    public string Root { get; }

    /// <summary>How whiteouts and opaque directories are stored.</summary>
    public WhiteoutFormat WhiteoutFormat { get; }

    /// <inheritdoc />
    public bool IsReadOnly => false;

    /// <inheritdoc />
    public bool SupportsRedirect => false;

    /// <inheritdoc />
    public BranchEntry? Stat(string path)
    {
        var host = HostPath(path);
        if (path.Length == 1) return Describe(_fs.DirectoryInfo.New(host), string.Empty, hasWhiteout: false);
        var name = BranchPath.GetName(path);
        if (OciMarkers.IsReserved(name)) return null;
        var info = _fs.FileInfo.New(host);
        var hasWhiteout = IsPresent(_fs.FileInfo.New(WhiteoutHostPath(path)));
        if (IsPresent(info)) return Describe(info, name, hasWhiteout);
        return hasWhiteout ? Whiteout(name) : null;
    }

    /// <inheritdoc />
    public IEnumerable<BranchEntry> List(string path)
    {
        var directory = _fs.DirectoryInfo.New(HostPath(path));
        if (!directory.Exists || directory.LinkTarget is not null) return [];
        var entries = new Dictionary<string, IFileSystemInfo>(StringComparer.Ordinal);
        var whiteouts = new HashSet<string>(StringComparer.Ordinal);
        foreach (var info in directory.EnumerateFileSystemInfos())
        {
            var name = info.Name;
            if (name.StartsWith(OciMarkers.MetaPrefix, StringComparison.Ordinal)) continue;
            if (OciMarkers.IsReserved(name)) whiteouts.Add(name[OciMarkers.WhiteoutPrefix.Length..]);
            else entries[name] = info;
        }
        var result = new List<BranchEntry>(entries.Count + whiteouts.Count);
        foreach (var (name, info) in entries) result.Add(Describe(info, name, whiteouts.Contains(name)));
        foreach (var name in whiteouts)
            if (!entries.ContainsKey(name) && name.Length > 0) result.Add(Whiteout(name));
        result.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        return result;
    }

    /// <inheritdoc />
    public Stream OpenRead(string path) => _fs.File.Open(HostPath(path), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);

    /// <inheritdoc />
    public Stream OpenWrite(string path) => _fs.File.Open(HostPath(path), FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);

    /// <inheritdoc />
    public void CreateFile(string path, Stream? content, EntryMetadata metadata)
    {
        using var work = OpenWorkArea();
        var host = WritableHostPath(path);
        var temp = NewWorkPath();
        using (var output = _fs.File.Open(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            content?.CopyTo(output);
        ApplyMetadata(temp, metadata);
        _fs.File.Move(temp, host, overwrite: true);
        KeepMetadataAfterRename(host, metadata);
        RemoveWhiteout(path);
    }

    /// <inheritdoc />
    public void CreateDirectory(string path, EntryMetadata metadata, bool opaque)
    {
        using var work = OpenWorkArea();
        var host = WritableHostPath(path);
        if (IsPresent(_fs.FileInfo.New(host))) throw new IOException($"'{path}' already exists in the branch.");
        if (opaque)
        {
            // Prepared with its marker in the work area, then renamed into place: it appears opaque or not at all.
            var temp = NewWorkPath();
            _fs.Directory.CreateDirectory(temp);
            _fs.File.Create(_fs.Path.Join(temp, OciMarkers.OpaqueMarker)).Dispose();
            ApplyMetadata(temp, metadata);
            _fs.Directory.Move(temp, host);
            KeepMetadataAfterRename(host, metadata);
        }
        else
        {
            _fs.Directory.CreateDirectory(host);
            ApplyMetadata(host, metadata);
        }
        RemoveWhiteout(path);
    }

    /// <inheritdoc />
    public void CreateSymbolicLink(string path, string target, EntryMetadata metadata)
    {
        using var work = OpenWorkArea();
        var host = WritableHostPath(path);
        var temp = NewWorkPath();
        _fs.File.CreateSymbolicLink(temp, target);
        _fs.File.Move(temp, host, overwrite: true);
        RemoveWhiteout(path);
    }

    /// <inheritdoc />
    public void CreateWhiteout(string path)
    {
        using var work = OpenWorkArea();
        var host = WritableHostPath(path);
        var whiteout = WhiteoutHostPath(path);
        if (!IsPresent(_fs.FileInfo.New(whiteout)))
        {
            var temp = NewWorkPath();
            _fs.File.Create(temp).Dispose();
            _fs.File.Move(temp, whiteout, overwrite: true);
        }
        RemoveHostEntry(host);
    }

    /// <inheritdoc />
    public void Remove(string path)
    {
        using var work = OpenWorkArea();
        var host = WritableHostPath(path);
        if (!IsPresent(_fs.FileInfo.New(host)) && !IsPresent(_fs.FileInfo.New(WhiteoutHostPath(path))))
            throw new FileNotFoundException($"'{path}' does not exist in the branch.", path);
        RemoveHostEntry(host);
        RemoveWhiteout(path);
    }

    /// <inheritdoc />
    public void Rename(string sourcePath, string destinationPath)
    {
        using var work = OpenWorkArea();
        var source = WritableHostPath(sourcePath);
        var destination = WritableHostPath(destinationPath);
        var info = _fs.FileInfo.New(source);
        if (!IsPresent(info)) throw new FileNotFoundException($"'{sourcePath}' does not exist in the branch.", sourcePath);
        if (IsRealDirectory(info))
        {
            var existing = _fs.DirectoryInfo.New(destination);
            if (existing.Exists && existing.LinkTarget is null)
            {
                if (existing.EnumerateFileSystemInfos().Any()) throw new IOException($"'{destinationPath}' is a directory that is not empty in the branch.");
                existing.Delete();
            }
            else if (IsPresent(_fs.FileInfo.New(destination)))
            {
                _fs.File.Delete(destination);
            }
            _fs.Directory.Move(source, destination);
        }
        else
        {
            var metadata = Stat(sourcePath)!.Metadata;
            _fs.File.Move(source, destination, overwrite: true);
            if (info.LinkTarget is null) KeepMetadataAfterRename(destination, metadata);
        }
        RemoveWhiteout(destinationPath);
    }

    /// <inheritdoc />
    public void SetMetadata(string path, MetadataChange change)
    {
        var host = WritableHostPath(path);
        if (change.UnixMode is { } mode) _fs.File.SetUnixFileMode(host, mode);
        if (change.CreationTimeUtc is { } created) _fs.File.SetCreationTimeUtc(host, created);
        if (change.LastAccessTimeUtc is { } accessed) _fs.File.SetLastAccessTimeUtc(host, accessed);
        if (change.LastWriteTimeUtc is { } written) _fs.File.SetLastWriteTimeUtc(host, written);
    }

    /// <inheritdoc />
    public void SetOpaque(string path, bool opaque)
    {
        var marker = _fs.Path.Join(WritableHostPath(path), OciMarkers.OpaqueMarker);
        if (opaque) _fs.File.Create(marker).Dispose();
        else if (IsPresent(_fs.FileInfo.New(marker))) _fs.File.Delete(marker);
    }

    /// <inheritdoc />
    public void SetRedirect(string path, string? redirect) =>
        throw new NotSupportedException("A DirectoryBranch in the OCI format cannot store directory redirects.");

    private static bool IsPresent(IFileSystemInfo info) => (int)info.Attributes != -1;

    private static bool IsRealDirectory(IFileSystemInfo info) =>
        info.LinkTarget is null && (info.Attributes & FileAttributes.Directory) != 0;

    private static BranchEntry Whiteout(string name) => new() { Name = name, Kind = EntryKind.Whiteout };

    private BranchEntry Describe(IFileSystemInfo info, string name, bool hasWhiteout)
    {
        var attributes = info.Attributes;
        var linkTarget = info.LinkTarget;
        var kind = linkTarget is not null ? EntryKind.SymbolicLink
            : (attributes & FileAttributes.Directory) != 0 ? EntryKind.Directory
            : EntryKind.File;
        var length = kind switch
        {
            EntryKind.File => info is IFileInfo file ? file.Length : _fs.FileInfo.New(info.FullName).Length,
            EntryKind.SymbolicLink => linkTarget!.Length,
            _ => 0,
        };
        // IFileSystemInfo.UnixFileMode is not filled in by every IFileSystem; File.GetUnixFileMode is. A link has no mode of its own.
        var mode = kind == EntryKind.SymbolicLink ? SymbolicLinkMode : _fs.File.GetUnixFileMode(info.FullName);
        // A directory beside its own whiteout was deleted and made again in this layer: OCI reads that as opaque.
        var opaque = kind == EntryKind.Directory
            && (hasWhiteout || IsPresent(_fs.FileInfo.New(_fs.Path.Join(info.FullName, OciMarkers.OpaqueMarker))));
        return new BranchEntry
        {
            Name = name,
            Kind = kind,
            Length = length,
            Attributes = MemoryBranch.KeepKindBits(attributes, kind),
            UnixMode = mode,
            CreationTimeUtc = info.CreationTimeUtc,
            LastAccessTimeUtc = info.LastAccessTimeUtc,
            LastWriteTimeUtc = info.LastWriteTimeUtc,
            LinkTarget = linkTarget,
            IsOpaque = opaque,
        };
    }

    /// <summary>Maps a branch path into the root, refusing anything that could leave it.</summary>
    private string HostPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0 || path[0] != '/' || path.Contains('\0')
            || path.Contains("/../", StringComparison.Ordinal) || path.EndsWith("/..", StringComparison.Ordinal)
            || path.Contains("/./", StringComparison.Ordinal) || path.Contains("//", StringComparison.Ordinal))
            throw new ArgumentException($"'{path}' is not a normalised branch path.", nameof(path));
        return path.Length == 1 ? Root : Root == "/" ? path : Root + path;
    }

    /// <summary>A host path for a change: names reserved for markers cannot be stored in this format.</summary>
    private string WritableHostPath(string path)
    {
        var name = BranchPath.GetName(path);
        if (OciMarkers.IsReserved(name))
            throw new IOException($"The name '{name}' is reserved for whiteouts in an OCI-format branch and cannot be stored.");
        return HostPath(path);
    }

    private string WhiteoutHostPath(string path) =>
        HostPath(BranchPath.Combine(BranchPath.GetParent(path)!, OciMarkers.WhiteoutFor(BranchPath.GetName(path))));

    private string WorkAreaPath => _fs.Path.Join(Root, OciMarkers.WorkDirectory);

    private string NewWorkPath() => _fs.Path.Join(WorkAreaPath, Guid.NewGuid().ToString("N"));

    /// <summary>
    /// Opens the work area for one change and removes it afterwards, so it never lingers where a kernel
    /// mount of the same directory would show it. What an interrupted change left there is cleared first.
    /// </summary>
    private WorkAreaLease OpenWorkArea()
    {
        lock (_workGate)
        {
            if (_workUsers++ == 0)
            {
                if (_fs.Directory.Exists(WorkAreaPath)) _fs.Directory.Delete(WorkAreaPath, recursive: true);
                _fs.Directory.CreateDirectory(WorkAreaPath);
            }
        }
        return new WorkAreaLease(this);
    }

    private void CloseWorkArea()
    {
        lock (_workGate)
        {
            if (--_workUsers == 0 && _fs.Directory.Exists(WorkAreaPath)) _fs.Directory.Delete(WorkAreaPath, recursive: true);
        }
    }

    /// <summary>Keeps the work area open for the duration of one change.</summary>
    private readonly struct WorkAreaLease(DirectoryBranch branch) : IDisposable
    {
        public void Dispose() => branch.CloseWorkArea();
    }

    private void RemoveWhiteout(string path)
    {
        var whiteout = WhiteoutHostPath(path);
        if (IsPresent(_fs.FileInfo.New(whiteout))) _fs.File.Delete(whiteout);
    }

    /// <summary>Removes a host entry; a directory is first renamed into the work area, so it vanishes at once.</summary>
    private void RemoveHostEntry(string host)
    {
        var info = _fs.FileInfo.New(host);
        if (!IsPresent(info)) return;
        if (IsRealDirectory(info))
        {
            var temp = NewWorkPath();
            _fs.Directory.Move(host, temp);
            _fs.Directory.Delete(temp, recursive: true);
        }
        else
        {
            _fs.File.Delete(host);
        }
    }

    /// <summary>
    /// A real rename keeps the inode and so its metadata; some IFileSystem implementations (MockFileSystem)
    /// re-create the entry on a move. Check, and apply again where it was lost.
    /// </summary>
    private void KeepMetadataAfterRename(string host, EntryMetadata metadata)
    {
        if (_fs.File.GetUnixFileMode(host) != metadata.UnixMode || _fs.File.GetLastWriteTimeUtc(host) != metadata.LastWriteTimeUtc)
            ApplyMetadata(host, metadata);
    }

    private void ApplyMetadata(string host, EntryMetadata metadata)
    {
        _fs.File.SetUnixFileMode(host, metadata.UnixMode);
        _fs.File.SetCreationTimeUtc(host, metadata.CreationTimeUtc);
        _fs.File.SetLastAccessTimeUtc(host, metadata.LastAccessTimeUtc);
        _fs.File.SetLastWriteTimeUtc(host, metadata.LastWriteTimeUtc);
    }
}
