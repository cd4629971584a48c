using UnionFs.Images.Storage;

namespace UnionFs.Images.Tar;

/// <summary>
/// A tar as the tar reader sees it: the real bytes, then zeros up to the next 512-byte block and two zero
/// blocks (an end-of-archive marker). Producers such as <c>umoci insert</c> end a layer right after the last
/// entry's data, which the Go tar reader (Docker, containerd, umoci) takes as a clean end; with the tail added,
/// System.Formats.Tar does too. Truncation inside a header or inside data is still caught by the indexer,
/// which checks both against the real length. The inner source belongs to the caller.
/// </summary>
internal sealed class ZeroPaddedSource : ByteSource
{
    private const int BlockSize = 512;
    private readonly ByteSource _inner;

    public ZeroPaddedSource(ByteSource inner)
    {
        _inner = inner;
        var rounded = (inner.Length + BlockSize - 1) / BlockSize * BlockSize;
        Length = rounded + (2 * BlockSize);
    }

    public override long Length { get; }

    public override int ReadAt(long position, Span<byte> buffer)
    {
        if (position >= Length || buffer.IsEmpty) return 0;
        var count = (int)Math.Min(buffer.Length, Length - position);
        var real = _inner.Length;
        if (position < real) return _inner.ReadAt(position, buffer[..(int)Math.Min(count, real - position)]);
        buffer[..count].Clear();
        return count;
    }
}
