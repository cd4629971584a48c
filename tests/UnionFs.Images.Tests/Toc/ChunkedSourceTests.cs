using System.IO.Compression;
using System.Text;
using UnionFs.Images.Storage;
using UnionFs.Images.Toc;

namespace UnionFs.Images.Tests.Toc;

/// <summary>
/// <see cref="ChunkedSource"/> over hand-made blobs (no tools needed): chunks are found, decompressed from exactly
/// their compressed bytes, checked against their digests (a mismatch names the blob and the file), cached.
/// </summary>
public class ChunkedSourceTests
{
    private const string Blob = "sha256:" + "ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12";

    [TestCase(LayerFormat.EStargz)]
    [TestCase(LayerFormat.ZstdChunked)]
    public void ReadsAcrossChunks_FromTheirOwnStreams(LayerFormat format)
    {
        var (raw, chunks) = Build(format, ("a", "first chunk|"), ("a", "second chunk|"), ("b", "other file"));
        using var counting = new CountingSource(MemorySource.FromArray(raw));
        using var source = new ChunkedSource(counting, ownsRaw: false, chunks, chunks.Sum(c => c.Size), format, Blob);

        var all = new byte[source.Length];
        source.ReadExactlyAt(0, all);
        var middle = new byte[10];
        source.ReadExactlyAt(8, middle);

        Encoding.ASCII.GetString(all).Should().Be("first chunk|second chunk|other file");
        Encoding.ASCII.GetString(middle).Should().Be("unk|second");
        counting.Reads.Should().Be(3, "each chunk's compressed bytes are fetched once, then served from the cache");
        counting.BytesRead.Should().Be(raw.Length);
    }

    [TestCase(LayerFormat.EStargz)]
    [TestCase(LayerFormat.ZstdChunked)]
    public void AChunkNotMatchingItsDigest_IsAnInvalidImageException_NamingTheBlobAndTheFile(LayerFormat format)
    {
        var (raw, chunks) = Build(format, ("etc/passwd", "root:x:0:0"));
        chunks[0] = chunks[0] with { Digest = Digests.Of("root:x:0:1"u8) };
        using var source = new ChunkedSource(MemorySource.FromArray(raw), ownsRaw: true, chunks, chunks[0].Size, format, Blob);

        var act = () => source.ReadAt(0, new byte[4]);

        act.Should().Throw<InvalidImageException>()
            .Where(e => e.Layer == Blob && e.Entry == "etc/passwd" && e.Message.Contains(Blob) && e.Message.Contains("digest"));
    }

    [Test]
    public void AChunkInsideAMember_IsFoundByItsInnerOffset()
    {
        var member = Gzip("headerdata-PAYLOAD-trailer");
        var chunk = new TocChunk("f", 0, 7, 0, member.Length, 11, Digests.Of("PAYLOAD"u8), IsZeros: false);
        using var source = new ChunkedSource(MemorySource.FromArray(member), ownsRaw: true, [chunk], 7, LayerFormat.EStargz, Blob);

        var bytes = new byte[7];
        source.ReadExactlyAt(0, bytes);

        Encoding.ASCII.GetString(bytes).Should().Be("PAYLOAD");
    }

    [Test]
    public void TruncatedCompressedBytes_AreAnInvalidImageException()
    {
        var member = Gzip("a chunk that is cut short");
        var chunk = new TocChunk("f", 0, 25, 0, member.Length / 2, 0, Digests.Of("a chunk that is cut short"u8), IsZeros: false);
        using var source = new ChunkedSource(MemorySource.FromArray(member), ownsRaw: true, [chunk], 25, LayerFormat.EStargz, Blob);

        var act = () => source.ReadAt(0, new byte[25]);

        act.Should().Throw<InvalidImageException>().Where(e => e.Layer == Blob);
    }

    /// <summary>A blob of one compressed stream per chunk, and the chunks laid out one after another.</summary>
    private static (byte[] Raw, TocChunk[] Chunks) Build(LayerFormat format, params (string File, string Text)[] parts)
    {
        var raw = new MemoryStream();
        var chunks = new List<TocChunk>();
        long virtualOffset = 0;
        foreach (var (file, text) in parts)
        {
            var compressed = format == LayerFormat.EStargz ? Gzip(text) : Zstd(text);
            var start = raw.Length;
            raw.Write(compressed);
            chunks.Add(new TocChunk(file, virtualOffset, text.Length, start, raw.Length, 0, Digests.Of(Encoding.ASCII.GetBytes(text)), IsZeros: false));
            virtualOffset += text.Length;
        }
        return (raw.ToArray(), [.. chunks]);
    }

    private static byte[] Gzip(string text)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true)) gzip.Write(Encoding.ASCII.GetBytes(text));
        return buffer.ToArray();
    }

    private static byte[] Zstd(string text)
    {
        using var compressor = new ZstdSharp.Compressor();
        return compressor.Wrap(Encoding.ASCII.GetBytes(text)).ToArray();
    }
}
