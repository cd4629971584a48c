using Microsoft.Win32.SafeHandles;

namespace UnionFs.Images.Storage;

/// <summary>
/// Immutable bytes with positional, thread-safe reads: the seekable store a layer's entries are read from.
/// Readers never share a position, so any number of entry streams can read one layer at once.
/// </summary>
internal abstract class ByteSource : IDisposable
{
    /// <summary>The number of bytes.</summary>
    public abstract long Length { get; }

    /// <summary>Reads up to <c>buffer.Length</c> bytes at <paramref name="position"/>; 0 at or past the end.</summary>
    public abstract int ReadAt(long position, Span<byte> buffer);

    /// <summary>A window of <paramref name="length"/> bytes at <paramref name="offset"/>; the window does not own this source.</summary>
    public ByteSource Slice(long offset, long length)
    {
        if (offset < 0 || length < 0 || offset > Length || length > Length - offset)
            throw new ArgumentOutOfRangeException(nameof(length), $"The window {offset}+{length} lies outside the {Length} bytes of its source.");
        return this is WindowSource window ? new WindowSource(window.Parent, window.Offset + offset, length) : new WindowSource(this, offset, length);
    }

    /// <summary>Reads exactly <c>buffer.Length</c> bytes at <paramref name="position"/>, or throws <see cref="EndOfStreamException"/>.</summary>
    public void ReadExactlyAt(long position, Span<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            var read = ReadAt(position, buffer);
            if (read <= 0) throw new EndOfStreamException();
            position += read;
            buffer = buffer[read..];
        }
    }

    /// <summary>A new read-only seekable stream over all the bytes, with its own position.</summary>
    public SourceStream OpenStream(int bufferSize = 0) => new(this, bufferSize);

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases what the source owns.</summary>
    protected virtual void Dispose(bool disposing)
    {
    }
}

/// <summary>A window over another source; owns nothing.</summary>
internal sealed class WindowSource(ByteSource parent, long offset, long length) : ByteSource
{
    public ByteSource Parent { get; } = parent;

    public long Offset { get; } = offset;

    public override long Length { get; } = length;

    public override int ReadAt(long position, Span<byte> buffer)
    {
        if (position >= Length) return 0;
        var count = (int)Math.Min(buffer.Length, Length - position);
        return Parent.ReadAt(Offset + position, buffer[..count]);
    }
}

/// <summary>A file read with positional reads (<see cref="RandomAccess"/>): no shared position, no lock.</summary>
internal sealed class FileSource : ByteSource
{
    private readonly SafeFileHandle _handle;
    private readonly bool _ownsHandle;

    public FileSource(SafeFileHandle handle, long length, bool ownsHandle)
    {
        _handle = handle;
        _ownsHandle = ownsHandle;
        Length = length;
    }

    public override long Length { get; }

    public static FileSource Open(string path)
    {
        var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
        try
        {
            return new FileSource(handle, RandomAccess.GetLength(handle), ownsHandle: true);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    public override int ReadAt(long position, Span<byte> buffer)
    {
        if (position >= Length) return 0;
        if (buffer.Length > Length - position) buffer = buffer[..(int)(Length - position)];
        return RandomAccess.Read(_handle, buffer, position);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && _ownsHandle) _handle.Dispose();
        base.Dispose(disposing);
    }
}

/// <summary>A caller's seekable stream; reads are serialised by a lock because the stream has one position.</summary>
internal sealed class LockedStreamSource : ByteSource
{
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly Lock _gate = new();

    public LockedStreamSource(Stream stream, bool leaveOpen)
    {
        _stream = stream;
        _leaveOpen = leaveOpen;
        Length = stream.Length;
    }

    public override long Length { get; }

    public override int ReadAt(long position, Span<byte> buffer)
    {
        if (position >= Length) return 0;
        if (buffer.Length > Length - position) buffer = buffer[..(int)(Length - position)];
        lock (_gate)
        {
            _stream.Position = position;
            return _stream.Read(buffer);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_leaveOpen) _stream.Dispose();
        base.Dispose(disposing);
    }
}

/// <summary>Bytes held in memory as fixed-size chunks (no single huge array).</summary>
internal sealed class MemorySource : ByteSource
{
    public const int ChunkSize = 1 << 20;

    private readonly byte[][] _chunks;

    public MemorySource(byte[][] chunks, long length)
    {
        _chunks = chunks;
        Length = length;
    }

    public override long Length { get; }

    public static MemorySource FromArray(byte[] bytes)
    {
        var chunks = new byte[(bytes.Length + ChunkSize - 1) / ChunkSize][];
        for (var i = 0; i < chunks.Length; i++)
            chunks[i] = bytes.AsSpan(i * ChunkSize, Math.Min(ChunkSize, bytes.Length - (i * ChunkSize))).ToArray();
        return new MemorySource(chunks, bytes.Length);
    }

    public override int ReadAt(long position, Span<byte> buffer)
    {
        var total = 0;
        while (!buffer.IsEmpty && position < Length)
        {
            var chunk = _chunks[position / ChunkSize];
            var within = (int)(position % ChunkSize);
            var count = (int)Math.Min(Math.Min(buffer.Length, ChunkSize - within), Length - position);
            chunk.AsSpan(within, count).CopyTo(buffer);
            buffer = buffer[count..];
            position += count;
            total += count;
        }
        return total;
    }
}
