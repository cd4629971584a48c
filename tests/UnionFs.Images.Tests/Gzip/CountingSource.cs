using UnionFs.Images.Storage;

namespace UnionFs.Images.Tests.Gzip;

/// <summary>A source that counts the bytes read through it (the measure of laziness).</summary>
internal sealed class CountingSource(ByteSource inner) : ByteSource
{
    private long _bytesRead;

    public long BytesRead => Interlocked.Read(ref _bytesRead);

    public override long Length => inner.Length;

    public void Reset() => Interlocked.Exchange(ref _bytesRead, 0);

    public override int ReadAt(long position, Span<byte> buffer)
    {
        var read = inner.ReadAt(position, buffer);
        Interlocked.Add(ref _bytesRead, read);
        return read;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
