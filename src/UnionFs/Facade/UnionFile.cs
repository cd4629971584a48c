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
        var stream = Engine.Files.Open(full, mode, access);
        return new UnionFileStream(stream, full, access, isAsync: false);
    }

    public bool Exists(string? path)
    {
        if (string.IsNullOrEmpty(path) || path.Contains('\0')) return false;
        var status = EntryStatus.Of(Engine, _fs.Full(path));
        return status.Exists && !status.IsDirectory;
    }

    public void Delete(string path) => Engine.Directories.DeleteFile(_fs.Full(path));

    public void Copy(string sourceFileName, string destFileName, bool overwrite)
    {
        var source = _fs.Full(sourceFileName, nameof(sourceFileName));
        var destination = _fs.Full(destFileName, nameof(destFileName));
        var sourceStatus = EntryStatus.Of(Engine, source);
        if (sourceStatus.IsDirectory) throw UnionErrors.AccessDenied(source);
        var destinationStatus = EntryStatus.Of(Engine, destination);
        if (destinationStatus.IsDirectory) throw UnionErrors.CopyTargetIsDirectory(destination);
        using var input = Engine.Files.OpenForReading(source);
        using var output = Engine.Files.Open(destination, overwrite ? FileMode.Create : FileMode.CreateNew, FileAccess.Write);
        input.CopyTo(output);
        Engine.Metadata.Set(destination, new MetadataChange(UnixMode: sourceStatus.UnixMode));
    }

    public void Move(string sourceFileName, string destFileName, bool overwrite) =>
        Engine.Directories.MoveFile(_fs.Full(sourceFileName, nameof(sourceFileName)), _fs.Full(destFileName, nameof(destFileName)), overwrite);

    public void Replace(string sourceFileName, string destinationFileName, string? destinationBackupFileName, bool ignoreMetadataErrors)
    {
        var source = _fs.Full(sourceFileName, nameof(sourceFileName));
        var destination = _fs.Full(destinationFileName, nameof(destinationFileName));
        if (!Exists(source)) throw UnionErrors.FileNotFound(source);
        if (!Exists(destination)) throw UnionErrors.FileNotFound(destination);
        if (destinationBackupFileName is not null)
            Engine.Directories.MoveFile(destination, _fs.Full(destinationBackupFileName, nameof(destinationBackupFileName)), overwrite: true);
        Engine.Directories.MoveFile(source, destination, overwrite: true);
    }

    public FileAttributes GetAttributes(string path)
    {
        var full = _fs.Full(path);
        var status = EntryStatus.Of(Engine, full);
        if (!status.Exists) throw MissingFileOrParent(full);
        return status.Attributes;
    }

    public void SetAttributes(string path, FileAttributes fileAttributes)
    {
        var full = _fs.Full(path);
        var status = EntryStatus.Of(Engine, full);
        if (!status.Exists) throw MissingFileOrParent(full);
        // On Unix only ReadOnly means something: it is the owner's write permission.
        var mode = status.UnixMode;
        var readOnly = (fileAttributes & FileAttributes.ReadOnly) != 0;
        var newMode = readOnly
            ? mode & ~(UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)
            : (mode & UnixFileMode.UserWrite) == 0 ? mode | UnixFileMode.UserWrite : mode;
        if (newMode != mode) Engine.Metadata.Set(full, new MetadataChange(UnixMode: newMode));
    }

    public DateTime GetCreationTimeUtc(string path) => EntryStatus.Of(Engine, _fs.Full(path)).CreationTimeUtc;

    public DateTime GetLastAccessTimeUtc(string path) => EntryStatus.Of(Engine, _fs.Full(path)).LastAccessTimeUtc;

    public DateTime GetLastWriteTimeUtc(string path) => EntryStatus.Of(Engine, _fs.Full(path)).LastWriteTimeUtc;

    public void SetCreationTimeUtc(string path, DateTime creationTimeUtc) =>
        Engine.Metadata.Set(_fs.Full(path), new MetadataChange(CreationTimeUtc: Utc(creationTimeUtc)));

    public void SetLastAccessTimeUtc(string path, DateTime lastAccessTimeUtc) =>
        Engine.Metadata.Set(_fs.Full(path), new MetadataChange(LastAccessTimeUtc: Utc(lastAccessTimeUtc)));

    public void SetLastWriteTimeUtc(string path, DateTime lastWriteTimeUtc) =>
        Engine.Metadata.Set(_fs.Full(path), new MetadataChange(LastWriteTimeUtc: Utc(lastWriteTimeUtc)));

    public UnixFileMode GetUnixFileMode(string path)
    {
        var full = _fs.Full(path);
        var status = EntryStatus.Of(Engine, full);
        if (!status.Exists) throw MissingFileOrParent(full);
        return status.UnixMode;
    }

    public void SetUnixFileMode(string path, UnixFileMode mode) => Engine.Metadata.Set(_fs.Full(path), new MetadataChange(UnixMode: mode));

    public IFileSystemInfo CreateSymbolicLink(string path, string pathToTarget)
    {
        var full = _fs.Full(path);
        UnionPath.Validate(pathToTarget, nameof(pathToTarget));
        Engine.Directories.CreateSymbolicLink(full, pathToTarget);
        return new UnionFileInfo(_fs, full);
    }

    public IFileSystemInfo? ResolveLinkTarget(string linkPath, bool returnFinalTarget) =>
        LinkResolver.Resolve(_fs, _fs.Full(linkPath, nameof(linkPath)), returnFinalTarget, asDirectory: false);

    // ---- byte, text and line helpers ----

    public byte[] ReadAllBytes(string path)
    {
        using var stream = Engine.Files.OpenForReading(_fs.Full(path));
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

    private static DateTime Utc(DateTime time) => time.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(time, DateTimeKind.Local).ToUniversalTime() : time.ToUniversalTime();

    /// <summary>FileNotFound for a missing name, DirectoryNotFound for a missing parent, as System.IO distinguishes them.</summary>
    private Exception MissingFileOrParent(string full)
    {
        try
        {
            Engine.Lookup.Resolve(full, followFinal: true);
        }
        catch (IOException error)
        {
            return error;
        }
        return UnionErrors.FileNotFound(full);
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
