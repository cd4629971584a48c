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

    public FileSystemStream Open(string path, FileMode mode, FileAccess access, FileShare share) =>
        OpenFileStream(path, mode, access, share, UnionFileStream.DefaultBufferSize, FileOptions.None);

    public bool Exists(string? path)
    {
        // As File.Exists: a path written with a trailing separator never names a file.
        return _fs.TryFull(path, out var full) && !UnionPath.EndsInSeparator(path) && EntryStatus.FileExists(Engine, full);
    }

    /// <summary>
    /// As .NET: unlink; a missing name is no error unless its directory is missing; a directory is denied.
    /// On a read-only union a missing name is still no error.
    /// </summary>
    public void Delete(string path)
    {
        var full = _fs.Full(path);
        var shown = UnionFileSystem.Shown(path, full);
        // unlink(2) of "name/": a directory there is EISDIR; anything else (a link to one, a file, nothing) fails
        // too, and .NET then finds no directory "name" to blame it on.
        var error = UnionPath.EndsInSeparator(path)
            ? EntryStatus.Of(Engine, full) is { Node.IsDirectory: true } ? Errno.EISDIR : Errno.ENOTDIR
            : Engine.Directories.Unlink(full);
        switch (error)
        {
            case Errno.None:
                return;
            case Errno.ENOENT:
                if (!EntryStatus.WrittenParentIsDirectory(Engine, full, path)) throw UnionErrors.DirectoryNotFound(shown);
                return;
            case Errno.EROFS when EntryStatus.Of(Engine, full, path) is { Exists: false, Error: Errno.None }:
                return;
            case Errno.EISDIR:
                throw UnionErrors.AccessDenied(shown);
            default:
                throw UnionErrors.FromErrno(error, shown);
        }
    }

    /// <summary>
    /// As .NET: the source is opened first (so its errors come first), then the destination is created
    /// (overwrite) or created new; the source's mode goes to the destination.
    /// </summary>
    public void Copy(string sourceFileName, string destFileName, bool overwrite)
    {
        // .NET checks both names for null and empty first; their characters are Path.GetFullPath's to check.
        ArgumentException.ThrowIfNullOrEmpty(sourceFileName);
        ArgumentException.ThrowIfNullOrEmpty(destFileName);
        var source = _fs.Full(sourceFileName, nameof(sourceFileName));
        var sourceShown = UnionFileSystem.Shown(sourceFileName, source);
        var destination = _fs.Full(destFileName, nameof(destFileName));
        var destinationShown = UnionFileSystem.Shown(destFileName, destination);
        if (UnionPath.EndsInSeparator(sourceFileName)) ThrowForFileWithSeparator(source, sourceShown, FileMode.Open);
        using var input = OpenStream(source, sourceShown, FileMode.Open, FileAccess.Read, FileShare.Read);
        if (UnionPath.EndsInSeparator(destFileName)) ThrowForFileWithSeparator(destination, destinationShown, FileMode.CreateNew);
        var sourceNode = Engine.Lookup.Resolve(source, followFinal: true);
        if (overwrite && Engine.Lookup.TryResolve(destination, followFinal: true, out var target) == Errno.None && target!.Exists && target.Path == sourceNode.Path)
        {
            // .NET holds the source open with a shared lock and asks for an exclusive one on the destination.
            throw UnionErrors.SharingViolation(destinationShown);
        }
        // The destination is opened exclusively; an existing one is locked before it is truncated.
        var destinationLock = overwrite ? LockExisting(destination, destinationShown, FileShare.None) : null;
        var error = Engine.Files.Open(destination, overwrite ? FileMode.Create : FileMode.CreateNew, FileAccess.Write, out var output);
        if (error != Errno.None) destinationLock?.Dispose();
        if (error == Errno.EEXIST && EntryStatus.DirectoryExists(Engine, destination)) throw UnionErrors.CopyTargetIsDirectory(destinationShown);
        if (error != Errno.None) throw OpenError(error, destination, destinationShown);
        destinationLock ??= LockOpened(destination, destinationShown, FileShare.None, output!);
        using (destinationLock)
        using (output)
            input.CopyTo(output!);
        var modeError = Engine.Metadata.Set(destination, new MetadataChange(UnixMode: sourceNode.Entry!.UnixMode), followFinal: true);
        if (modeError != Errno.None) throw UnionErrors.FromErrno(modeError, destinationShown);
    }

    /// <summary>
    /// As .NET: the source must be a file (a broken link counts). With overwrite, one rename; without, a rename
    /// only when the destination is free (or the same entry), else what link(2) answers.
    /// </summary>
    public void Move(string sourceFileName, string destFileName, bool overwrite)
    {
        ArgumentException.ThrowIfNullOrEmpty(sourceFileName);
        ArgumentException.ThrowIfNullOrEmpty(destFileName);
        var source = _fs.Full(sourceFileName, nameof(sourceFileName));
        var sourceShown = UnionFileSystem.Shown(sourceFileName, source);
        var destination = _fs.Full(destFileName, nameof(destFileName));
        var destinationShown = UnionFileSystem.Shown(destFileName, destination);
        var sourceStatus = EntryStatus.Of(Engine, source);
        if (!sourceStatus.IsFile) throw UnionErrors.FileNotFound(sourceShown);
        // The kernel refuses a non-directory named with a trailing separator (.NET passes the path on as written).
        var directoryOnly = UnionPath.EndsInSeparator(sourceFileName) || UnionPath.EndsInSeparator(destFileName);
        if (overwrite)
        {
            var error = Engine.Directories.Rename(source, destination, directoryOnly);
            if (error != Errno.None)
                throw UnionErrors.FromErrno(error, destinationShown, isDirectory: error == Errno.ENOENT && !EntryStatus.ParentIsDirectory(Engine, destination));
            return;
        }

        // Without overwrite .NET renames only onto a free name (lstat), else it links, and link(2) looks at the source first.
        if (UnionPath.EndsInSeparator(sourceFileName)) throw UnionErrors.DirectoryNotFound(path: null);
        var destinationStatus = EntryStatus.Of(Engine, destination);
        // link(2) refuses a taken name, the source's own included when written "name/"; a free "name/" is no such entry.
        if (destinationStatus.Exists && (destinationStatus.Node!.Path != sourceStatus.Node!.Path || UnionPath.EndsInSeparator(destFileName)))
            throw UnionErrors.AlreadyExists(destinationShown);
        if (UnionPath.EndsInSeparator(destFileName)) throw LinkError(Errno.ENOENT, source, sourceShown, destination, destinationShown);
        var renameError = Engine.Directories.Rename(source, destination, directoryOnly);
        if (renameError != Errno.None) throw LinkError(renameError, source, sourceShown, destination, destinationShown);
    }

    /// <summary>
    /// As .NET: the source and destination must be files (by lstat) and not the same one; the backup is deleted,
    /// then made a copy (a hard link on disk) of the destination; then the source is renamed over the destination.
    /// </summary>
    public void Replace(string sourceFileName, string destinationFileName, string? destinationBackupFileName, bool ignoreMetadataErrors)
    {
        ArgumentNullException.ThrowIfNull(sourceFileName);
        ArgumentNullException.ThrowIfNull(destinationFileName);
        // .NET checks only for null by name; the rest is Path.GetFullPath's ("path").
        var source = _fs.Full(sourceFileName);
        var sourceShown = UnionFileSystem.Shown(sourceFileName, source);
        var destination = _fs.Full(destinationFileName);
        var destinationShown = UnionFileSystem.Shown(destinationFileName, destination);
        var backup = destinationBackupFileName is null ? null : _fs.Full(destinationBackupFileName);
        var backupShown = backup is null ? null : UnionFileSystem.Shown(destinationBackupFileName!, backup);

        var sourceStatus = EntryStatus.Of(Engine, source, sourceFileName);
        sourceStatus.ThrowIfFailed(sourceShown);
        if (!sourceStatus.Exists) throw sourceStatus.NotFoundError(Engine, source, sourceShown);
        if (sourceStatus.Node!.IsDirectory) throw UnionErrors.NotAFile(sourceShown);
        var destinationStatus = EntryStatus.Of(Engine, destination, destinationFileName);
        if (destinationStatus.Exists)
        {
            if (destinationStatus.Node!.IsDirectory) throw UnionErrors.NotAFile(destinationShown);
            if (destinationStatus.Node.Path == sourceStatus.Node.Path) throw UnionErrors.ReplaceSameFile(sourceShown, destinationShown);
        }

        var sourceReplaced = false;
        if (backup is not null)
        {
            var unlinkError = Engine.Directories.Unlink(backup);
            if (unlinkError is not Errno.None and not Errno.ENOENT) throw UnionErrors.FromErrno(unlinkError, backupShown!);
            var linkError = Engine.Directories.Link(destination, backup);
            if (linkError != Errno.None) throw LinkError(linkError, destination, destinationShown, backup, backupShown!);
            // The backup took the source's name: on disk that name is now the destination's inode, and a
            // rename between two names of one inode does nothing.
            sourceReplaced = EntryStatus.Of(Engine, backup).Node?.Path == sourceStatus.Node.Path;
        }
        else if (Engine.Lookup.TryResolve(destination, followFinal: true, out var target) == Errno.ENOENT || target?.Exists == false)
        {
            throw UnionErrors.FileNotFound();
        }

        if (sourceReplaced) return;
        // rename(2) is checked without a path (Interop.CheckIo), and refuses a non-directory named "name/".
        var error = Engine.Directories.Rename(source, destination, UnionPath.EndsInSeparator(sourceFileName) || UnionPath.EndsInSeparator(destinationFileName));
        if (error != Errno.None) throw UnionErrors.FromErrno(error, path: null);
    }

    // The getters stat the path with a trailing separator trimmed (FileStatus), unlike the setters.
    public FileAttributes GetAttributes(string path)
    {
        var full = _fs.Full(path);
        var shown = UnionFileSystem.Shown(path, full);
        var status = EntryStatus.Of(Engine, full);
        status.ThrowIfFailed(shown);
        if (!status.Exists) throw status.NotFoundError(Engine, full, shown);
        return status.Attributes;
    }

    /// <summary>As .NET: only ReadOnly means something on Unix; it takes every write bit away, or gives the owner one back.</summary>
    public void SetAttributes(string path, FileAttributes fileAttributes)
    {
        var full = _fs.Full(path);
        var shown = UnionFileSystem.Shown(path, full);
        if ((fileAttributes & ~ValidAttributes) != 0) throw new ArgumentException("Invalid File or Directory attributes value.", nameof(fileAttributes));
        // The status is read as the getters read it (trailing separator trimmed); only the chmod sees the separator.
        var status = EntryStatus.Of(Engine, full);
        status.ThrowIfFailed(shown);
        if (!status.Exists) throw status.NotFoundError(Engine, full, shown);
        var mode = status.CachedMode;
        var newMode = mode;
        if ((fileAttributes & FileAttributes.ReadOnly) != 0) newMode &= ~(UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite);
        else if ((newMode & UnixFileMode.UserRead) != 0) newMode |= UnixFileMode.UserWrite;
        if (newMode != mode) ChangeMode(full, shown, newMode);
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
        var shown = UnionFileSystem.Shown(path, full);
        var status = EntryStatus.Of(Engine, full);
        status.ThrowIfFailed(shown);
        var mode = status.UnixMode;
        return mode != (UnixFileMode)(-1) ? mode : throw status.NotFoundError(Engine, full, shown);
    }

    /// <summary>As .NET: the entry must exist (lstat); then chmod follows a link, as Linux has no link permissions.</summary>
    public void SetUnixFileMode(string path, UnixFileMode mode)
    {
        var full = _fs.Full(path);
        var shown = UnionFileSystem.Shown(path, full);
        if ((mode & ~AllUnixModes) != 0) throw new ArgumentException("Invalid UnixFileMode value.", nameof(mode));
        var status = EntryStatus.Of(Engine, full);
        status.ThrowIfFailed(shown);
        if (!status.Exists) throw status.NotFoundError(Engine, full, shown);
        ChangeMode(full, shown, mode);
    }

    public IFileSystemInfo CreateSymbolicLink(string path, string pathToTarget)
    {
        var full = _fs.Full(path);
        UnionPath.Validate(pathToTarget, nameof(pathToTarget));
        // symlink(2) is given the path as written, and so are its errors and the info returned.
        CreateLink(Engine, full, path, pathToTarget);
        return new UnionFileInfo(_fs, UnionFileSystem.Shown(path, full), path);
    }

    public IFileSystemInfo? ResolveLinkTarget(string linkPath, bool returnFinalTarget) =>
        LinkResolver.Resolve(_fs, linkPath, returnFinalTarget, asDirectory: false);

    /// <summary>symlink(2) with .NET's errors: a missing directory on the way is DirectoryNotFound for files too.</summary>
    internal static void CreateLink(UnionEngine engine, string full, string shown, string pathToTarget)
    {
        // A link cannot be made at "name/": what is there already exists, else there is no such file.
        if (UnionPath.EndsInSeparator(shown))
            throw EntryStatus.Of(engine, full).Exists ? UnionErrors.AlreadyExists(shown) : UnionErrors.FileNotFound(shown);
        var error = engine.Directories.CreateSymbolicLink(full, pathToTarget);
        if (error != Errno.None) throw UnionErrors.FromErrno(error, shown, isDirectory: true);
    }

    // ---- stream helpers ----

    public StreamWriter AppendText(string path) => new(Open(path, FileMode.Append, FileAccess.Write, FileShare.Read), Utf8NoBom);

    public StreamWriter CreateText(string path) => new(Open(path, FileMode.Create, FileAccess.Write, FileShare.Read), Utf8NoBom);

    public StreamReader OpenText(string path) => OpenText(path, Encoding.UTF8);

    public FileSystemStream Create(string path) => Open(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None);

    public FileSystemStream Create(string path, int bufferSize) =>
        OpenFileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, bufferSize, FileOptions.None);

    public FileSystemStream Create(string path, int bufferSize, FileOptions options) =>
        OpenFileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, bufferSize, options);

    public FileSystemStream Open(string path, FileMode mode) =>
        Open(path, mode, mode == FileMode.Append ? FileAccess.Write : FileAccess.ReadWrite, FileShare.None);

    public FileSystemStream Open(string path, FileMode mode, FileAccess access) => Open(path, mode, access, FileShare.None);

    public FileSystemStream Open(string path, FileStreamOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return OpenFileStream(path, options.Mode, options.Access, options.Share, options.BufferSize, options.Options, options.UnixCreateMode);
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

    /// <summary>
    /// LinkOrCopyFile's exceptions for link(2) (File.Move without overwrite, File.Replace's backup): ENOENT blames
    /// the new name's directory when it is missing, else the existing name.
    /// </summary>
    private Exception LinkError(Errno error, string existing, string existingShown, string created, string createdShown)
    {
        // As LinkOrCopyFile: only ENOENT and EEXIST are blamed on a path.
        if (error != Errno.ENOENT) return UnionErrors.FromErrno(error, error == Errno.EEXIST ? createdShown : null);
        if (!EntryStatus.WrittenParentIsDirectory(Engine, created, createdShown)) return UnionErrors.DirectoryNotFound(createdShown);
        return EntryStatus.NotFound(Engine, existing, existingShown);
    }

    /// <summary>chmod(2): follows a final link; ENOENT (a broken link) is a missing file.</summary>
    private void ChangeMode(string full, string shown, UnixFileMode mode)
    {
        // chmod(2) of "name/" wants a directory.
        if (shown.EndsWith('/') && !EntryStatus.DirectoryExists(Engine, full)) throw UnionErrors.DirectoryNotFound(shown);
        var error = Engine.Metadata.Set(full, new MetadataChange(UnixMode: mode), followFinal: true);
        if (error != Errno.None) throw UnionErrors.FromErrno(error, shown);
    }

    /// <summary>The lstat the time getters read: a missing entry has the zero file time; a failed walk throws.</summary>
    private EntryStatus StatForTimes(string path)
    {
        var full = _fs.Full(path);
        var shown = UnionFileSystem.Shown(path, full);
        var status = EntryStatus.Of(Engine, full);
        status.ThrowIfFailed(shown);
        return status;
    }

    /// <summary>
    /// As .NET: the entry must exist (lstat), and utimensat does not follow a final link, so a link's own times
    /// change (a lower link is copied up as a link).
    /// </summary>
    private void SetTimes(string path, MetadataChange change)
    {
        var full = _fs.Full(path);
        var shown = UnionFileSystem.Shown(path, full);
        var status = EntryStatus.Of(Engine, full);
        status.ThrowIfFailed(shown);
        if (!status.Exists) throw status.NotFoundError(Engine, full, shown);
        // utimensat(2) of "name/" wants a directory and reaches it through a final link.
        var directoryOnly = UnionPath.EndsInSeparator(path);
        if (directoryOnly && !status.IsDirectory) throw UnionErrors.DirectoryNotFound(shown);
        var error = Engine.Metadata.Set(full, change, followFinal: directoryOnly);
        if (error != Errno.None) throw UnionErrors.FromErrno(error, shown);
    }

    private StreamReader OpenText(string path, Encoding encoding) =>
        new(Open(path, FileMode.Open, FileAccess.Read, FileShare.Read), encoding, detectEncodingFromByteOrderMarks: true);

    private void WriteText(string path, ReadOnlySpan<char> contents, Encoding encoding, FileMode mode)
    {
        if (mode != FileMode.Append)
        {
            WriteWholeText(path, contents, encoding);
            return;
        }
        ArgumentNullException.ThrowIfNull(encoding);
        using var stream = OpenFileStream(path, mode, FileAccess.Write, FileShare.Read, bufferSize: 0, FileOptions.None);
        lock (_fs.AppendGate)
        {
            stream.Seek(0, SeekOrigin.End);
            stream.Write(Encode(contents, encoding, withPreamble: stream.Length == 0));
            stream.Flush();
        }
    }

    /// <summary>
    /// File.WriteAllText: the preamble and the encoded text written as <see cref="WriteAllBytes(string, ReadOnlySpan{byte})"/>
    /// writes bytes, in one step with no stream in between; the bytes are encoded into a pooled buffer, which the branch
    /// copies. Arguments are checked in System.IO's order (the path, then the encoding).
    /// </summary>
    private void WriteWholeText(string path, ReadOnlySpan<char> contents, Encoding encoding)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(encoding);
        var preamble = encoding.Preamble;
        byte[]? rented = null;
        try
        {
            int length;
            try
            {
                length = checked(preamble.Length + encoding.GetByteCount(contents));
            }
            catch (EncoderFallbackException)
            {
                // System.IO opens (creates or truncates) the file before it encodes: the same file is left behind.
                OpenFileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 0, FileOptions.None).Dispose();
                throw;
            }
            Span<byte> bytes = length <= StackTextBytes ? stackalloc byte[StackTextBytes] : (rented = System.Buffers.ArrayPool<byte>.Shared.Rent(length));
            preamble.CopyTo(bytes);
            var written = preamble.Length + encoding.GetBytes(contents, bytes[preamble.Length..]);
            WriteAllBytes(path, bytes[..written]);
        }
        finally
        {
            if (rented is not null) System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Encoded text up to this many bytes is written from the stack.</summary>
    private const int StackTextBytes = 512;

    private static byte[] Encode(ReadOnlySpan<char> contents, Encoding encoding, bool withPreamble)
    {
        var preamble = withPreamble ? encoding.Preamble : [];
        var bytes = new byte[preamble.Length + encoding.GetByteCount(contents)];
        preamble.CopyTo(bytes);
        encoding.GetBytes(contents, bytes.AsSpan(preamble.Length));
        return bytes;
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
