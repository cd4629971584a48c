namespace UnionFs.Engine;

/// <summary>
/// A writable handle on an upper file that reports its changes, as the kernel does for a write descriptor:
/// every write of at least one byte and every SetLength is a <see cref="NotificationKind.Modified"/> change
/// (IN_MODIFY); flushing and closing report nothing. With no watcher, the check is one volatile read.
/// </summary>
internal sealed class WriteNotifyingStream(Stream inner, NotificationHub notifications, string path) : Stream
{
    /// <summary>The stream the writes go to.</summary>
    public Stream Inner => inner;

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

    public override void SetLength(long value)
    {
        inner.SetLength(value);
        notifications.Publish(NotificationKind.Modified, path, isDirectory: false);
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        Write(buffer.AsSpan(offset, count));
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        inner.Write(buffer);
        if (buffer.Length != 0) notifications.Publish(NotificationKind.Modified, path, isDirectory: false);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
