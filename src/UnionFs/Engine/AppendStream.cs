namespace UnionFs.Engine;

/// <summary>
/// A handle opened with <see cref="FileMode.Append"/>: like a Linux O_APPEND descriptor, every write goes to
/// the end of the file as it is at that moment, in one step, so concurrent appenders never overwrite each
/// other. The union serialises appends through one gate; other reads and writes are not affected.
/// </summary>
internal sealed class AppendStream(Stream inner, Lock gate) : Stream
{
    public override bool CanRead => inner.CanRead;
    public override bool CanSeek => inner.CanSeek;
    public override bool CanWrite => inner.CanWrite;
    public override long Length => inner.Length;

    public override long Position
    {
        get => inner.Position;
        set => inner.Position = value;
    }

    public override void Flush() => inner.Flush();

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    public override int Read(Span<byte> buffer) => inner.Read(buffer);

    public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

    public override void SetLength(long value) => inner.SetLength(value);

    public override void Write(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        Write(buffer.AsSpan(offset, count));
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        lock (gate)
        {
            inner.Seek(0, SeekOrigin.End);
            inner.Write(buffer);
            // A buffering stream (a host FileStream) must reach the file before the next appender finds the end.
            inner.Flush();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
