using UnionFs.Engine;

namespace UnionFs.Facade;

/// <summary>
/// One open file of the union, below the buffer, with the rules a <see cref="FileStream"/> enforces itself: only
/// the access asked for; in <see cref="FileMode.Append"/> no seek or truncation before the end the file had when
/// it was opened (.NET opens without O_APPEND, so each handle writes at its own position); closed means
/// <see cref="ObjectDisposedException"/>. Disposing releases the handle's <see cref="FileShare"/> lock and runs
/// the close action (<see cref="FileOptions.DeleteOnClose"/>).
/// </summary>
internal sealed class FileHandleStream : Stream
{
    private readonly Stream _inner;
    private readonly FileAccess _access;
    private readonly IDisposable? _shareLock;
    private readonly long _appendStart;
    private Action? _onClose;
    private AccessTimes? _times;
    private readonly string _path;
    private readonly string _name;
    private bool _disposed;

    /// <param name="inner">The branch's stream.</param>
    /// <param name="access">What the caller asked for.</param>
    /// <param name="shareLock">The handle's <see cref="FileShare"/> lock, released on dispose.</param>
    /// <param name="appendStart">For <see cref="FileMode.Append"/>, the end at open (the inner stream is there); else -1.</param>
    /// <param name="onClose">Runs once after the handle is closed.</param>
    /// <param name="times">Told of the first read (read(2) is what moves the access time); null for a handle that cannot read.</param>
    /// <param name="path">The file's resolved union path.</param>
    /// <param name="name">The path as the stream's errors name it (as FileStream's: the full path opened).</param>
    public FileHandleStream(Stream inner, FileAccess access, IDisposable? shareLock, long appendStart, Action? onClose, AccessTimes? times, string path, string name)
    {
        _times = times;
        _path = path;
        _name = name;
        _inner = inner;
        _access = access;
        _shareLock = shareLock;
        _appendStart = appendStart;
        _onClose = onClose;
    }

    public override bool CanRead => !_disposed && (_access & FileAccess.Read) != 0 && _inner.CanRead;
    public override bool CanSeek => !_disposed && _inner.CanSeek;
    public override bool CanWrite => !_disposed && (_access & FileAccess.Write) != 0 && _inner.CanWrite;

    public override long Length
    {
        get
        {
            ThrowIfDisposed();
            return _inner.Length;
        }
    }

    public override long Position
    {
        get
        {
            ThrowIfDisposed();
            return _inner.Position;
        }
        set => Seek(value, SeekOrigin.Begin);
    }

    public override void Flush()
    {
        ThrowIfDisposed();
        _inner.Flush();
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        return Read(buffer.AsSpan(offset, count));
    }

    public override int Read(Span<byte> buffer)
    {
        ThrowIfDisposed();
        if (!CanRead) throw new NotSupportedException("Stream does not support reading.");
        var read = _inner.Read(buffer);
        if (_times is { } times)
        {
            _times = null;
            times.ReadThrough(_path, _inner);
        }
        return read;
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        Write(buffer.AsSpan(offset, count));
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ThrowIfDisposed();
        if (!CanWrite) throw new NotSupportedException("Stream does not support writing.");
        _inner.Write(buffer);
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        ThrowIfDisposed();
        if (origin is < SeekOrigin.Begin or > SeekOrigin.End) throw new ArgumentException("Invalid seek origin.", nameof(origin));
        var target = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _inner.Position + offset,
            _ => _inner.Length + offset,
        };
        // FileStream keeps the position itself and refuses one before the start as lseek(2) would have: EINVAL.
        if (target < 0) throw UnionErrors.InvalidArgument(_name);
        if (_appendStart >= 0 && target < _appendStart) throw new IOException("Unable seek backward to overwrite data that previously existed in a file opened in Append mode.");
        return _inner.Seek(target, SeekOrigin.Begin);
    }

    public override void SetLength(long value)
    {
        ThrowIfDisposed();
        if (!CanWrite) throw new NotSupportedException("Stream does not support writing.");
        if (_appendStart >= 0 && value < _appendStart) throw new IOException("Unable to truncate data that previously existed in a file opened in Append mode.");
        _inner.SetLength(value);
        // As FileStream: a position past the new end moves back to it (ftruncate(2) alone would leave it there).
        if (_inner.Position > value) _inner.Seek(value, SeekOrigin.Begin);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            try
            {
                _inner.Dispose();
            }
            finally
            {
                _shareLock?.Dispose();
                var onClose = _onClose;
                _onClose = null;
                onClose?.Invoke();
            }
        }
        base.Dispose(disposing);
    }

    private void ThrowIfDisposed()
    {
        if (_disposed) throw new ObjectDisposedException(null, "Cannot access a closed file.");
    }
}
