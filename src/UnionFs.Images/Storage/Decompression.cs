using System.IO.Compression;
using System.Security.Cryptography;

namespace UnionFs.Images.Storage;

/// <summary>Compression sniffing (by magic bytes, never by name) and the one decompression pass of a layer.</summary>
internal static class Decompression
{
    public static LayerCompression Sniff(ByteSource source, string layer)
    {
        Span<byte> head = stackalloc byte[6];
        var count = source.ReadAt(0, head);
        head = head[..count];
        if (head.StartsWith((ReadOnlySpan<byte>)[0x1F, 0x8B])) return LayerCompression.Gzip;
        if (head.StartsWith((ReadOnlySpan<byte>)[0x28, 0xB5, 0x2F, 0xFD])) return LayerCompression.Zstd;
        // A zstd skippable frame (magic 0x184D2A5?, little endian) may come first.
        if (head.Length >= 4 && (head[0] & 0xF0) == 0x50 && head[1] == 0x2A && head[2] == 0x4D && head[3] == 0x18) return LayerCompression.Zstd;
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00]))
            throw new InvalidImageException(layer, null, "xz compression is not supported (only uncompressed, gzip and zstd layers are).");
        if (head.StartsWith("BZh"u8))
            throw new InvalidImageException(layer, null, "bzip2 compression is not supported (only uncompressed, gzip and zstd layers are).");
        return LayerCompression.None;
    }

    /// <summary>
    /// Decompresses <paramref name="compressed"/> once into a seekable store, hashing the compressed bytes
    /// (the blob digest) and the uncompressed ones (the diff digest) in the same pass.
    /// </summary>
    public static (ByteSource Tar, string Digest, string DiffId, bool Spilled) Decompress(
        ByteSource compressed, LayerCompression compression, LayerOpenOptions options, string layer)
    {
        using var spill = new SpillBuffer(options.MemoryThreshold, options.MaxUncompressedSize, options.TempDirectory);
        using var diffHash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        string digest;
        try
        {
            using var raw = new HashingStream(compressed.OpenStream(), leaveOpen: false);
            // .NET's GZipStream ends silently when its input is truncated. A small complete gzip member after
            // the data tells: it decodes to the sentinel only when every member before it was complete (each
            // member's CRC and size are checked). Its output is held back and never stored.
            var gzip = compression == LayerCompression.Gzip;
            using var input = gzip ? new SentinelStream(raw, GzipSentinel.Value) : (Stream)raw;
            var tail = gzip ? new byte[SentinelText.Length] : [];
            var held = 0;
            using (var decompressor = Open(input, compression))
            {
                var buffer = new byte[1 << 16];
                int read;
                while ((read = decompressor.Read(buffer, 0, buffer.Length)) > 0)
                {
                    var chunk = buffer.AsSpan(0, read);
                    if (gzip)
                    {
                        // Keep the last bytes back: they may be the sentinel.
                        var combined = held + read;
                        var release = Math.Max(0, combined - tail.Length);
                        var fromHeld = Math.Min(release, held);
                        if (fromHeld > 0) Store(spill, diffHash, tail.AsSpan(0, fromHeld));
                        tail.AsSpan(fromHeld, held - fromHeld).CopyTo(tail);
                        held -= fromHeld;
                        var fromChunk = release - fromHeld;
                        if (fromChunk > 0) Store(spill, diffHash, chunk[..fromChunk]);
                        chunk[fromChunk..].CopyTo(tail.AsSpan(held));
                        held += chunk.Length - fromChunk;
                    }
                    else
                    {
                        Store(spill, diffHash, chunk);
                    }
                }
            }
            if (gzip && (held != tail.Length || !tail.AsSpan().SequenceEqual(SentinelText)))
                throw new InvalidDataException("the gzip data ends before its last member is complete");
            // The blob digest covers every byte, also those after the end of the compressed data.
            var rest = new byte[1 << 16];
            while (raw.Read(rest, 0, rest.Length) > 0)
            {
            }
            digest = raw.Digest();
        }
        catch (Exception ex) when (ex is not InvalidImageException and not OperationCanceledException)
        {
            throw new InvalidImageException(layer, null, $"the {compression.ToString().ToLowerInvariant()} data is corrupt or truncated ({ex.Message})", ex);
        }
        var spilled = spill.Spilled;
        return (spill.Complete(), digest, Digests.Format(diffHash.GetHashAndReset()), spilled);
    }

    private static readonly byte[] SentinelText = "UnionFs:end-of-gzip-data"u8.ToArray();

    private static readonly Lazy<byte[]> GzipSentinel = new(() =>
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(SentinelText);
        return buffer.ToArray();
    });

    private static void Store(SpillBuffer spill, IncrementalHash hash, ReadOnlySpan<byte> data)
    {
        spill.Write(data);
        hash.AppendData(data);
    }

    private static Stream Open(Stream raw, LayerCompression compression) => compression switch
    {
        LayerCompression.Gzip => new GZipStream(raw, CompressionMode.Decompress, leaveOpen: true),
        LayerCompression.Zstd => new ZstdSharp.DecompressionStream(raw, leaveOpen: true),
        _ => throw new ArgumentOutOfRangeException(nameof(compression)),
    };
}

/// <summary>Reads an inner stream to its end, then a fixed tail.</summary>
internal sealed class SentinelStream(Stream inner, byte[] tail) : Stream
{
    private int _tailPosition = -1;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_tailPosition < 0)
        {
            var read = inner.Read(buffer);
            if (read > 0 || buffer.IsEmpty) return read;
            _tailPosition = 0;
        }
        var count = Math.Min(buffer.Length, tail.Length - _tailPosition);
        tail.AsSpan(_tailPosition, count).CopyTo(buffer);
        _tailPosition += count;
        return count;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
