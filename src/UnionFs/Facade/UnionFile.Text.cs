using System.IO.Abstractions;
using System.Text;

namespace UnionFs.Facade;

/// <summary>The whole-file byte, text and line helpers of <see cref="IFile"/>: each opens one stream through the canonical Open.</summary>
internal sealed partial class UnionFile
{
    // ---- byte, text and line helpers ----

    public byte[] ReadAllBytes(string path)
    {
        var full = _fs.Full(path);
        if (UnionFs.Engine.UnionPath.EndsInSeparator(path)) ThrowForFileWithSeparator(full, UnionFileSystem.Shown(path, full), FileMode.Open);
        // One lookup and a copy of the bytes: no handle, buffer or stream is needed to read a whole file.
        var error = Engine.Files.ReadAll(full, _fs.FileLocks, out var bytes);
        if (error != UnionFs.Engine.Errno.None) throw WholeFileError(error, full, path);
        return bytes!;
    }

    public Task<byte[]> ReadAllBytesAsync(string path, CancellationToken cancellationToken = default) =>
        CompletedTasks.Run(() => ReadAllBytes(path), cancellationToken);

    public void WriteAllBytes(string path, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        WriteAllBytes(path, bytes.AsSpan());
    }

    public void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        // As File.WriteAllBytes: open with Create, one write, close; done in one step, with no stream in between.
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = _fs.Full(path);
        if (UnionFs.Engine.UnionPath.EndsInSeparator(path)) ThrowForFileWithSeparator(full, UnionFileSystem.Shown(path, full), FileMode.Create);
        var error = Engine.Files.WriteAll(full, bytes, _fs.FileLocks);
        if (error != UnionFs.Engine.Errno.None) throw WholeFileError(error, full, path);
    }

    public Task WriteAllBytesAsync(string path, byte[] bytes, CancellationToken cancellationToken = default) =>
        CompletedTasks.Run(() => WriteAllBytes(path, bytes), cancellationToken);

    public Task WriteAllBytesAsync(string path, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default) =>
        CompletedTasks.Run(() => WriteAllBytes(path, bytes.Span), cancellationToken);

    public void AppendAllBytes(string path, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        AppendAllBytes(path, bytes.AsSpan());
    }

    /// <summary>
    /// As File.AppendAllBytes, which reads the file's length when it writes (not when it opens): the union reads it
    /// and writes in one step, so whole-file appends never overwrite each other (on disk they rarely race).
    /// </summary>
    public void AppendAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        using var stream = OpenFileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 0, FileOptions.None);
        lock (_fs.AppendGate)
        {
            stream.Seek(0, SeekOrigin.End);
            stream.Write(bytes);
            stream.Flush();
        }
    }

    public Task AppendAllBytesAsync(string path, byte[] bytes, CancellationToken cancellationToken = default) =>
        CompletedTasks.Run(() => AppendAllBytes(path, bytes), cancellationToken);

    public Task AppendAllBytesAsync(string path, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default) =>
        CompletedTasks.Run(() => AppendAllBytes(path, bytes.Span), cancellationToken);

    public string ReadAllText(string path) => ReadAllText(path, Encoding.UTF8);

    public string ReadAllText(string path, Encoding encoding)
    {
        ArgumentNullException.ThrowIfNull(encoding);
        return TextDecoding.Decode(ReadAllBytes(path), encoding);
    }

    public Task<string> ReadAllTextAsync(string path, CancellationToken cancellationToken = default) =>
        ReadAllTextAsync(path, Encoding.UTF8, cancellationToken);

    public Task<string> ReadAllTextAsync(string path, Encoding encoding, CancellationToken cancellationToken = default) =>
        CompletedTasks.Run(() => ReadAllText(path, encoding), cancellationToken);

    public void WriteAllText(string path, string? contents) => WriteAllText(path, contents, Utf8NoBom);

    public void WriteAllText(string path, string? contents, Encoding encoding) => WriteText(path, contents.AsSpan(), encoding, FileMode.Create);

    public void WriteAllText(string path, ReadOnlySpan<char> contents) => WriteText(path, contents, Utf8NoBom, FileMode.Create);

    public void WriteAllText(string path, ReadOnlySpan<char> contents, Encoding encoding) => WriteText(path, contents, encoding, FileMode.Create);

    public Task WriteAllTextAsync(string path, string? contents, CancellationToken cancellationToken = default) =>
        WriteAllTextAsync(path, contents, Utf8NoBom, cancellationToken);

    public Task WriteAllTextAsync(string path, string? contents, Encoding encoding, CancellationToken cancellationToken = default) =>
        CompletedTasks.Run(() => WriteAllText(path, contents, encoding), cancellationToken);

    public Task WriteAllTextAsync(string path, ReadOnlyMemory<char> contents, CancellationToken cancellationToken = default) =>
        WriteAllTextAsync(path, contents, Utf8NoBom, cancellationToken);

    public Task WriteAllTextAsync(string path, ReadOnlyMemory<char> contents, Encoding encoding, CancellationToken cancellationToken = default) =>
        CompletedTasks.Run(() => WriteText(path, contents.Span, encoding, FileMode.Create), cancellationToken);

    public void AppendAllText(string path, string? contents) => AppendAllText(path, contents, Utf8NoBom);

    public void AppendAllText(string path, string? contents, Encoding encoding) => WriteText(path, contents.AsSpan(), encoding, FileMode.Append);

    public void AppendAllText(string path, ReadOnlySpan<char> contents) => WriteText(path, contents, Utf8NoBom, FileMode.Append);

    public void AppendAllText(string path, ReadOnlySpan<char> contents, Encoding encoding) => WriteText(path, contents, encoding, FileMode.Append);

    public Task AppendAllTextAsync(string path, string? contents, CancellationToken cancellationToken = default) =>
        AppendAllTextAsync(path, contents, Utf8NoBom, cancellationToken);

    public Task AppendAllTextAsync(string path, string? contents, Encoding encoding, CancellationToken cancellationToken = default) =>
        CompletedTasks.Run(() => AppendAllText(path, contents, encoding), cancellationToken);

    public Task AppendAllTextAsync(string path, ReadOnlyMemory<char> contents, CancellationToken cancellationToken = default) =>
        AppendAllTextAsync(path, contents, Utf8NoBom, cancellationToken);

    public Task AppendAllTextAsync(string path, ReadOnlyMemory<char> contents, Encoding encoding, CancellationToken cancellationToken = default) =>
        CompletedTasks.Run(() => WriteText(path, contents.Span, encoding, FileMode.Append), cancellationToken);

    public string[] ReadAllLines(string path) => ReadAllLines(path, Encoding.UTF8);

    public string[] ReadAllLines(string path, Encoding encoding) => ReadLines(path, encoding).ToArray();

    public Task<string[]> ReadAllLinesAsync(string path, CancellationToken cancellationToken = default) =>
        ReadAllLinesAsync(path, Encoding.UTF8, cancellationToken);

    public Task<string[]> ReadAllLinesAsync(string path, Encoding encoding, CancellationToken cancellationToken = default) =>
        CompletedTasks.Run(() => ReadAllLines(path, encoding), cancellationToken);

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

    public Task WriteAllLinesAsync(string path, IEnumerable<string> contents, Encoding encoding, CancellationToken cancellationToken = default) =>
        CompletedTasks.Run(() => WriteLines(path, contents, encoding, FileMode.Create), cancellationToken);

    public void AppendAllLines(string path, IEnumerable<string> contents) => AppendAllLines(path, contents, Utf8NoBom);

    public void AppendAllLines(string path, IEnumerable<string> contents, Encoding encoding) => WriteLines(path, contents, encoding, FileMode.Append);

    public Task AppendAllLinesAsync(string path, IEnumerable<string> contents, CancellationToken cancellationToken = default) =>
        AppendAllLinesAsync(path, contents, Utf8NoBom, cancellationToken);

    public Task AppendAllLinesAsync(string path, IEnumerable<string> contents, Encoding encoding, CancellationToken cancellationToken = default) =>
        CompletedTasks.Run(() => WriteLines(path, contents, encoding, FileMode.Append), cancellationToken);

}
