namespace UnionFs;

/// <summary>A seekable stream over the data of one <see cref="MemoryBranch"/> file.</summary>
internal sealed class MemoryFileStream : Stream
{
    private readonly MemoryNode _node;
    private readonly FileData _data;
    private readonly bool _writable;
    private readonly TimeProvider _clock;
    private readonly MemoryBranch? _owner;
    private long _position;
    private bool _disposed;

    public MemoryFileStream(MemoryNode node, bool writable, TimeProvider clock, MemoryBranch? owner = null)
    {
        _owner = owner;
        _node = node;
        _data = node.Data!;
        _writable = writable;
        _clock = clock;
    }

    /// <summary>The data behind the stream, so a memory-to-memory copy can share chunks instead of bytes.</summary>
    internal FileData Data => _data;

    /// <summary>The file the stream was opened on (it stays the same object if its name changes).</summary>
    internal MemoryNode Node => _node;

    /// <summary>The branch that holds the file, when the stream was opened through it.</summary>
    internal MemoryBranch? Owner => _owner;

    public override bool CanRead => !_disposed;
    public override bool CanSeek => !_disposed;
    public override bool CanWrite => !_disposed && _writable;
    public override long Length { get { ThrowIfDisposed(); return _data.Length; } }

    public override long Position
    {
        get { ThrowIfDisposed(); return _position; }
        set { ThrowIfDisposed(); ArgumentOutOfRangeException.ThrowIfNegative(value); _position = value; }
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        ThrowIfDisposed();
        var read = _data.Read(_position, buffer);
        _position += read;
        return read;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ThrowIfNotWritable();
        if (buffer.IsEmpty) return;
        _data.Write(_position, buffer);
        _position += buffer.Length;
        _node.Touch(CoarseClock.UtcNow(_clock));
        _owner?.NoteChange();
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        ThrowIfDisposed();
        var target = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            SeekOrigin.End => _data.Length + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin)),
        };
        if (target < 0) throw new IOException("An attempt was made to move the position before the beginning of the stream.");
        _position = target;
        return target;
    }

    public override void SetLength(long value)
    {
        ThrowIfNotWritable();
        _data.SetLength(value);
        _node.Touch(CoarseClock.UtcNow(_clock));
        _owner?.NoteChange();
    }

    public override void Flush() => ThrowIfDisposed();

    protected override void Dispose(bool disposing)
    {
        _disposed = true;
        base.Dispose(disposing);
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);

    private void ThrowIfNotWritable()
    {
        ThrowIfDisposed();
        if (!_writable) throw new NotSupportedException("Stream does not support writing.");
    }
}
