using System.IO.Compression;
using System.Security.Cryptography;
using UnionFs.Images.Storage;

namespace UnionFs.Images.Toc;

/// <summary>
/// The virtual data space of a lazily opened layer (every regular file's bytes, one file after another) read from the
/// compressed blob chunk by chunk: a read fetches only the compressed bytes of the chunks it touches (one positional
/// read each), decompresses them, checks each chunk's sha256 digest once and keeps a few in a bounded cache.
/// </summary>
internal sealed class ChunkedSource : ByteSource
{
    /// <summary>How many decompressed bytes the cache keeps: 16 MiB.</summary>
    public const long CacheCapacity = 16L << 20;

    private readonly ByteSource _raw;
    private readonly bool _ownsRaw;
    private readonly TocChunk[] _chunks;
    private readonly LayerFormat _format;
    private readonly string _layer;
    private readonly ChunkCache _cache = new(CacheCapacity);

    public ChunkedSource(ByteSource raw, bool ownsRaw, TocChunk[] chunks, long length, LayerFormat format, string layer)
    {
        _raw = raw;
        _ownsRaw = ownsRaw;
        _chunks = chunks;
        _format = format;
        _layer = layer;
        Length = length;
    }

    public override long Length { get; }

    /// <summary>The compressed blob the chunks are read from.</summary>
    public ByteSource Raw => _raw;

    public override int ReadAt(long position, Span<byte> buffer)
    {
        var total = 0;
        while (!buffer.IsEmpty && position < Length)
        {
            var index = Find(position);
            var chunk = _chunks[index];
            var data = Load(index);
            var within = (int)(position - chunk.VirtualOffset);
            var count = Math.Min(buffer.Length, data.Length - within);
            data.AsSpan(within, count).CopyTo(buffer);
            buffer = buffer[count..];
            position += count;
            total += count;
        }
        return total;
    }

    /// <summary>The chunk holding <paramref name="position"/> (chunks cover the space without gaps).</summary>
    private int Find(long position)
    {
        int low = 0, high = _chunks.Length - 1;
        while (low < high)
        {
            var mid = (low + high + 1) / 2;
            if (_chunks[mid].VirtualOffset <= position) low = mid;
            else high = mid - 1;
        }
        return low;
    }

    private byte[] Load(int index)
    {
        if (_cache.Get(index) is { } cached) return cached;
        var chunk = _chunks[index];
        var data = chunk.IsZeros ? new byte[chunk.Size] : Decompress(chunk);
        if (!chunk.IsZeros || chunk.Digest.Length > 0)
        {
            var actual = Digests.Of(data);
            if (actual != chunk.Digest)
                throw new InvalidImageException(_layer, chunk.File,
                    $"the chunk at {chunk.VirtualOffset - FileStart(index)} of the file (blob bytes {chunk.CompressedOffset}..{chunk.CompressedEnd}) has digest {actual}, the table of contents says {chunk.Digest}.");
        }
        _cache.Add(index, data);
        return data;
    }

    /// <summary>The virtual offset where the file of chunk <paramref name="index"/> starts (for messages).</summary>
    private long FileStart(int index)
    {
        while (index > 0 && _chunks[index - 1].File == _chunks[index].File) index--;
        return _chunks[index].VirtualOffset;
    }

    private byte[] Decompress(TocChunk chunk)
    {
        var compressedLength = chunk.CompressedEnd - chunk.CompressedOffset;
        if (compressedLength > Array.MaxLength) throw new InvalidImageException(_layer, chunk.File, $"a chunk's {compressedLength} compressed bytes are too many.");
        // One read of exactly the chunk's compressed bytes: one range request on a remote source.
        var compressed = new byte[compressedLength];
        _raw.ReadExactlyAt(chunk.CompressedOffset, compressed);
        var data = new byte[chunk.Size];
        try
        {
            using var input = new MemoryStream(compressed, writable: false);
            using Stream decompressor = _format == LayerFormat.EStargz
                ? new GZipStream(input, CompressionMode.Decompress)
                : new ZstdSharp.DecompressionStream(input);
            Skip(decompressor, chunk.InnerOffset);
            decompressor.ReadExactly(data);
        }
        catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException or ZstdSharp.ZstdException)
        {
            throw new InvalidImageException(_layer, chunk.File, $"the chunk at blob bytes {chunk.CompressedOffset}..{chunk.CompressedEnd} is corrupt or truncated ({ex.Message})", ex);
        }
        return data;
    }

    private static void Skip(Stream stream, long count)
    {
        if (count == 0) return;
        var buffer = new byte[(int)Math.Min(count, 1 << 16)];
        while (count > 0)
        {
            var read = stream.Read(buffer, 0, (int)Math.Min(count, buffer.Length));
            if (read <= 0) throw new EndOfStreamException("the chunk's stream ends before its inner offset");
            count -= read;
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && _ownsRaw) _raw.Dispose();
        base.Dispose(disposing);
    }
}
