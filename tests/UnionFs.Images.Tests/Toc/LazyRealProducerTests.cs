using UnionFs.Images.Tests.RealTools;

namespace UnionFs.Images.Tests.Toc;

/// <summary>
/// eStargz and zstd:chunked as real producers write them: <see cref="SixLayerImage"/> (every layer kind, whiteouts,
/// hard links, long names) converted by <c>ctr-remote image convert</c> in a containerd of the fixture's own, opened
/// lazily by the tables of contents and compared with <c>umoci unpack</c> of the original image and with the same
/// blobs decompressed whole. Ignored where umoci, skopeo, containerd or ctr-remote is missing, or without root.
/// </summary>
public class LazyRealProducerTests : SixLayerImageFixture
{
    private static readonly string[] FormatEntries = ["/stargz.index.json", "/.no.prefetch.landmark", "/.prefetch.landmark"];

    private readonly Dictionary<string, string> _layouts = [];
    private string _conversions = null!;

    [OneTimeSetUp]
    public void ConvertImage()
    {
        _conversions = Directory.CreateTempSubdirectory("unionfs-lazy-").FullName;
        using var containerd = PrivateContainerd.Start();
        var archive = Path.Combine(_conversions, "image.oci.tar");
        Image.Copy("oci-archive:" + archive + ":" + UmociImage.Tag);
        containerd.Import(archive);
        foreach (var flag in (string[])["--estargz", "--zstdchunked"])
            _layouts[flag.TrimStart('-')] = containerd.Convert(UmociImage.Tag, flag, _conversions);
    }

    [OneTimeTearDown]
    public void RemoveConversions()
    {
        if (_conversions is not null && Directory.Exists(_conversions)) Directory.Delete(_conversions, recursive: true);
    }

    [TestCase("estargz", LayerFormat.EStargz)]
    [TestCase("zstdchunked", LayerFormat.ZstdChunked)]
    public void ConvertedImage_OpensLazily_AndShowsWhatUmociUnpacks(string flavor, LayerFormat format)
    {
        using var image = ContainerImage.Open(_layouts[flavor]);

        image.Layers.Should().HaveCount(SixLayerImage.LayerCount);
        image.Layers.Should().OnlyContain(l => l.Branch.IsLazy && l.Branch.Format == format, "every converted layer has a table of contents its annotation vouches for");
        UnpackSnapshot.ShouldMatch(image.MountReadOnly(), Unpacked, $"ctr-remote's {flavor} conversion");
    }

    [TestCase("estargz")]
    [TestCase("zstdchunked")]
    public void EachLazyLayer_EqualsTheSameBlobDecompressedWhole(string flavor)
    {
        foreach (var layer in LazyLayer.Of(_layouts[flavor]))
        {
            using var lazy = layer.Open();
            using var whole = layer.Open(readTableOfContents: false);
            lazy.IsLazy.Should().BeTrue();
            whole.IsLazy.Should().BeFalse();

            BranchSnapshot.Of(lazy).Should().Equal(BranchSnapshot.Of(whole), $"layer {layer.Digest} read by its table of contents must show what its tar holds");
        }
    }

    [TestCase("estargz")]
    [TestCase("zstdchunked")]
    public void FormatEntries_InTheTar_AreHiddenLazyOrWhole(string flavor)
    {
        var layer = LazyLayer.Of(_layouts[flavor])[0];
        using var lazy = layer.Open();
        using var whole = layer.Open(readTableOfContents: false);

        var inTar = TarNames(whole);
        inTar.Should().Contain(".no.prefetch.landmark", "the converter writes the landmark into the tar");
        if (flavor == "estargz") inTar.Should().Contain("stargz.index.json", "an eStargz tar carries its table of contents as an entry");
        foreach (var name in FormatEntries)
        {
            lazy.Stat(name).Should().BeNull();
            whole.Stat(name).Should().BeNull();
        }
    }

    [TestCase("estargz")]
    [TestCase("zstdchunked")]
    public void FormatEntries_NeverAppear(string flavor)
    {
        using var image = ContainerImage.Open(_layouts[flavor]);
        var union = image.MountReadOnly();

        foreach (var name in FormatEntries)
        {
            union.File.Exists(name).Should().BeFalse();
            foreach (var layer in image.Layers) layer.Branch.Stat(name).Should().BeNull();
        }
        union.Directory.EnumerateFileSystemEntries("/").Should().NotContain(e => e.Contains("landmark") || e.Contains("stargz"));
    }

    [TestCase("estargz")]
    [TestCase("zstdchunked")]
    public void LazyLayer_DiffIdComputedOnRequest_IsTheConfigs(string flavor)
    {
        var layer = LazyLayer.Of(_layouts[flavor])[0];
        using var image = ContainerImage.Open(_layouts[flavor]);
        using var branch = layer.Open();

        branch.DiffId.Should().Be(image.Config.DiffIds[0], "a whole read of the blob yields the converted layer's diff_id");
        branch.UncompressedSize.Should().BeGreaterThan(0);
    }

    [Test]
    public void TableOfContents_NotMatchingItsAnnotation_IsAnInvalidImageException()
    {
        var layer = LazyLayer.Of(_layouts["estargz"])[0];
        var forged = layer with { Annotations = new(layer.Annotations) { ["containerd.io/snapshot/stargz/toc.digest"] = "sha256:" + new string('0', 64) } };

        var act = () => forged.Open();

        act.Should().Throw<InvalidImageException>().Where(e => e.Layer == layer.Digest && e.Message.Contains("table of contents"));
    }

    [Test]
    public void WithoutAnnotations_AVerifiedOpenDecompressesWhole()
    {
        var layer = LazyLayer.Of(_layouts["zstdchunked"])[0];
        var bare = layer with { Annotations = [] };

        using var branch = bare.Open();

        branch.IsLazy.Should().BeFalse("nothing vouches for the table of contents, so the blob digest is checked by a whole read");
        branch.Digest.Should().Be(layer.Digest);
    }

    /// <summary>The entry names of the layer's whole tar, as written (without a <c>./</c> prefix).</summary>
    private static List<string> TarNames(TarLayerBranch branch)
    {
        using var tar = new System.Formats.Tar.TarReader(branch.OpenTar());
        var names = new List<string>();
        while (tar.GetNextEntry() is { } entry) names.Add(entry.Name.StartsWith("./", StringComparison.Ordinal) ? entry.Name[2..] : entry.Name);
        return names;
    }
}
