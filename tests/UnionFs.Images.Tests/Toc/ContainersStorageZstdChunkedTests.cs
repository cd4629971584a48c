using System.Formats.Tar;
using System.Text;
using UnionFs.Images.Storage;

namespace UnionFs.Images.Tests.Toc;

/// <summary>
/// zstd:chunked as containers/storage writes it (see <see cref="ZstdChunkedWriter"/>): <c>endOffset</c> ranges,
/// <c>chunk</c> entries, a <c>zeros</c> chunk, the 64-byte footer; whiteouts, an opaque marker, links and an empty file.
/// The lazy branch must equal the plain tar's branch and the blob decompressed whole.
/// </summary>
public class ContainersStorageZstdChunkedTests
{
    [Test]
    public void LazyBranch_EqualsThePlainTar_AndTheBlobDecompressedWhole()
    {
        var random = new byte[3500];
        new Random(7).NextBytes(random);
        byte[] zerosThenData = [.. new byte[3000], .. random.AsSpan(0, 1000)];
        var (blob, tar, checksum) = ZstdChunkedWriter.Write(
        [
            (TarEntryType.Directory, "etc/", null, null),
            (TarEntryType.RegularFile, "etc/passwd", Encoding.ASCII.GetBytes("root:x:0:0:root:/root:/bin/sh\n"), null),
            (TarEntryType.RegularFile, "etc/empty", [], null),
            (TarEntryType.SymbolicLink, "etc/link", null, "passwd"),
            (TarEntryType.HardLink, "etc/hard", null, "etc/passwd"),
            (TarEntryType.RegularFile, "opt/multi.bin", random, null),
            (TarEntryType.RegularFile, "opt/zeros.bin", zerosThenData, null),
            (TarEntryType.RegularFile, "var/.wh.gone", [], null),
            (TarEntryType.Directory, "srv/", null, null),
            (TarEntryType.RegularFile, "srv/.wh..wh..opq", [], null),
        ], chunkSize: 1000);
        var digest = Digests.Of(blob);
        var annotations = new Dictionary<string, string> { [ZstdChunkedWriter.ChecksumAnnotation] = checksum };
        var options = LayerOpenOptions.Default with { Name = digest };

        using var lazy = TarLayerBranch.Open(MemorySource.FromArray(blob), options, ownsSource: true, expectedDigest: digest, annotations: annotations);
        using var whole = TarLayerBranch.Open(MemorySource.FromArray(blob), options with { ReadTableOfContents = false }, ownsSource: true, expectedDigest: digest);
        using var plain = TarLayerBranch.Open(new MemoryStream(tar));

        lazy.IsLazy.Should().BeTrue();
        lazy.Format.Should().Be(LayerFormat.ZstdChunked);
        var expected = BranchSnapshot.Of(plain);
        expected.Keys.Should().Contain(["/var/gone", "/opt/zeros.bin", "/etc/hard"]);
        BranchSnapshot.Of(lazy).Should().Equal(expected);
        BranchSnapshot.Of(whole).Should().Equal(expected);
        lazy.Stat("/srv")!.IsOpaque.Should().BeTrue();
        lazy.DiffId.Should().Be(Digests.Of(tar), "the blob is also a plain zstd tar");
    }
}
