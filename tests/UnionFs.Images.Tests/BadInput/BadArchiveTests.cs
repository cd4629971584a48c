using System.Formats.Tar;
using System.Text;
using UnionFs.Images.Tests.Infrastructure;

namespace UnionFs.Images.Tests.BadInput;

/// <summary>A corpus of crafted bad layers: each gets an InvalidImageException naming the layer and the entry.</summary>
public class BadArchiveTests
{
    private static InvalidImageException Invalid(byte[] tar, string layer = "bad-layer")
    {
        var act = () => TarLayerBranch.Open(new MemoryStream(tar), new LayerOpenOptions { Name = layer }).Dispose();
        var exception = act.Should().Throw<InvalidImageException>().Which;
        exception.Layer.Should().Be(layer);
        exception.Message.Should().Contain(layer);
        return exception;
    }

    private static void NamesEntry(InvalidImageException exception, string entry)
    {
        exception.Entry.Should().Be(entry);
        exception.Message.Should().Contain($"'{entry}'");
    }

    [TestCase("../escape")]
    [TestCase("a/../../escape")]
    [TestCase("./..")]
    [TestCase("/../etc/passwd")]
    [TestCase("a/b/../c")]
    public void DotDotEntries_AreRefused(string name)
    {
        var exception = Invalid(new LayerBuilder().File("ok", "x").File(name, "evil").Build());

        NamesEntry(exception, name);
        exception.Message.Should().Contain("'..'");
    }

    [TestCase("../outside")]
    [TestCase("/../../etc/shadow")]
    public void HardLinksPointingOutsideTheLayer_AreRefused(string target)
    {
        var exception = Invalid(new LayerBuilder().File("a", "x").HardLink("link", target).Build());

        NamesEntry(exception, "link");
        exception.Message.Should().Contain("outside the layer");
    }

    [Test]
    public void HardLinksToMissingTargetsOrDirectories_AreRefused()
    {
        NamesEntry(Invalid(new LayerBuilder().HardLink("link", "missing").Build()), "link");
        NamesEntry(Invalid(new LayerBuilder().Dir("d").HardLink("link", "d").Build()), "link");
        NamesEntry(Invalid(new LayerBuilder().HardLink("link", "later").File("later", "x").Build()), "link");
    }

    [Test]
    public void SymbolicLinksPointingOutside_AreKept_TheUnionResolvesThemInsideItsRoot()
    {
        using var layer = TarLayerBranch.Open(new MemoryStream(new LayerBuilder().File("etc/secret", "inside").Symlink("a/b", "../../../../etc/secret").Build()));
        var fs = UnionFileSystem.ReadOnly(layer);

        layer.Stat("/a/b")!.LinkTarget.Should().Be("../../../../etc/secret");
        fs.File.ReadAllText("/a/b").Should().Be("inside");
    }

    [TestCase(TarEntryType.RegularFile, "./")]
    [TestCase(TarEntryType.SymbolicLink, "/")]
    [TestCase(TarEntryType.RegularFile, ".")]
    public void ANonDirectoryRoot_IsRefused(TarEntryType type, string name)
    {
        var builder = new LayerBuilder();
        var entry = new PaxTarEntry(type, name);
        if (type == TarEntryType.SymbolicLink) entry.LinkName = "elsewhere";
        var exception = Invalid(builder.Entry(entry).Build());

        NamesEntry(exception, name);
        exception.Message.Should().Contain("root");
    }

    [TestCase(".wh.")]
    [TestCase("dir/.wh..")]
    [TestCase(".wh..")]
    public void InvalidWhiteoutNames_AreRefused(string name)
    {
        var exception = Invalid(new LayerBuilder().File(name, "").Build());

        NamesEntry(exception, name);
        exception.Message.Should().Contain("whiteout");
    }

    [Test]
    public void AWhiteoutNameUsedAsADirectory_IsRefused() =>
        NamesEntry(Invalid(new LayerBuilder().File(".wh.a/b", "").Build()), ".wh.a/b");

    [Test]
    public void AnEntryBelowANonDirectory_IsAConflict()
    {
        var exception = Invalid(new LayerBuilder().File("a", "file").File("a/b", "below a file").Build());

        NamesEntry(exception, "a/b");
        exception.Message.Should().Contain("conflicting");
        NamesEntry(Invalid(new LayerBuilder().Symlink("l", "/etc").File("l/passwd", "through a link").Build()), "l/passwd");
    }

    [Test]
    public void GnuSparseEntries_AreRefused()
    {
        var tar = new LayerBuilder(TarEntryFormat.Gnu).File("sparse", new byte[600]).Build();
        var patched = RawTar.Patch(tar, RawTar.FindHeader(tar, "sparse"), h => h[156] = (byte)'S');
        Invalid(patched).Message.Should().ContainEquivalentOf("sparse");

        var pax = new PaxTarEntry(TarEntryType.RegularFile, "GNUSparseFile.0/data", new Dictionary<string, string>
        {
            ["GNU.sparse.major"] = "1", ["GNU.sparse.minor"] = "0", ["GNU.sparse.name"] = "data", ["GNU.sparse.realsize"] = "1048576",
        });
        var exception = Invalid(new LayerBuilder().Entry(pax).Build());
        exception.Message.Should().Contain("sparse");
    }

    [Test]
    public void UnknownEntryTypes_AreRefused()
    {
        var tar = new LayerBuilder(TarEntryFormat.Ustar).File("odd", "x").Build();
        var patched = RawTar.Patch(tar, RawTar.FindHeader(tar, "odd"), h => h[156] = (byte)'Z');

        Invalid(patched).Message.Should().Contain("odd");
    }

    [TestCase(100L * 1024 * 1024)]
    [TestCase(8L * 1024 * 1024 * 1024 - 1)]
    public void HugePaxHeaders_AreRefused(long size)
    {
        var tar = RawTar.Header("PaxHeader/huge", 'x', size).Concat(Encoding.ASCII.GetBytes("30 path=aaaaaaaaaaaaaaaaaaaaa\n")).Concat(new byte[483]).Concat(new byte[1024]).ToArray();

        Invalid(tar).Message.Should().Contain("corrupt or truncated");
    }

    [Test]
    public void BinaryXattrValues_AreAcceptedAndIgnored()
    {
        var entry = new PaxTarEntry(TarEntryType.RegularFile, "file", new Dictionary<string, string> { ["SCHILY.xattr.security.capability"] = "MARKERMARKER" })
        {
            DataStream = new MemoryStream(Encoding.ASCII.GetBytes("content")),
        };
        var tar = new LayerBuilder().Entry(entry).Build();
        var at = tar.AsSpan().IndexOf("MARKERMARKER"u8);
        new byte[] { 0x01, 0x00, 0x00, 0x02, 0xFF, 0xFE, 0x80, 0x00, 0xC3, 0x28, 0x00, 0x7F }.CopyTo(tar, at);

        using var layer = TarLayerBranch.Open(new MemoryStream(tar));
        using var reader = new StreamReader(layer.OpenRead("/file"));
        reader.ReadToEnd().Should().Be("content");
    }

    [Test]
    public void TruncatedArchives_AreRefused()
    {
        var tar = new LayerBuilder().File("a", new byte[3000]).File("b", new byte[3000]).Build();
        var header = RawTar.FindHeader(tar, "b");

        var inData = Invalid(tar[..(header + 512 + 1000)]);
        NamesEntry(inData, "b");
        inData.Message.Should().Contain("truncated");
        Invalid(tar[..(header + 100)]).Entry.Should().Be("a", "the last good entry is named");
    }

    [Test]
    public void CorruptHeaders_AreRefused()
    {
        var tar = new LayerBuilder().File("a", "x").File("b", "y").Build();
        var header = RawTar.FindHeader(tar, "b");
        var corrupt = (byte[])tar.Clone();
        corrupt[header + 1] ^= 0x55; // the name changes, the checksum no longer matches
        Invalid(corrupt).Message.Should().Contain("checksum");

        var size = (byte[])tar.Clone();
        size[header + 130] = (byte)'7'; // a bigger size: the data would swallow the next headers
        Invalid(size).Message.Should().Contain("checksum");

        var garbage = (byte[])tar.Clone();
        garbage.AsSpan(header, 512).Fill(0xEE);
        Invalid(garbage).Message.Should().Contain("after entry 'a'");
    }

    [TestCase(LayerCompression.Gzip)]
    [TestCase(LayerCompression.Zstd)]
    public void CorruptOrTruncatedCompressedLayers_AreRefused_AndLeaveNoTemporaryFile(LayerCompression compression)
    {
        var temp = Directory.CreateTempSubdirectory("unionfs-bad-").FullName;
        try
        {
            var blob = LayerBuilder.Compress(SampleLayers.Base(), compression);
            var options = new LayerOpenOptions { Name = "bad-layer", MemoryThreshold = 16, TempDirectory = temp };
            var corrupt = (byte[])blob.Clone();
            for (var i = blob.Length / 3; i < blob.Length / 3 + 16; i++) corrupt[i] ^= 0xA5;

            foreach (var bad in new[] { corrupt, blob[..(blob.Length / 2)], blob[..8] })
            {
                var act = () => TarLayerBranch.Open(new MemoryStream(bad), options).Dispose();
                act.Should().Throw<InvalidImageException>().Which.Layer.Should().Be("bad-layer");
            }
            Directory.GetFiles(temp).Should().BeEmpty();
        }
        finally
        {
            Directory.Delete(temp, recursive: true);
        }
    }

    [Test]
    public void DecompressionBombs_StopAtTheLimit()
    {
        var blob = LayerBuilder.Gzip(new LayerBuilder().File("zeros", new byte[4 << 20]).Build());
        var act = () => TarLayerBranch.Open(new MemoryStream(blob), new LayerOpenOptions { Name = "bomb", MaxUncompressedSize = 1 << 20 });

        act.Should().Throw<InvalidImageException>().Which.Message.Should().Contain("limit");
    }

    [TestCase(new byte[] { 0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00, 0, 0 }, "xz")]
    [TestCase(new byte[] { (byte)'B', (byte)'Z', (byte)'h', (byte)'9', 0, 0 }, "bzip2")]
    public void UnsupportedCompressions_AreNamed(byte[] head, string name) =>
        Invalid(head.Concat(new byte[1024]).ToArray()).Message.Should().Contain(name);

    [Test]
    public void GarbageAndEmptyInput_AreHandled()
    {
        Invalid(Encoding.ASCII.GetBytes(new string('x', 2000)));
        using var empty = TarLayerBranch.Open(new MemoryStream([]));
        empty.List("/").Should().BeEmpty();
    }
}
