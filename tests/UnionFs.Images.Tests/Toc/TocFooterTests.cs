using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using UnionFs.Images.Storage;
using UnionFs.Images.Toc;

namespace UnionFs.Images.Tests.Toc;

/// <summary>
/// <see cref="TocFooter"/> on footers written here from the published layouts: the footer shapes ctr-remote does not
/// write (the legacy 47-byte stargz footer, the 64-byte zstd:chunked footer with tar-split fields), and blobs without one.
/// </summary>
public class TocFooterTests
{
    [Test]
    public void LegacyStargzFooter_GivesTheTocOffset()
    {
        var footer = new List<byte> { 0x1F, 0x8B, 8, 4, 0, 0, 0, 0, 0, 0xFF, 22, 0 };
        footer.AddRange(Encoding.ASCII.GetBytes("0000000000000010STARGZ"));
        footer.AddRange([1, 0, 0, 0xFF, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0]);
        byte[] blob = [.. new byte[100], .. footer];

        var location = TocFooter.Find(MemorySource.FromArray(blob));

        footer.Should().HaveCount(TocFooter.LegacyStargzSize);
        location.Should().Be(new TocLocation(LayerFormat.EStargz, 16, blob.Length - 47 - 16, -1, 16));
    }

    [Test]
    public void ZstdChunkedFooterWithTarSplitFields_GivesTheManifestPosition()
    {
        var blob = new byte[200 + 8 + 64];
        var footer = blob.AsSpan(200);
        BinaryPrimitives.WriteUInt32LittleEndian(footer, 0x184D2A50);
        BinaryPrimitives.WriteUInt32LittleEndian(footer[4..], 64);
        ulong[] fields = [100, 50, 300, 1, 150, 20, 80];
        for (var i = 0; i < fields.Length; i++) BinaryPrimitives.WriteUInt64LittleEndian(footer[(8 + (8 * i))..], fields[i]);
        "GnUlInUx"u8.CopyTo(footer[^8..]);

        var location = TocFooter.Find(MemorySource.FromArray(blob));

        location.Should().Be(new TocLocation(LayerFormat.ZstdChunked, 100, 50, 300, 92));
    }

    [Test]
    public void ZstdChunkedFooterOfAnotherManifestType_IsNotOurs()
    {
        var blob = new byte[100 + 8 + 40];
        var footer = blob.AsSpan(100);
        BinaryPrimitives.WriteUInt32LittleEndian(footer, 0x184D2A50);
        BinaryPrimitives.WriteUInt32LittleEndian(footer[4..], 40);
        BinaryPrimitives.WriteUInt64LittleEndian(footer[8..], 10);
        BinaryPrimitives.WriteUInt64LittleEndian(footer[16..], 20);
        BinaryPrimitives.WriteUInt64LittleEndian(footer[24..], 30);
        BinaryPrimitives.WriteUInt64LittleEndian(footer[32..], 2);
        "GnUlInUx"u8.CopyTo(footer[^8..]);

        TocFooter.Find(MemorySource.FromArray(blob)).Should().BeNull();
        BinaryPrimitives.WriteUInt64LittleEndian(blob.AsSpan(100 + 32), 1);
        TocFooter.Find(MemorySource.FromArray(blob)).Should().NotBeNull("the same footer with manifest type 1 is found");
    }

    [Test]
    public void APlainGzipLayer_HasNoFooter()
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true)) gzip.Write(new byte[10_000]);

        TocFooter.Find(MemorySource.FromArray(buffer.ToArray())).Should().BeNull();
    }
}
