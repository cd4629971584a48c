namespace UnionFs.Images.Storage;

/// <summary>
/// A read-only, seekable stream over a <see cref="ByteSource"/> with its own position and a cached length.
/// TarReader asks its stream for Length and Position for every entry; a FileStream answers Length with a
/// system call each time, this stream from a field. With a buffer, the many small header reads of an index
/// pass are served from memory.
/// </summary>
internal sealed class SourceStream : Stream
{
    private readonly ByteSource _source;
    private readonly byte[]? _buffer;
    private long _bufferStart;
    private int _bufferCount;
    private long _position;

    public SourceStream(ByteSource source, int bufferSize = 0)
    {
        _source = source;
        if (bufferSize > 0) _buffer = new byte[bufferSize];
    }

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => _source.Length;

    public override long Position
    {
        get => _position;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            _position = value;
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_position >= _source.Length || buffer.IsEmpty) return 0;
        int read;
        if (_buffer is null || buffer.Length >= _buffer.Length)
        {
            read = _source.ReadAt(_position, buffer);
        }
        else
        {
            if (_position < _bufferStart || _position >= _bufferStart + _bufferCount)
            {
                _bufferStart = _position;
                _bufferCount = _source.ReadAt(_position, _buffer);
                if (_bufferCount <= 0) return 0;
            }
            var within = (int)(_position - _bufferStart);
            read = Math.Min(buffer.Length, _bufferCount - within);
            _buffer.AsSpan(within, read).CopyTo(buffer);
        }
        _position += read;
        return read;
    }

    /// <summary>
    /// Reads at <paramref name="position"/> without moving the stream, from the buffer when it holds the range
    /// (a header TarReader just read), otherwise from the source.
    /// </summary>
    public void ReadExactlyAt(long position, Span<byte> destination)
    {
        if (_buffer is not null && position >= _bufferStart && position + destination.Length <= _bufferStart + _bufferCount)
        {
            _buffer.AsSpan((int)(position - _bufferStart), destination.Length).CopyTo(destination);
            return;
        }
        _source.ReadExactlyAt(position, destination);
    }

    public override int ReadByte()
    {
        Span<byte> one = stackalloc byte[1];
        return Read(one) == 1 ? one[0] : -1;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override long Seek(long offset, SeekOrigin origin)
    {
        var target = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            SeekOrigin.End => _source.Length + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin)),
        };
        if (target < 0) throw new IOException("An attempt was made to move the position before the beginning of the stream.");
        _position = target;
        return target;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException("The stream is read-only.");

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("The stream is read-only.");
}
