using UnionFs.Images.Storage;

namespace UnionFs.Images.Tests.Toc;

/// <summary>A byte source that counts the bytes read through it (and the reads), as a range-reading registry source would transfer them.</summary>
internal sealed class CountingSource(ByteSource inner) : ByteSource
{
    private long _bytes;
    private long _reads;

    public long BytesRead => Interlocked.Read(ref _bytes);

    public long Reads => Interlocked.Read(ref _reads);

    public override long Length => inner.Length;

    public override int ReadAt(long position, Span<byte> buffer)
    {
        var read = inner.ReadAt(position, buffer);
        Interlocked.Add(ref _bytes, Math.Max(read, 0));
        Interlocked.Increment(ref _reads);
        return read;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
