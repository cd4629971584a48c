using System.IO.Abstractions;
using System.Runtime.CompilerServices;
using System.Text;
using UnionFs.Engine;

namespace UnionFs.Facade;

/// <summary>
/// <see cref="IFile"/> over a union. Each overload funnels into one canonical member, which makes .NET's
/// own checks in .NET's order and asks the engine (which decides every union rule) for the rest.
/// </summary>
internal sealed partial class UnionFile : IFile
{
    private static readonly Encoding Utf8NoBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);
    private readonly UnionFileSystem _fs;

    public UnionFile(UnionFileSystem fs) => _fs = fs;

    public IFileSystem FileSystem => _fs;

    private UnionEngine Engine => _fs.Engine;

    // ---- canonical members ----

    public FileSystemStream Open(string path, FileMode mode, FileAccess access, FileShare share)
    {
        var full = _fs.Full(path);
        ValidateModeAndAccess(mode, access);
        if (share is < FileShare.None or > (FileShare.ReadWrite | FileShare.Delete | FileShare.Inheritable))
            throw new ArgumentOutOfRangeException(nameof(share), "Enum value was out of legal range.");
        if (UnionPath.EndsInSeparator(path)) ThrowForFileWithSeparator(full, mode);
        return new UnionFileStream(OpenStream(full, mode, access, share), full, isAsync: false);
    }

    public bool Exists(string? path)
    {
        if (string.IsNullOrEmpty(path) || path.Contains('\0')) return false;
        return EntryStatus.Of(Engine, _fs.Full(path)).IsFile;
    }

    /// <summary>
    /// As .NET: unlink; a missing name is no error unless its directory is missing; a directory is denied.
    /// On a read-only union a missing name is still no error.
    /// </summary>
    public void Delete(string path)
    {
        var full = _fs.Full(path);
        var error = Engine.Directories.Unlink(full);
        switch (error)
        {
            case Errno.None:
                return;
            case Errno.ENOENT:
                if (!EntryStatus.ParentIsDirectory(Engine, full)) throw UnionErrors.DirectoryNotFound(full);
                return;
            case Errno.EROFS when EntryStatus.Of(Engine, full) is { Exists: false, Error: Errno.None }:
                return;
            case Errno.EISDIR:
                throw UnionErrors.AccessDenied(full);
            default:
                throw UnionErrors.FromErrno(error, full);
        }
    }

    /// <summary>
    /// As .NET: the source is opened first (so its errors come first), then the destination is created
    /// (overwrite) or created new; the source's mode goes to the destination.
    /// </summary>
    public void Copy(string sourceFileName, string destFileName, bool overwrite)
    {
        var source = _fs.Full(sourceFileName, nameof(sourceFileName));
        var destination = _fs.Full(destFileName, nameof(destFileName));
        using var input = OpenStream(source, FileMode.Open, FileAccess.Read, FileShare.Read);
        var sourceNode = Engine.Lookup.Resolve(source, followFinal: true);
        if (overwrite && Engine.Lookup.TryResolve(destination, followFinal: true, out var target) == Errno.None && target!.Exists && target.Path == sourceNode.Path)
        {
            // .NET holds the source open with a shared lock and asks for an exclusive one on the destination.
            throw UnionErrors.SharingViolation(destination);
        }
        // The destination is opened exclusively; an existing one is locked before it is truncated.
        var destinationLock = overwrite ? LockExisting(destination, FileShare.None) : null;
        var error = Engine.Files.Open(destination, overwrite ? FileMode.Create : FileMode.CreateNew, FileAccess.Write, out var output);
        if (error != Errno.None) destinationLock?.Dispose();
        if (error == Errno.EEXIST && EntryStatus.DirectoryExists(Engine, destination)) throw UnionErrors.CopyTargetIsDirectory(destination);
        if (error != Errno.None) throw OpenError(error, destination);
        destinationLock ??= LockOpened(destination, FileShare.None, output!);
        using (destinationLock)
        using (output)
            input.CopyTo(output!);
        var modeError = Engine.Metadata.Set(destination, new MetadataChange(UnixMode: sourceNode.Entry!.UnixMode), followFinal: true);
        if (modeError != Errno.None) throw UnionErrors.FromErrno(modeError, destination);
    }

    /// <summary>
    /// As .NET: the source must be a file (a broken link counts). With overwrite, one rename; without, a rename
    /// only when the destination is free (or the same entry), else what link(2) answers.
    /// </summary>
    public void Move(string sourceFileName, string destFileName, bool overwrite)
    {
        var source = _fs.Full(sourceFileName, nameof(sourceFileName));
        var destination = _fs.Full(destFileName, nameof(destFileName));
        var sourceStatus = EntryStatus.Of(Engine, source);
        if (!sourceStatus.IsFile) throw UnionErrors.FileNotFound(source);
        // The kernel refuses a non-directory named with a trailing separator (.NET passes the path on as written).
        var directoryOnly = UnionPath.EndsInSeparator(sourceFileName) || UnionPath.EndsInSeparator(destFileName);
        if (overwrite)
        {
            var error = Engine.Directories.Rename(source, destination, directoryOnly);
            if (error != Errno.None)
                throw UnionErrors.FromErrno(error, destination, isDirectory: error == Errno.ENOENT && !EntryStatus.ParentIsDirectory(Engine, destination));
            return;
        }

        // Without overwrite .NET renames only onto a free name (lstat), else it links, and link(2) looks at the source first.
        if (UnionPath.EndsInSeparator(sourceFileName)) throw UnionErrors.DirectoryNotFound(source);
        var destinationStatus = EntryStatus.Of(Engine, destination);
        if (destinationStatus.Exists && destinationStatus.Node!.Path != sourceStatus.Node!.Path) throw UnionErrors.AlreadyExists(destination);
        var renameError = Engine.Directories.Rename(source, destination, directoryOnly);
        if (renameError != Errno.None) throw LinkError(renameError, source, destination);
    }

    /// <summary>
    /// As .NET: the source and destination must be files (by lstat) and not the same one; the backup is deleted,
    /// then made a copy (a hard link on disk) of the destination; then the source is renamed over the destination.
    /// </summary>
    public void Replace(string sourceFileName, string destinationFileName, string? destinationBackupFileName, bool ignoreMetadataErrors)
    {
        ArgumentNullException.ThrowIfNull(sourceFileName);
        ArgumentNullException.ThrowIfNull(destinationFileName);
        var source = _fs.Full(sourceFileName, nameof(sourceFileName));
        var destination = _fs.Full(destinationFileName, nameof(destinationFileName));
        var backup = destinationBackupFileName is null ? null : _fs.Full(destinationBackupFileName, nameof(destinationBackupFileName));

        var sourceStatus = EntryStatus.Of(Engine, source);
        sourceStatus.ThrowIfFailed(source);
        if (!sourceStatus.Exists) throw EntryStatus.NotFound(Engine, source);
        if (sourceStatus.Node!.IsDirectory) throw UnionErrors.NotAFile(source);
        var destinationStatus = EntryStatus.Of(Engine, destination);
        if (destinationStatus.Exists)
        {
            if (destinationStatus.Node!.IsDirectory) throw UnionErrors.NotAFile(destination);
            if (destinationStatus.Node.Path == sourceStatus.Node.Path) throw UnionErrors.ReplaceSameFile(source, destination);
        }

        var sourceReplaced = false;
        if (backup is not null)
        {
            var unlinkError = Engine.Directories.Unlink(backup);
            if (unlinkError is not Errno.None and not Errno.ENOENT) throw UnionErrors.FromErrno(unlinkError, backup);
            var linkError = Engine.Directories.Link(destination, backup);
            if (linkError != Errno.None) throw LinkError(linkError, destination, backup);
            // The backup took the source's name: on disk that name is now the destination's inode, and a
            // rename between two names of one inode does nothing.
            sourceReplaced = EntryStatus.Of(Engine, backup).Node?.Path == sourceStatus.Node.Path;
        }
        else if (Engine.Lookup.TryResolve(destination, followFinal: true, out var target) == Errno.ENOENT || target?.Exists == false)
        {
            throw UnionErrors.FileNotFound();
        }

        if (sourceReplaced) return;
        var error = Engine.Directories.Rename(source, destination);
        if (error != Errno.None) throw UnionErrors.FromErrno(error, destination);
    }

    public FileAttributes GetAttributes(string path)
    {
        var full = _fs.Full(path);
        var status = EntryStatus.Of(Engine, full);
        status.ThrowIfFailed(full);
        if (!status.Exists) throw EntryStatus.NotFound(Engine, full);
        return status.Attributes;
    }

    /// <summary>As .NET: only ReadOnly means something on Unix; it takes every write bit away, or gives the owner one back.</summary>
    public void SetAttributes(string path, FileAttributes fileAttributes)
    {
        var full = _fs.Full(path);
        if ((fileAttributes & ~ValidAttributes) != 0) throw new ArgumentException("Invalid File or Directory attributes value.", nameof(fileAttributes));
        var status = EntryStatus.Of(Engine, full);
        status.ThrowIfFailed(full);
        if (!status.Exists) throw EntryStatus.NotFound(Engine, full);
        var mode = status.CachedMode;
        var newMode = mode;
        if ((fileAttributes & FileAttributes.ReadOnly) != 0) newMode &= ~(UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite);
        else if ((newMode & UnixFileMode.UserRead) != 0) newMode |= UnixFileMode.UserWrite;
        if (newMode != mode) ChangeMode(full, newMode);
    }

    public DateTime GetCreationTimeUtc(string path) => StatForTimes(path).CreationTimeUtc;

    public DateTime GetLastAccessTimeUtc(string path) => StatForTimes(path).LastAccessTimeUtc;

    public DateTime GetLastWriteTimeUtc(string path) => StatForTimes(path).LastWriteTimeUtc;

    public void SetCreationTimeUtc(string path, DateTime creationTimeUtc) =>
        SetTimes(path, new MetadataChange(CreationTimeUtc: Utc(creationTimeUtc)));

    public void SetLastAccessTimeUtc(string path, DateTime lastAccessTimeUtc) =>
        SetTimes(path, new MetadataChange(LastAccessTimeUtc: Utc(lastAccessTimeUtc)));

    public void SetLastWriteTimeUtc(string path, DateTime lastWriteTimeUtc) =>
        SetTimes(path, new MetadataChange(LastWriteTimeUtc: Utc(lastWriteTimeUtc)));

    public UnixFileMode GetUnixFileMode(string path)
    {
        var full = _fs.Full(path);
        var status = EntryStatus.Of(Engine, full);
        status.ThrowIfFailed(full);
        var mode = status.UnixMode;
        return mode != (UnixFileMode)(-1) ? mode : throw EntryStatus.NotFound(Engine, full);
    }

    /// <summary>As .NET: the entry must exist (lstat); then chmod follows a link, as Linux has no link permissions.</summary>
    public void SetUnixFileMode(string path, UnixFileMode mode)
    {
        var full = _fs.Full(path);
        if ((mode & ~AllUnixModes) != 0) throw new ArgumentException("Invalid UnixFileMode value.", nameof(mode));
        var status = EntryStatus.Of(Engine, full);
        status.ThrowIfFailed(full);
        if (!status.Exists) throw EntryStatus.NotFound(Engine, full);
        ChangeMode(full, mode);
    }

    public IFileSystemInfo CreateSymbolicLink(string path, string pathToTarget)
    {
        var full = _fs.Full(path);
        UnionPath.Validate(pathToTarget, nameof(pathToTarget));
        CreateLink(Engine, full, pathToTarget);
        return new UnionFileInfo(_fs, full);
    }

    public IFileSystemInfo? ResolveLinkTarget(string linkPath, bool returnFinalTarget) =>
        LinkResolver.Resolve(_fs, _fs.Full(linkPath, nameof(linkPath)), returnFinalTarget, asDirectory: false);

    /// <summary>symlink(2) with .NET's errors: a missing directory on the way is DirectoryNotFound for files too.</summary>
    internal static void CreateLink(UnionEngine engine, string full, string pathToTarget)
    {
        var error = engine.Directories.CreateSymbolicLink(full, pathToTarget);
        if (error != Errno.None) throw UnionErrors.FromErrno(error, full, isDirectory: true);
    }

    // ---- stream helpers ----

    public StreamWriter AppendText(string path) => new(Open(path, FileMode.Append, FileAccess.Write, FileShare.Read), Utf8NoBom);

    public StreamWriter CreateText(string path) => new(Open(path, FileMode.Create, FileAccess.Write, FileShare.Read), Utf8NoBom);

    public StreamReader OpenText(string path) => OpenText(path, Encoding.UTF8);

    public FileSystemStream Create(string path) => Open(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None);

    public FileSystemStream Create(string path, int bufferSize) => Create(path);

    public FileSystemStream Create(string path, int bufferSize, FileOptions options) => Create(path);

    public FileSystemStream Open(string path, FileMode mode) =>
        Open(path, mode, mode == FileMode.Append ? FileAccess.Write : FileAccess.ReadWrite, FileShare.None);

    public FileSystemStream Open(string path, FileMode mode, FileAccess access) => Open(path, mode, access, FileShare.None);

    public FileSystemStream Open(string path, FileStreamOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Open(path, options.Mode, options.Access, options.Share);
    }

    public FileSystemStream OpenRead(string path) => Open(path, FileMode.Open, FileAccess.Read, FileShare.Read);

    public FileSystemStream OpenWrite(string path) => Open(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.None);

    // ---- overloads ----

    public void Copy(string sourceFileName, string destFileName) => Copy(sourceFileName, destFileName, overwrite: false);

    public void Move(string sourceFileName, string destFileName) => Move(sourceFileName, destFileName, overwrite: false);

    public void Replace(string sourceFileName, string destinationFileName, string? destinationBackupFileName) =>
        Replace(sourceFileName, destinationFileName, destinationBackupFileName, ignoreMetadataErrors: false);

    public DateTime GetCreationTime(string path) => GetCreationTimeUtc(path).ToLocalTime();

    public DateTime GetLastAccessTime(string path) => GetLastAccessTimeUtc(path).ToLocalTime();

    public DateTime GetLastWriteTime(string path) => GetLastWriteTimeUtc(path).ToLocalTime();

    public void SetCreationTime(string path, DateTime creationTime) => SetCreationTimeUtc(path, creationTime.ToUniversalTime());

    public void SetLastAccessTime(string path, DateTime lastAccessTime) => SetLastAccessTimeUtc(path, lastAccessTime.ToUniversalTime());

    public void SetLastWriteTime(string path, DateTime lastWriteTime) => SetLastWriteTimeUtc(path, lastWriteTime.ToUniversalTime());

    // ---- private helpers ----

    private const FileAttributes ValidAttributes =
        FileAttributes.Archive | FileAttributes.Compressed | FileAttributes.Device | FileAttributes.Directory | FileAttributes.Encrypted
        | FileAttributes.Hidden | FileAttributes.IntegrityStream | FileAttributes.Normal | FileAttributes.NoScrubData
        | FileAttributes.NotContentIndexed | FileAttributes.Offline | FileAttributes.ReadOnly | FileAttributes.ReparsePoint
        | FileAttributes.SparseFile | FileAttributes.System | FileAttributes.Temporary;

    private const UnixFileMode AllUnixModes = (UnixFileMode)0xFFF;

    private static DateTime Utc(DateTime time) => time.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(time, DateTimeKind.Local).ToUniversalTime() : time.ToUniversalTime();

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
    private AccessLimitedStream OpenStream(string full, FileMode mode, FileAccess access, FileShare share)
    {
        var shareLock = mode is FileMode.Create or FileMode.Truncate && !_fs.IsReadOnly ? LockExisting(full, share) : null;
        var error = Engine.Files.Open(full, mode, access, out var stream);
        if (error != Errno.None)
        {
            shareLock?.Dispose();
            throw OpenError(error, full);
        }
        shareLock ??= LockOpened(full, share, stream!);
        return new AccessLimitedStream(stream!, access, shareLock);
    }

    /// <summary>
    /// open(2) of a path written with a trailing separator, where the kernel wants a directory: a file there (or
    /// none) is ENOTDIR or ENOENT without O_CREAT, and EISDIR with it. A directory there goes the usual way.
    /// </summary>
    private void ThrowForFileWithSeparator(string full, FileMode mode)
    {
        var error = Engine.Lookup.TryResolve(full, followFinal: true, out var node);
        if (error != Errno.None || node!.IsDirectory) return;
        if (mode is FileMode.Create or FileMode.CreateNew or FileMode.OpenOrCreate or FileMode.Append) throw UnionErrors.AccessDenied(full);
        throw node.Exists ? UnionErrors.DirectoryNotFound(full) : UnionErrors.FileNotFound(full);
    }

    /// <summary>Locks the file <paramref name="full"/> names when it exists (null when it does not yet); throws on a conflict.</summary>
    private IDisposable? LockExisting(string full, FileShare share)
    {
        if (Engine.Lookup.TryResolve(full, followFinal: true, out var node) != Errno.None || !node!.IsFile) return null;
        return _fs.FileLocks.TryAcquire(node.Path, share) ?? throw UnionErrors.SharingViolation(full);
    }

    /// <summary>Locks the file just opened at <paramref name="full"/>; on a conflict closes <paramref name="opened"/> and throws.</summary>
    private IDisposable LockOpened(string full, FileShare share, Stream opened)
    {
        var target = Engine.Lookup.TryResolve(full, followFinal: true, out var node) == Errno.None && node!.Exists ? node.Path : full;
        var shareLock = _fs.FileLocks.TryAcquire(target, share);
        if (shareLock is not null) return shareLock;
        opened.Dispose();
        throw UnionErrors.SharingViolation(full);
    }

    /// <summary>
    /// SafeFileHandle.Open's exceptions: ENOENT is a missing file when the directory of the path as given exists,
    /// else a missing directory; a directory is denied (EISDIR from open, or .NET's own check after it).
    /// </summary>
    private Exception OpenError(Errno error, string full) => error switch
    {
        Errno.ENOENT => UnionErrors.FromErrno(error, full, isDirectory: !EntryStatus.ParentIsDirectory(Engine, full)),
        Errno.EISDIR => UnionErrors.AccessDenied(full),
        _ => UnionErrors.FromErrno(error, full),
    };

    /// <summary>
    /// LinkOrCopyFile's exceptions for link(2) (File.Move without overwrite, File.Replace's backup): ENOENT blames
    /// the new name's directory when it is missing, else the existing name.
    /// </summary>
    private Exception LinkError(Errno error, string existing, string created)
    {
        if (error != Errno.ENOENT) return UnionErrors.FromErrno(error, created);
        if (!EntryStatus.ParentIsDirectory(Engine, created)) return UnionErrors.DirectoryNotFound(created);
        return EntryStatus.NotFound(Engine, existing);
    }

    /// <summary>chmod(2): follows a final link; ENOENT (a broken link) is a missing file.</summary>
    private void ChangeMode(string full, UnixFileMode mode)
    {
        var error = Engine.Metadata.Set(full, new MetadataChange(UnixMode: mode), followFinal: true);
        if (error != Errno.None) throw UnionErrors.FromErrno(error, full);
    }

    /// <summary>The lstat the time getters read: a missing entry has the zero file time; a failed walk throws.</summary>
    private EntryStatus StatForTimes(string path)
    {
        var full = _fs.Full(path);
        var status = EntryStatus.Of(Engine, full);
        status.ThrowIfFailed(full);
        return status;
    }

    /// <summary>
    /// As .NET: the entry must exist (lstat), and utimensat does not follow a final link, so a link's own times
    /// change (a lower link is copied up as a link).
    /// </summary>
    private void SetTimes(string path, MetadataChange change)
    {
        var full = _fs.Full(path);
        var status = EntryStatus.Of(Engine, full);
        status.ThrowIfFailed(full);
        if (!status.Exists) throw EntryStatus.NotFound(Engine, full);
        var error = Engine.Metadata.Set(full, change, followFinal: false);
        if (error != Errno.None) throw UnionErrors.FromErrno(error, full);
    }

    private StreamReader OpenText(string path, Encoding encoding) =>
        new(Open(path, FileMode.Open, FileAccess.Read, FileShare.Read), encoding, detectEncodingFromByteOrderMarks: true);

    private void WriteText(string path, ReadOnlySpan<char> contents, Encoding encoding, FileMode mode)
    {
        ArgumentNullException.ThrowIfNull(encoding);
        using var stream = Open(path, mode, FileAccess.Write, FileShare.Read);
        var preamble = mode == FileMode.Create || stream.Length == 0 ? encoding.Preamble : [];
        var bytes = new byte[preamble.Length + encoding.GetByteCount(contents)];
        preamble.CopyTo(bytes);
        encoding.GetBytes(contents, bytes.AsSpan(preamble.Length));
        stream.Write(bytes);
    }

    private void WriteLines(string path, IEnumerable<string> contents, Encoding encoding, FileMode mode)
    {
        ArgumentNullException.ThrowIfNull(contents);
        ArgumentNullException.ThrowIfNull(encoding);
        using var writer = new StreamWriter(Open(path, mode, FileAccess.Write, FileShare.Read), encoding);
        foreach (var line in contents) writer.WriteLine(line);
    }

    private static IEnumerable<string> ReadLinesFrom(StreamReader reader)
    {
        using (reader)
        {
            while (reader.ReadLine() is { } line) yield return line;
        }
    }

    private static async IAsyncEnumerable<string> ReadLinesFromAsync(StreamReader reader, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using (reader)
        {
            while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line) yield return line;
        }
    }
}
