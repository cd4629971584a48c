using System.IO.Abstractions;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Win32.SafeHandles;
using UnionFs.Engine;

namespace UnionFs.Facade;

/// <summary>
/// <see cref="IFile"/> over a union. Thin: each overload funnels into one canonical member, which
/// validates the path and makes one engine call.
/// </summary>
internal sealed class UnionFile : IFile
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
        var stream = OpenStream(full, mode, access);
        return new UnionFileStream(stream, full, access, isAsync: false);
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
        using var input = OpenStream(source, FileMode.Open, FileAccess.Read);
        var sourceNode = Engine.Lookup.Resolve(source, followFinal: true);
        if (overwrite && Engine.Lookup.TryResolve(destination, followFinal: true, out var target) == Errno.None && target!.Exists && target.Path == sourceNode.Path)
        {
            // .NET holds the source open with a shared lock and asks for an exclusive one on the destination.
            throw UnionErrors.SharingViolation(destination);
        }
        var error = Engine.Files.Open(destination, overwrite ? FileMode.Create : FileMode.CreateNew, FileAccess.Write, out var output);
        if (error == Errno.EEXIST && EntryStatus.DirectoryExists(Engine, destination)) throw UnionErrors.CopyTargetIsDirectory(destination);
        if (error != Errno.None) throw OpenError(error, destination);
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

    // ---- byte, text and line helpers ----

    public byte[] ReadAllBytes(string path)
    {
        using var stream = OpenStream(_fs.Full(path), FileMode.Open, FileAccess.Read);
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }

    public Task<byte[]> ReadAllBytesAsync(string path, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(ReadAllBytes(path));
    }

    public void WriteAllBytes(string path, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        WriteAllBytes(path, bytes.AsSpan());
    }

    public void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        using var stream = Open(path, FileMode.Create, FileAccess.Write, FileShare.Read);
        stream.Write(bytes);
    }

    public Task WriteAllBytesAsync(string path, byte[] bytes, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        WriteAllBytes(path, bytes);
        return Task.CompletedTask;
    }

    public Task WriteAllBytesAsync(string path, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        WriteAllBytes(path, bytes.Span);
        return Task.CompletedTask;
    }

    public void AppendAllBytes(string path, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        AppendAllBytes(path, bytes.AsSpan());
    }

    public void AppendAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        using var stream = Open(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        stream.Write(bytes);
    }

    public Task AppendAllBytesAsync(string path, byte[] bytes, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        AppendAllBytes(path, bytes);
        return Task.CompletedTask;
    }

    public Task AppendAllBytesAsync(string path, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        AppendAllBytes(path, bytes.Span);
        return Task.CompletedTask;
    }

    public string ReadAllText(string path) => ReadAllText(path, Encoding.UTF8);

    public string ReadAllText(string path, Encoding encoding)
    {
        ArgumentNullException.ThrowIfNull(encoding);
        using var reader = OpenText(path, encoding);
        return reader.ReadToEnd();
    }

    public Task<string> ReadAllTextAsync(string path, CancellationToken cancellationToken = default) =>
        ReadAllTextAsync(path, Encoding.UTF8, cancellationToken);

    public Task<string> ReadAllTextAsync(string path, Encoding encoding, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(ReadAllText(path, encoding));
    }

    public void WriteAllText(string path, string? contents) => WriteAllText(path, contents, Utf8NoBom);

    public void WriteAllText(string path, string? contents, Encoding encoding) => WriteText(path, contents.AsSpan(), encoding, FileMode.Create);

    public void WriteAllText(string path, ReadOnlySpan<char> contents) => WriteText(path, contents, Utf8NoBom, FileMode.Create);

    public void WriteAllText(string path, ReadOnlySpan<char> contents, Encoding encoding) => WriteText(path, contents, encoding, FileMode.Create);

    public Task WriteAllTextAsync(string path, string? contents, CancellationToken cancellationToken = default) =>
        WriteAllTextAsync(path, contents, Utf8NoBom, cancellationToken);

    public Task WriteAllTextAsync(string path, string? contents, Encoding encoding, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        WriteAllText(path, contents, encoding);
        return Task.CompletedTask;
    }

    public Task WriteAllTextAsync(string path, ReadOnlyMemory<char> contents, CancellationToken cancellationToken = default) =>
        WriteAllTextAsync(path, contents, Utf8NoBom, cancellationToken);

    public Task WriteAllTextAsync(string path, ReadOnlyMemory<char> contents, Encoding encoding, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        WriteText(path, contents.Span, encoding, FileMode.Create);
        return Task.CompletedTask;
    }

    public void AppendAllText(string path, string? contents) => AppendAllText(path, contents, Utf8NoBom);

    public void AppendAllText(string path, string? contents, Encoding encoding) => WriteText(path, contents.AsSpan(), encoding, FileMode.Append);

    public void AppendAllText(string path, ReadOnlySpan<char> contents) => WriteText(path, contents, Utf8NoBom, FileMode.Append);

    public void AppendAllText(string path, ReadOnlySpan<char> contents, Encoding encoding) => WriteText(path, contents, encoding, FileMode.Append);

    public Task AppendAllTextAsync(string path, string? contents, CancellationToken cancellationToken = default) =>
        AppendAllTextAsync(path, contents, Utf8NoBom, cancellationToken);

    public Task AppendAllTextAsync(string path, string? contents, Encoding encoding, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        AppendAllText(path, contents, encoding);
        return Task.CompletedTask;
    }

    public Task AppendAllTextAsync(string path, ReadOnlyMemory<char> contents, CancellationToken cancellationToken = default) =>
        AppendAllTextAsync(path, contents, Utf8NoBom, cancellationToken);

    public Task AppendAllTextAsync(string path, ReadOnlyMemory<char> contents, Encoding encoding, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        WriteText(path, contents.Span, encoding, FileMode.Append);
        return Task.CompletedTask;
    }

    public string[] ReadAllLines(string path) => ReadAllLines(path, Encoding.UTF8);

    public string[] ReadAllLines(string path, Encoding encoding) => ReadLines(path, encoding).ToArray();

    public Task<string[]> ReadAllLinesAsync(string path, CancellationToken cancellationToken = default) =>
        ReadAllLinesAsync(path, Encoding.UTF8, cancellationToken);

    public Task<string[]> ReadAllLinesAsync(string path, Encoding encoding, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(ReadAllLines(path, encoding));
    }

    public IEnumerable<string> ReadLines(string path) => ReadLines(path, Encoding.UTF8);

    public IEnumerable<string> ReadLines(string path, Encoding encoding)
    {
        ArgumentNullException.ThrowIfNull(encoding);
        // Open now, so a missing file throws here and not at the first MoveNext, as File.ReadLines does.
        var reader = OpenText(path, encoding);
        return ReadLinesFrom(reader);
    }

    public IAsyncEnumerable<string> ReadLinesAsync(string path, CancellationToken cancellationToken = default) =>
        ReadLinesAsync(path, Encoding.UTF8, cancellationToken);

    public IAsyncEnumerable<string> ReadLinesAsync(string path, Encoding encoding, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(encoding);
        return ReadLinesFromAsync(OpenText(path, encoding), cancellationToken);
    }

    public void WriteAllLines(string path, string[] contents) => WriteAllLines(path, (IEnumerable<string>)contents, Utf8NoBom);

    public void WriteAllLines(string path, IEnumerable<string> contents) => WriteAllLines(path, contents, Utf8NoBom);

    public void WriteAllLines(string path, string[] contents, Encoding encoding) => WriteAllLines(path, (IEnumerable<string>)contents, encoding);

    public void WriteAllLines(string path, IEnumerable<string> contents, Encoding encoding) => WriteLines(path, contents, encoding, FileMode.Create);

    public Task WriteAllLinesAsync(string path, IEnumerable<string> contents, CancellationToken cancellationToken = default) =>
        WriteAllLinesAsync(path, contents, Utf8NoBom, cancellationToken);

    public Task WriteAllLinesAsync(string path, IEnumerable<string> contents, Encoding encoding, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        WriteLines(path, contents, encoding, FileMode.Create);
        return Task.CompletedTask;
    }

    public void AppendAllLines(string path, IEnumerable<string> contents) => AppendAllLines(path, contents, Utf8NoBom);

    public void AppendAllLines(string path, IEnumerable<string> contents, Encoding encoding) => WriteLines(path, contents, encoding, FileMode.Append);

    public Task AppendAllLinesAsync(string path, IEnumerable<string> contents, CancellationToken cancellationToken = default) =>
        AppendAllLinesAsync(path, contents, Utf8NoBom, cancellationToken);

    public Task AppendAllLinesAsync(string path, IEnumerable<string> contents, Encoding encoding, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        WriteLines(path, contents, encoding, FileMode.Append);
        return Task.CompletedTask;
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

    // ---- members that need an operating-system handle ----

    public void Decrypt(string path) => throw new PlatformNotSupportedException("File encryption is not supported on this platform.");

    public void Encrypt(string path) => throw new PlatformNotSupportedException("File encryption is not supported on this platform.");

    public SafeFileHandle OpenHandle(string path, FileMode mode = FileMode.Open, FileAccess access = FileAccess.Read, FileShare share = FileShare.Read, FileOptions options = FileOptions.None, long preallocationSize = 0) =>
        throw UnionErrors.NeedsOsHandle(nameof(OpenHandle));

    public FileAttributes GetAttributes(SafeFileHandle fileHandle) => throw UnionErrors.NeedsOsHandle(nameof(GetAttributes));

    public DateTime GetCreationTime(SafeFileHandle fileHandle) => throw UnionErrors.NeedsOsHandle(nameof(GetCreationTime));

    public DateTime GetCreationTimeUtc(SafeFileHandle fileHandle) => throw UnionErrors.NeedsOsHandle(nameof(GetCreationTimeUtc));

    public DateTime GetLastAccessTime(SafeFileHandle fileHandle) => throw UnionErrors.NeedsOsHandle(nameof(GetLastAccessTime));

    public DateTime GetLastAccessTimeUtc(SafeFileHandle fileHandle) => throw UnionErrors.NeedsOsHandle(nameof(GetLastAccessTimeUtc));

    public DateTime GetLastWriteTime(SafeFileHandle fileHandle) => throw UnionErrors.NeedsOsHandle(nameof(GetLastWriteTime));

    public DateTime GetLastWriteTimeUtc(SafeFileHandle fileHandle) => throw UnionErrors.NeedsOsHandle(nameof(GetLastWriteTimeUtc));

    public UnixFileMode GetUnixFileMode(SafeFileHandle fileHandle) => throw UnionErrors.NeedsOsHandle(nameof(GetUnixFileMode));

    public void SetAttributes(SafeFileHandle fileHandle, FileAttributes fileAttributes) => throw UnionErrors.NeedsOsHandle(nameof(SetAttributes));

    public void SetCreationTime(SafeFileHandle fileHandle, DateTime creationTime) => throw UnionErrors.NeedsOsHandle(nameof(SetCreationTime));

    public void SetCreationTimeUtc(SafeFileHandle fileHandle, DateTime creationTimeUtc) => throw UnionErrors.NeedsOsHandle(nameof(SetCreationTimeUtc));

    public void SetLastAccessTime(SafeFileHandle fileHandle, DateTime lastAccessTime) => throw UnionErrors.NeedsOsHandle(nameof(SetLastAccessTime));

    public void SetLastAccessTimeUtc(SafeFileHandle fileHandle, DateTime lastAccessTimeUtc) => throw UnionErrors.NeedsOsHandle(nameof(SetLastAccessTimeUtc));

    public void SetLastWriteTime(SafeFileHandle fileHandle, DateTime lastWriteTime) => throw UnionErrors.NeedsOsHandle(nameof(SetLastWriteTime));

    public void SetLastWriteTimeUtc(SafeFileHandle fileHandle, DateTime lastWriteTimeUtc) => throw UnionErrors.NeedsOsHandle(nameof(SetLastWriteTimeUtc));

    public void SetUnixFileMode(SafeFileHandle fileHandle, UnixFileMode mode) => throw UnionErrors.NeedsOsHandle(nameof(SetUnixFileMode));

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

    /// <summary>Opens a branch stream as SafeFileHandle.Open does, with its exceptions.</summary>
    private Stream OpenStream(string full, FileMode mode, FileAccess access)
    {
        var error = Engine.Files.Open(full, mode, access, out var stream);
        return error == Errno.None ? stream! : throw OpenError(error, full);
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
        var preamble = mode == FileMode.Create || stream.Length == 0 ? encoding.GetPreamble() : [];
        stream.Write(preamble);
        var bytes = encoding.GetBytes(contents.ToArray());
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
