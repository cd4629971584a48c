using System.IO.Abstractions;
using UnionFs.Engine;

namespace UnionFs.Facade;

/// <summary>
/// Opening a file of the union: FileStream's argument checks, open(2) through the engine, the
/// <see cref="FileShare"/> locks, and the exceptions SafeFileHandle.Open gives.
/// </summary>
internal sealed partial class UnionFile
{
    /// <summary>
    /// The one way a file is opened, for every File.Open, FileInfo.Open and FileStream shape: FileStream's own
    /// argument checks in its order, then open(2), then its buffer, Append start and DeleteOnClose.
    /// </summary>
    internal FileSystemStream OpenFileStream(string path, FileMode mode, FileAccess access, FileShare share, int bufferSize, FileOptions options, UnixFileMode? createMode = null)
    {
        // FileStream's order: the path's null or empty, the enums, the buffer, and only then the path's characters.
        ArgumentException.ThrowIfNullOrEmpty(path);
        ValidateModeAndAccess(mode, access);
        if (share is < FileShare.None or > (FileShare.ReadWrite | FileShare.Delete | FileShare.Inheritable))
            throw new ArgumentOutOfRangeException(nameof(share), "Enum value was out of legal range.");
        if ((options & ~ValidFileOptions) != 0) throw new ArgumentOutOfRangeException(nameof(options), "Enum value was out of legal range.");
        if (bufferSize < 0) throw new ArgumentOutOfRangeException(nameof(bufferSize), "Non-negative number required.");
        var full = _fs.Full(path);
        var shown = UnionFileSystem.Shown(path, full);
        if (UnionPath.EndsInSeparator(path)) ThrowForFileWithSeparator(full, shown, mode);
        var handle = OpenStream(full, shown, mode, access, share, options, createMode);
        return new UnionFileStream(handle, shown, bufferSize, isAsync: (options & FileOptions.Asynchronous) != 0);
    }

    private const FileOptions ValidFileOptions = FileOptions.WriteThrough | FileOptions.Asynchronous | FileOptions.RandomAccess
        | FileOptions.DeleteOnClose | FileOptions.SequentialScan | FileOptions.Encrypted | (FileOptions)0x20000000;

    /// <summary>Throws what FileStream throws for an invalid mode and access combination.</summary>
    private static void ValidateModeAndAccess(FileMode mode, FileAccess access)
    {
        if (mode is < FileMode.CreateNew or > FileMode.Append) throw new ArgumentOutOfRangeException(nameof(mode), "Enum value was out of legal range.");
        if (access is < FileAccess.Read or > FileAccess.ReadWrite) throw new ArgumentOutOfRangeException(nameof(access), "Enum value was out of legal range.");
        if ((access & FileAccess.Write) == 0 && mode is FileMode.Truncate or FileMode.CreateNew or FileMode.Create or FileMode.Append)
            throw new ArgumentException($"Combining FileMode: {mode} with FileAccess: {access} is invalid.", nameof(access));
        if (mode == FileMode.Append && (access & FileAccess.Read) != 0)
            throw new ArgumentException($"Combining FileMode: {mode} with FileAccess: {access} is invalid.", nameof(access));
    }

    /// <summary>
    /// Opens a branch stream as SafeFileHandle.Open does, with its exceptions and its <see cref="FileShare"/> lock:
    /// taken after the open, except that a truncating open of an existing file is locked first, so a sharing
    /// violation never leaves the file truncated.
    /// </summary>
    private FileHandleStream OpenStream(string full, string shown, FileMode mode, FileAccess access, FileShare share, FileOptions options = FileOptions.None, UnixFileMode? createMode = null)
    {
        // One lookup: a truncating open of an existing file takes its lock in the engine, before it truncates.
        var error = Engine.Files.Open(full, mode, access, createMode, _fs.FileLocks, share, out var stream, out var resolved, out var shareLock);
        if (error == Errno.EWOULDBLOCK) throw UnionErrors.SharingViolation(shown);
        if (error != Errno.None) throw OpenError(error, full, shown);
        shareLock ??= LockResolved(resolved!, shown, share, stream!);
        var appendStart = mode == FileMode.Append ? stream!.Position : -1;
        var onClose = (options & FileOptions.DeleteOnClose) != 0 ? UnlinkOnClose(full) : null;
        return new FileHandleStream(stream!, access, shareLock, appendStart, onClose, (access & FileAccess.Read) != 0 ? Engine.Times : null, resolved!, shown);
    }

    /// <summary>
    /// The close action of <see cref="FileOptions.DeleteOnClose"/>. Made apart: a lambda in the open itself would
    /// make every open allocate its captured variables, used or not.
    /// </summary>
    private Action UnlinkOnClose(string full) => () => Engine.Directories.Unlink(full);

    /// <summary>
    /// open(2) of a path written with a trailing separator, where the kernel wants a directory: with O_CREAT it is
    /// EISDIR whatever is there; without, a file there (or none) is ENOTDIR or ENOENT and a directory goes the usual way.
    /// </summary>
    private void ThrowForFileWithSeparator(string full, string shown, FileMode mode)
    {
        var error = Engine.Lookup.TryResolve(full, followFinal: true, out var node);
        if (error != Errno.None) return;
        if (mode is FileMode.Create or FileMode.CreateNew or FileMode.OpenOrCreate or FileMode.Append) throw UnionErrors.AccessDenied(shown);
        if (node!.IsDirectory) return;
        throw node.Exists ? UnionErrors.DirectoryNotFound(shown) : UnionErrors.FileNotFound(shown);
    }

    /// <summary>Locks the file <paramref name="full"/> names when it exists (null when it does not yet); throws on a conflict.</summary>
    private IDisposable? LockExisting(string full, string shown, FileShare share)
    {
        if (Engine.Lookup.TryResolve(full, followFinal: true, out var node) != Errno.None || !node!.IsFile) return null;
        return _fs.FileLocks.TryAcquire(node.Path, share) ?? throw UnionErrors.SharingViolation(shown);
    }

    /// <summary>Locks the file just opened at <paramref name="full"/>; on a conflict closes <paramref name="opened"/> and throws.</summary>
    private IDisposable LockOpened(string full, string shown, FileShare share, Stream opened)
    {
        var target = Engine.Lookup.TryResolve(full, followFinal: true, out var node) == Errno.None && node!.Exists ? node.Path : full;
        return LockResolved(target, shown, share, opened);
    }

    /// <summary>Locks the file just opened, known by its resolved union path; on a conflict closes <paramref name="opened"/> and throws.</summary>
    private IDisposable LockResolved(string resolved, string shown, FileShare share, Stream opened)
    {
        var shareLock = _fs.FileLocks.TryAcquire(resolved, share);
        if (shareLock is not null) return shareLock;
        opened.Dispose();
        throw UnionErrors.SharingViolation(shown);
    }

    /// <summary>The exception a whole-file helper throws for <paramref name="error"/>: its open's, or a sharing violation.</summary>
    private Exception WholeFileError(Errno error, string full, string path)
    {
        var shown = UnionFileSystem.Shown(path, full);
        return error == Errno.EWOULDBLOCK ? UnionErrors.SharingViolation(shown) : OpenError(error, full, shown);
    }

    /// <summary>
    /// SafeFileHandle.Open's exceptions: ENOENT is a missing file when the directory of the path as given exists,
    /// else a missing directory; a directory is denied (EISDIR from open, or .NET's own check after it).
    /// </summary>
    private Exception OpenError(Errno error, string full, string shown) => error switch
    {
        Errno.ENOENT => UnionErrors.FromErrno(error, shown, isDirectory: !EntryStatus.ParentIsDirectory(Engine, full)),
        Errno.EISDIR => UnionErrors.AccessDenied(shown),
        _ => UnionErrors.FromErrno(error, shown),
    };
}
