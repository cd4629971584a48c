using System.IO.Abstractions;

namespace UnionFs.Facade;

/// <summary>The <see cref="FileSystemStream"/> the union hands out: a branch stream limited to the access asked for.</summary>
internal sealed class UnionFileStream : FileSystemStream
{
    public UnionFileStream(AccessLimitedStream stream, string path, bool isAsync)
        : base(stream, path, isAsync)
    {
    }
}

/// <summary>
/// Forwards to a branch stream, refusing reads or writes the caller did not ask for, as FileStream does; holds
/// the handle's <see cref="FileShare"/> lock until it is disposed.
/// </summary>
internal sealed class AccessLimitedStream : Stream
{
    private readonly Stream _inner;
    private readonly FileAccess _access;
    private readonly IDisposable? _shareLock;

    public AccessLimitedStream(Stream inner, FileAccess access, IDisposable? shareLock)
    {
        _inner = inner;
        _access = access;
        _shareLock = shareLock;
    }

    public override bool CanRead => (_access & FileAccess.Read) != 0 && _inner.CanRead;
    public override bool CanSeek => _inner.CanSeek;
    public override bool CanWrite => (_access & FileAccess.Write) != 0 && _inner.CanWrite;
    public override long Length => _inner.Length;

    public override long Position
    {
        get => _inner.Position;
        set => _inner.Position = value;
    }

    public override void Flush() => _inner.Flush();

    public override int Read(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        return Read(buffer.AsSpan(offset, count));
    }

    public override int Read(Span<byte> buffer)
    {
        if (!CanRead) throw new NotSupportedException("Stream does not support reading.");
        return _inner.Read(buffer);
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        Write(buffer.AsSpan(offset, count));
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (!CanWrite) throw new NotSupportedException("Stream does not support writing.");
        _inner.Write(buffer);
    }

    public override long Seek(long offset, SeekOrigin origin) => _inner.Seek(offset, origin);

    public override void SetLength(long value)
    {
        if (!CanWrite) throw new NotSupportedException("Stream does not support writing.");
        _inner.SetLength(value);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
            _shareLock?.Dispose();
        }
        base.Dispose(disposing);
    }
}
