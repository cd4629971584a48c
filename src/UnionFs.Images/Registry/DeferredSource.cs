using UnionFs.Images.Storage;

namespace UnionFs.Images.Registry;

/// <summary>
/// A small document whose length is known before its bytes (a manifest an index lists with its size): fetched on
/// the first read only. Bytes beyond the announced length are never served; fewer end the source early, and the
/// reader's digest check names the document either way.
/// </summary>
internal sealed class DeferredSource(long length, Func<byte[]> fetch) : ByteSource
{
    private readonly Lazy<byte[]> _bytes = new(fetch, LazyThreadSafetyMode.ExecutionAndPublication);

    public override long Length => length;

    public override int ReadAt(long position, Span<byte> buffer)
    {
        var bytes = _bytes.Value;
        var end = Math.Min(length, bytes.Length);
        if (position >= end) return 0;
        var count = (int)Math.Min(buffer.Length, end - position);
        bytes.AsSpan((int)position, count).CopyTo(buffer);
        return count;
    }
}
