using System.Buffers;

namespace UnionFs.Facade;

/// <summary>
/// The buffer between a <see cref="UnionFileStream"/> and its handle, with <see cref="FileStream"/>'s rules: writes
/// smaller than the buffer wait in it until it fills, a read, a seek, a flush or the close; a read smaller than the
/// buffer fills it with one read of the handle; a read or write as large as the buffer goes straight through. So two
/// handles on one file see each other's bytes when a real file's two streams would.
/// </summary>
/// <remarks>
/// The buffer is rented from the shared pool when first needed and returned at the close: a test's fixture opens
/// thousands of streams to write a few bytes each, and a fresh zeroed buffer per stream was most of what those
/// writes allocated.
/// </remarks>
internal sealed class BufferedHandleStream : Stream
{
    private readonly Stream _handle;
    private readonly int _size;
    private byte[]? _buffer;

    // Bytes waiting to be written: _buffer[.._writePos]. Bytes read ahead: _buffer[_readPos.._readLen]. Never both.
    private int _writePos;
    private int _readPos;
    private int _readLen;
    private bool _disposed;

    /// <param name="handle">The handle's stream.</param>
    /// <param name="size">The buffer's size (more than 1).</param>
    public BufferedHandleStream(Stream handle, int size)
    {
        _handle = handle;
        _size = size;
    }

    public override bool CanRead => !_disposed && _handle.CanRead;
    public override bool CanSeek => !_disposed && _handle.CanSeek;
    public override bool CanWrite => !_disposed && _handle.CanWrite;

    public override long Length
    {
        get
        {
            ThrowIfDisposed();
            // As FileStream: what waits in the buffer counts, but stays there (another handle does not see it yet).
            var length = _handle.Length;
            return _writePos > 0 ? Math.Max(length, _handle.Position + _writePos) : length;
        }
    }

    public override long Position
    {
        get
        {
            ThrowIfDisposed();
            return _handle.Position + _readPos - _readLen + _writePos;
        }
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            Seek(value, SeekOrigin.Begin);
        }
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        return Read(buffer.AsSpan(offset, count));
    }

    public override int Read(Span<byte> destination)
    {
        ThrowIfDisposed();
        var available = _readLen - _readPos;
        var endNear = false;
        if (available == 0)
        {
            if (!_handle.CanRead) throw new NotSupportedException("Stream does not support reading.");
            FlushWrite();
            if (destination.Length >= _size || !_handle.CanSeek)
            {
                _readPos = _readLen = 0;
                return _handle.Read(destination);
            }
            var buffer = Buffer();
            available = _handle.Read(buffer, 0, _size);
            if (available == 0) return 0;
            endNear = available < _size;
            _readPos = 0;
            _readLen = available;
        }
        var copied = Math.Min(available, destination.Length);
        _buffer.AsSpan(_readPos, copied).CopyTo(destination);
        _readPos += copied;
        // The buffer ran out before the request did: the rest comes from the handle, unless it has just said the end is near.
        if (copied < destination.Length && !endNear)
        {
            copied += _handle.Read(destination[copied..]);
            _readPos = _readLen = 0;
        }
        return copied;
    }

    public override int ReadByte()
    {
        if (_readPos < _readLen && !_disposed) return _buffer![_readPos++];
        byte one = 0;
        return Read(new Span<byte>(ref one)) == 0 ? -1 : one;
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        Write(buffer.AsSpan(offset, count));
    }

    public override void Write(ReadOnlySpan<byte> source)
    {
        ThrowIfDisposed();
        if (_writePos == 0)
        {
            if (!_handle.CanWrite) throw new NotSupportedException("Stream does not support writing.");
            DropReadAhead();
        }
        else
        {
            // Fill what is left of the buffer first; a full buffer is written only when more comes.
            var room = _size - _writePos;
            if (source.Length <= room)
            {
                source.CopyTo(_buffer.AsSpan(_writePos));
                _writePos += source.Length;
                return;
            }
            source[..room].CopyTo(_buffer.AsSpan(_writePos));
            _writePos = _size;
            source = source[room..];
            FlushWrite();
        }
        if (source.Length >= _size)
        {
            _handle.Write(source);
            return;
        }
        if (source.IsEmpty) return;
        source.CopyTo(Buffer());
        _writePos = source.Length;
    }

    public override void WriteByte(byte value)
    {
        if (_writePos > 0 && _writePos < _size && !_disposed)
        {
            _buffer![_writePos++] = value;
            return;
        }
        Write(new ReadOnlySpan<byte>(in value));
    }

    public override void Flush()
    {
        ThrowIfDisposed();
        if (_writePos > 0)
        {
            FlushWrite();
        }
        else if (_readPos < _readLen && _handle.CanSeek)
        {
            DropReadAhead();
        }
        _handle.Flush();
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        ThrowIfDisposed();
        if (!_handle.CanSeek) throw new NotSupportedException("Stream does not support seeking.");
        FlushWrite();
        // The handle is past what was read ahead: a move from here counts from where the reader is.
        if (origin == SeekOrigin.Current) offset -= _readLen - _readPos;
        var position = _handle.Seek(offset, origin);
        _readPos = _readLen = 0;
        return position;
    }

    public override void SetLength(long value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        ThrowIfDisposed();
        FlushWrite();
        DropReadAhead();
        _handle.SetLength(value);
    }

    public override Task FlushAsync(CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested) return Task.FromCanceled(cancellationToken);
        try
        {
            Flush();
            return Task.CompletedTask;
        }
        catch (Exception e)
        {
            return Task.FromException(e);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        ValidateBufferArguments(buffer, offset, count);
        return ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested) return ValueTask.FromCanceled<int>(cancellationToken);
        try
        {
            return ValueTask.FromResult(Read(buffer.Span));
        }
        catch (Exception e)
        {
            return ValueTask.FromException<int>(e);
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        ValidateBufferArguments(buffer, offset, count);
        return WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested) return ValueTask.FromCanceled(cancellationToken);
        try
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }
        catch (Exception e)
        {
            return ValueTask.FromException(e);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            try
            {
                // As a closing FileStream: what waits in the buffer is written, and the handle closed even when that fails.
                if (_writePos > 0) FlushWrite();
                if (_handle.CanWrite) _handle.Flush();
            }
            finally
            {
                _disposed = true;
                _handle.Dispose();
                if (_buffer is { } buffer)
                {
                    _buffer = null;
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }
        }
        base.Dispose(disposing);
    }

    private byte[] Buffer() => _buffer ??= ArrayPool<byte>.Shared.Rent(_size);

    /// <summary>Writes what waits in the buffer to the handle.</summary>
    private void FlushWrite()
    {
        if (_writePos == 0) return;
        // Kept until written, as FileStream keeps them: a write that failed can be tried again.
        _handle.Write(_buffer.AsSpan(0, _writePos));
        _writePos = 0;
    }

    /// <summary>Forgets what was read ahead, moving the handle back to where the reader is.</summary>
    private void DropReadAhead()
    {
        var ahead = _readLen - _readPos;
        if (ahead != 0) _handle.Seek(-ahead, SeekOrigin.Current);
        _readPos = _readLen = 0;
    }

    private void ThrowIfDisposed()
    {
        if (_disposed) throw new ObjectDisposedException(null, "Cannot access a closed file.");
    }
}
