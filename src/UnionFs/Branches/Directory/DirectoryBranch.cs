using System.Collections.Concurrent;
using System.IO.Abstractions;
using System.Text;
using UnionFs.Native;

namespace UnionFs;

/// <summary>
/// A branch stored in a directory of any <see cref="IFileSystem"/>: the real disk (<c>new FileSystem()</c>), a
/// <c>MockFileSystem</c>, even another union. As a lower it is only read. As an upper it stores whiteouts,
/// opaque markers and redirects in the chosen <see cref="WhiteoutFormat"/>, and prepares every new entry in
/// a work area inside the root before renaming it into place, so a reader never sees a partial file. The
/// work area exists only while a change runs. Nothing outside the root is read or written.
/// </summary>
public sealed partial class DirectoryBranch : IBranch
{
    /// <summary>The work area's name inside the root; never listed.</summary>
    internal const string WorkDirectoryName = ".wh..wh..unionfs-work";

    private const string PendingWhiteoutSuffix = ".whiteout";

    private const UnixFileMode SymbolicLinkMode = (UnixFileMode)0x1FF; // lrwxrwxrwx

    private readonly IFileSystem _fs;
    private readonly MarkerFormat _format;
    private readonly bool _onLinuxDisk;
    private readonly Lock _workGate = new();
    private readonly ConcurrentDictionary<string, string> _pendingWhiteouts = new(StringComparer.Ordinal);
    private int _workUsers;

    /// <summary>Opens the directory <paramref name="root"/> of <paramref name="fileSystem"/> as a branch.</summary>
    /// <param name="fileSystem">The file system that holds the branch.</param>
    /// <param name="root">An existing directory; it becomes the branch's <c>/</c>.</param>
    /// <param name="whiteoutFormat">How whiteouts, opaque directories and redirects are stored.</param>
    /// <exception cref="DirectoryNotFoundException"><paramref name="root"/> is not an existing directory.</exception>
    /// <exception cref="NotSupportedException"><see cref="WhiteoutFormat.Overlay"/> over anything but the real Linux file system.</exception>
    /// <exception cref="UnauthorizedAccessException"><see cref="WhiteoutFormat.Overlay"/> without root, which <c>trusted.*</c> xattrs and <c>mknod</c> need.</exception>
    public DirectoryBranch(IFileSystem fileSystem, string root, WhiteoutFormat whiteoutFormat = WhiteoutFormat.Oci)
    {
        ArgumentNullException.ThrowIfNull(fileSystem);
        ArgumentException.ThrowIfNullOrEmpty(root);
        if (!Enum.IsDefined(whiteoutFormat)) throw new ArgumentOutOfRangeException(nameof(whiteoutFormat));
        _fs = fileSystem;
        _onLinuxDisk = OperatingSystem.IsLinux() && fileSystem is FileSystem;
        var full = fileSystem.Path.GetFullPath(root);
        Root = full.Length > 1 ? full.TrimEnd('/') : full;
        if (!fileSystem.Directory.Exists(Root)) throw new DirectoryNotFoundException($"The branch root '{Root}' is not an existing directory.");
        WhiteoutFormat = whiteoutFormat;
        _format = whiteoutFormat == WhiteoutFormat.Oci ? new OciMarkerFormat(fileSystem) : CreateOverlayFormat(fileSystem);
        LoadPendingWhiteouts();
    }

    /// <summary>The branch root in the underlying file system.</summary>
    public string Root { get; }

    /// <summary>How whiteouts, opaque directories and redirects are stored.</summary>
    public WhiteoutFormat WhiteoutFormat { get; }

    /// <inheritdoc />
    public bool IsReadOnly => false;

    /// <inheritdoc />
    public bool SupportsRedirect => _format.SupportsRedirect;

    /// <inheritdoc />
    public BranchEntry? Stat(string path)
    {
        var host = HostPath(path);
        if (path.Length == 1) return Describe(_fs.DirectoryInfo.New(host), path, string.Empty, hasWhiteoutBeside: false);
        var name = BranchPath.GetName(path);
        // A name or path longer than the host takes cannot be in the branch; asking the host would only throw.
        if (IsHiddenName(name) || !HostCanHold(host)) return null;
        if (!_pendingWhiteouts.IsEmpty && _pendingWhiteouts.ContainsKey(path)) return Whiteout(name);
        var beside = _format.WhiteoutBeside(host);
        var hasWhiteoutBeside = beside is not null && HostCanHold(beside) && IsPresent(_fs.FileInfo.New(beside));
        var info = _fs.FileInfo.New(host);
        if (IsPresent(info))
        {
            try
            {
                return IsWhiteoutEntry(info) ? Whiteout(name) : Describe(info, path, name, hasWhiteoutBeside);
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
            {
                // Removed or renamed while it was read: the name is gone, as a stat racing a rename finds.
            }
        }
        return hasWhiteoutBeside ? Whiteout(name) : null;
    }

    /// <inheritdoc />
    public IEnumerable<BranchEntry> List(string path)
    {
        var host = HostPath(path);
        if (!HostCanHold(host)) return [];
        if (ListNatively(path, host) is { } listed) return listed;
        var directory = _fs.DirectoryInfo.New(host);
        if (!directory.Exists || directory.LinkTarget is not null) return [];
        var entries = new Dictionary<string, IFileSystemInfo>(StringComparer.Ordinal);
        var whiteouts = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            foreach (var info in directory.EnumerateFileSystemInfos())
            {
                var name = info.Name;
                if (_format.IsMarkerName(name))
                {
                    if (_format.WhitedOutName(name) is { } hidden) whiteouts.Add(hidden);
                    continue;
                }
                if (!IsHiddenName(name)) entries[name] = info;
            }
        }
        catch (DirectoryNotFoundException)
        {
            // The directory was removed or renamed while it was read: the names read so far are the listing.
        }
        var result = new List<BranchEntry>(entries.Count + whiteouts.Count);
        foreach (var (name, info) in entries)
        {
            var childPath = BranchPath.Combine(path, name);
            try
            {
                result.Add(IsWhiteoutEntry(info) || (!_pendingWhiteouts.IsEmpty && _pendingWhiteouts.ContainsKey(childPath))
                    ? Whiteout(name)
                    : Describe(info, childPath, name, whiteouts.Contains(name)));
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
            {
                // Gone since the directory was read: a listing is a snapshot, as readdir's is.
            }
        }
        foreach (var name in whiteouts)
            if (!entries.ContainsKey(name)) result.Add(Whiteout(name));
        result.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        return result;
    }

    /// <inheritdoc />
    /// <exception cref="IOException">The entry is a named pipe, socket or device (on the real Linux file system).</exception>
    public Stream OpenRead(string path) => _fs.File.Open(RegularFileHostPath(path), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);

    /// <inheritdoc />
    /// <exception cref="IOException">The entry is a named pipe, socket or device (on the real Linux file system).</exception>
    public Stream OpenWrite(string path) => _fs.File.Open(RegularFileHostPath(path), FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);

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
        RemoveWhiteoutBeside(host);
    }

    /// <inheritdoc />
    public void CreateDirectory(string path, EntryMetadata metadata, bool opaque)
    {
        using var work = OpenWorkArea();
        var host = WritableHostPath(path);
        if (opaque && !_format.CanMarkOpaque(host)) throw TooLong(path);
        var existing = _fs.FileInfo.New(host);
        var overWhiteout = IsPresent(existing) && IsWhiteoutEntry(existing);
        if (IsPresent(existing) && !overWhiteout) throw new IOException($"'{path}' already exists in the branch.");
        if (opaque || overWhiteout)
        {
            // Prepared with its marker in the work area, then renamed into place: it appears whole or not at all.
            var temp = NewWorkPath();
            _fs.Directory.CreateDirectory(temp);
            if (opaque) _format.SetOpaque(temp, true);
            ApplyMetadata(temp, metadata);
            if (overWhiteout)
            {
                // Over an overlayfs whiteout: swap the two atomically, then drop the whiteout.
                LibC.Rename(temp, host, LibC.RenameExchange);
                _fs.File.Delete(temp);
            }
            else
            {
                _fs.Directory.Move(temp, host);
            }
            KeepMetadataAfterRename(host, metadata);
        }
        else
        {
            _fs.Directory.CreateDirectory(host);
            ApplyMetadata(host, metadata);
        }
        RemoveWhiteoutBeside(host);
    }

    /// <inheritdoc />
    public void CreateSymbolicLink(string path, string target, EntryMetadata metadata)
    {
        using var work = OpenWorkArea();
        var host = WritableHostPath(path);
        if (Encoding.UTF8.GetByteCount(target) > MaxPathBytes) throw TooLong(path);
        var temp = NewWorkPath();
        _fs.File.CreateSymbolicLink(temp, target);
        MoveNonDirectory(temp, host);
        RemoveWhiteoutBeside(host);
    }

    /// <inheritdoc />
    public void CreateWhiteout(string path)
    {
        using var work = OpenWorkArea();
        var host = WritableHostPath(path, allowReserved: true);
        var beside = _format.WhiteoutBeside(host);
        if (beside is not null && !HostCanHold(beside)) throw TooLong(path);
        var temp = NewWorkPath();
        if (beside is not null)
        {
            // OCI: a directory beside its whiteout would read as opaque, neither before nor after. A journal
            // entry commits the change first; readers (also after a crash) honour it until it is complete.
            var intent = IsRealDirectory(_fs.FileInfo.New(host)) ? CommitPendingWhiteout(path) : null;
            CompleteWhiteout(host, beside);
            if (intent is not null) FinishPendingWhiteout(path, intent);
            return;
        }

        _format.PrepareWhiteout(temp);
        var existing = _fs.FileInfo.New(host);
        if (IsRealDirectory(existing))
        {
            // The kernel's way: exchange the directory with the whiteout in one step, then delete the directory.
            LibC.Rename(temp, host, LibC.RenameExchange);
            _fs.Directory.Delete(temp, recursive: true);
        }
        else
        {
            _fs.File.Move(temp, host, overwrite: true);
        }
    }

    /// <inheritdoc />
    public void Remove(string path)
    {
        using var work = OpenWorkArea();
        var host = WritableHostPath(path, allowReserved: true);
        var beside = _format.WhiteoutBeside(host);
        if (!IsPresent(_fs.FileInfo.New(host)) && (beside is null || !HostCanHold(beside) || !IsPresent(_fs.FileInfo.New(beside))))
            throw new FileNotFoundException($"'{path}' does not exist in the branch.", path);
        RemoveHostEntry(host);
        RemoveWhiteoutBeside(host);
    }

    /// <inheritdoc />
    public void Rename(string sourcePath, string destinationPath, bool leaveWhiteout = false)
    {
        using var work = OpenWorkArea();
        var source = WritableHostPath(sourcePath);
        var destination = WritableHostPath(destinationPath);
        var info = _fs.FileInfo.New(source);
        if (!IsPresent(info)) throw new FileNotFoundException($"'{sourcePath}' does not exist in the branch.", sourcePath);
        var existing = _fs.FileInfo.New(destination);
        var sourceIsDirectory = IsRealDirectory(info);
        if (IsRealDirectory(existing))
        {
            if (!sourceIsDirectory) throw new IOException($"'{destinationPath}' is a directory in the branch.");
            if (_fs.DirectoryInfo.New(destination).EnumerateFileSystemInfos().Any())
                throw new IOException($"'{destinationPath}' is a directory that is not empty in the branch.");
        }

        var sourceBeside = _format.WhiteoutBeside(source);
        if (sourceBeside is null)
        {
            RenameInOverlayFormat(source, destination, existing, sourceIsDirectory, leaveWhiteout);
            return;
        }

        // OCI: the whiteout beside comes first; the entry still wins over it until it moves away.
        if (leaveWhiteout && !HostCanHold(sourceBeside)) throw TooLong(sourcePath);
        if (leaveWhiteout && !IsPresent(_fs.FileInfo.New(sourceBeside)))
        {
            var temp = NewWorkPath();
            _format.PrepareWhiteout(temp);
            _fs.File.Move(temp, sourceBeside, overwrite: true);
        }
        if (sourceIsDirectory)
        {
            if (IsRealDirectory(existing)) _fs.Directory.Delete(destination);
            else if (IsPresent(existing)) _fs.File.Delete(destination);
            _fs.Directory.Move(source, destination);
        }
        else
        {
            var metadata = Stat(sourcePath)!.Metadata;
            MoveNonDirectory(source, destination);
            if (info.LinkTarget is null) KeepMetadataAfterRename(destination, metadata);
        }
        RemoveWhiteoutBeside(destination);
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
        var host = WritableHostPath(path);
        if (opaque && !_format.CanMarkOpaque(host)) throw TooLong(path);
        _format.SetOpaque(host, opaque);
    }

    /// <inheritdoc />
    public void SetRedirect(string path, string? redirect) => _format.SetRedirect(WritableHostPath(path), path, redirect);

    /// <summary>Overlay format: renameat2 does each case in one step, as the kernel does.</summary>
    private void RenameInOverlayFormat(string source, string destination, IFileSystemInfo existing, bool sourceIsDirectory, bool leaveWhiteout)
    {
        var ontoWhiteout = IsPresent(existing) && IsWhiteoutEntry(existing);
        if (ontoWhiteout && sourceIsDirectory)
        {
            // A directory cannot replace a device: exchange them, and the whiteout lands at the old name.
            LibC.Rename(source, destination, LibC.RenameExchange);
            if (!leaveWhiteout) _fs.File.Delete(source);
            return;
        }
        if (IsRealDirectory(existing)) _fs.Directory.Delete(destination);
        if (leaveWhiteout) LibC.Rename(source, destination, LibC.RenameWhiteout);
        else if (sourceIsDirectory) _fs.Directory.Move(source, destination);
        else MoveNonDirectory(source, destination);
    }

    /// <summary>OCI whiteout: the marker beside first (atomic), then the entry goes.</summary>
    private void CompleteWhiteout(string host, string beside)
    {
        if (!IsPresent(_fs.FileInfo.New(beside)))
        {
            var temp = NewWorkPath();
            _format.PrepareWhiteout(temp);
            _fs.File.Move(temp, beside, overwrite: true);
        }
        RemoveHostEntry(host);
    }

    /// <summary>True when an <see cref="IFileSystemInfo"/> names something that exists (a dangling link included).</summary>
    internal static bool IsPresent(IFileSystemInfo info) => (int)info.Attributes != -1;

    private static bool IsRealDirectory(IFileSystemInfo info) =>
        IsPresent(info) && info.LinkTarget is null && (info.Attributes & FileAttributes.Directory) != 0;

    private static BranchEntry Whiteout(string name) => new() { Name = name, Kind = EntryKind.Whiteout };

    private static OverlayMarkerFormat CreateOverlayFormat(IFileSystem fileSystem)
    {
        if (!OperatingSystem.IsLinux() || fileSystem is not FileSystem)
            throw new NotSupportedException("WhiteoutFormat.Overlay stores character devices and trusted.overlay.* xattrs: it needs the real Linux file system (new FileSystem()).");
        if (LibC.EffectiveUserId() != 0)
            throw new UnauthorizedAccessException("WhiteoutFormat.Overlay needs root (CAP_SYS_ADMIN for trusted.overlay.* xattrs, CAP_MKNOD for whiteouts); run as root or use WhiteoutFormat.Oci.");
        return new OverlayMarkerFormat();
    }

    private bool IsHiddenName(string name) => _format.IsMarkerName(name) || name == WorkDirectoryName;

    private bool IsWhiteoutEntry(IFileSystemInfo info) =>
        _format.IsWhiteoutEntry(info.FullName, isRegularOrOther: info.LinkTarget is null && (info.Attributes & FileAttributes.Directory) == 0);

    private BranchEntry Describe(IFileSystemInfo info, string branchPath, string name, bool hasWhiteoutBeside)
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
        var isDirectory = kind == EntryKind.Directory;
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
            IsOpaque = isDirectory && _format.IsOpaque(info.FullName, hasWhiteoutBeside),
            Redirect = isDirectory && branchPath.Length > 1 ? _format.ReadRedirect(info.FullName, branchPath) : null,
        };
    }

    /// <summary>
    /// Renames a file, link or whiteout over a non-directory. File.Move refuses a link whose target the host reads as
    /// a directory; Directory.Move renames such a link itself, but replaces nothing, so the old entry goes first.
    /// </summary>
    private void MoveNonDirectory(string source, string destination)
    {
        var info = _fs.FileInfo.New(source);
        if (info.LinkTarget is null || (info.Attributes & FileAttributes.Directory) == 0)
        {
            _fs.File.Move(source, destination, overwrite: true);
            return;
        }
        if (IsPresent(_fs.FileInfo.New(destination))) _fs.File.Delete(destination);
        _fs.Directory.Move(source, destination);
    }

    private void RemoveWhiteoutBeside(string host)
    {
        var beside = _format.WhiteoutBeside(host);
        if (beside is not null && HostCanHold(beside) && IsPresent(_fs.FileInfo.New(beside))) _fs.File.Delete(beside);
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
