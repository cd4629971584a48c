using System.Formats.Tar;
using UnionFs.Images.Tests.Infrastructure;

namespace UnionFs.Images.Tests.Export;

public class LayerExportTests
{
    private static readonly DateTime Fixed = new(2025, 5, 6, 7, 8, 9, DateTimeKind.Utc);
    private List<TarLayerBranch> _layers = null!;

    [SetUp]
    public void SetUp() => _layers = SampleLayers.All().Reverse().Select(l => TarLayerBranch.Open(new MemoryStream(l))).ToList();

    [TearDown]
    public void TearDown() => _layers.ForEach(l => l.Dispose());

    private UnionFileSystem Mount() => new(new MemoryBranch(), [.. _layers]);

    /// <summary>Every kind of change: edits, deletes, rmdir+mkdir, renames of lower directories, links, modes.</summary>
    internal static void Change(UnionFileSystem fs)
    {
        fs.File.WriteAllText("/etc/hosts", "edited");
        fs.File.Delete("/etc/passwd");
        fs.Directory.Delete("/usr", recursive: true);
        fs.Directory.CreateDirectory("/usr");
        fs.File.WriteAllText("/usr/only-new", "fresh");
        fs.Directory.Move("/opt/app", "/opt/application");
        fs.File.WriteAllText("/opt/application/added-after-move", "x");
        fs.File.Delete("/opt/application/new.txt");
        fs.Directory.CreateDirectory("/etc/conf.d/sub");
        fs.Directory.Move("/etc/conf.d", "/etc/conf.moved");
        fs.Directory.Move("/var/cache", "/srv-cache");
        fs.File.CreateSymbolicLink("/etc/alias", "/etc/hosts");
        fs.File.CreateSymbolicLink("/dangling", "nowhere");
        fs.File.Move("/bin/sh", "/bin/bash");
        fs.File.SetUnixFileMode("/etc/motd", (UnixFileMode)0x180);
        fs.Directory.CreateDirectory("/new/dir/tree");
        fs.File.WriteAllText("/new/dir/tree/" + new string('n', 150), "long name");
        fs.Directory.Delete("/tmp", recursive: true);
    }

    private static byte[] Export(UnionFileSystem fs, LayerExportOptions? options = null)
    {
        using var output = new MemoryStream();
        LayerExporter.Export(fs, output, options);
        return output.ToArray();
    }

    private static List<TarEntry> Entries(byte[] tar)
    {
        var entries = new List<TarEntry>();
        using var reader = new TarReader(new MemoryStream(tar));
        while (reader.GetNextEntry() is { } entry) entries.Add(entry);
        return entries;
    }

    [Test]
    public void Reimporting_TheExportedLayer_OnTheSameLowers_ReproducesTheMergedTree()
    {
        var fs = Mount();
        Change(fs);
        fs.Upper!.Stat("/opt/application")!.Redirect.Should().NotBeNull("the test must cover a redirected directory");

        using var exported = TarLayerBranch.Open(new MemoryStream(Export(fs)));
        var reimported = UnionFileSystem.ReadOnly([exported, .. _layers]);

        TreeSnapshot.Render(TreeSnapshot.Of(reimported)).Should().Be(TreeSnapshot.Render(TreeSnapshot.Of(fs)));
    }

    [Test]
    public void Export_WritesWhiteoutsOpaqueMarkersAndMaterialisedRedirects()
    {
        var fs = Mount();
        Change(fs);
        var names = Entries(Export(fs)).Select(e => e.Name).ToList();

        names.Should().Contain(["etc/.wh.passwd", "usr/", "usr/.wh..wh..opq", "usr/only-new", ".wh.tmp", "bin/.wh.sh", "bin/bash"]);
        names.Should().Contain(["opt/.wh.app", "opt/application/", "opt/application/.wh..wh..opq", "opt/application/added-after-move"]);
        names.Should().NotContain(["opt/application/new.txt", "opt/application/data.txt", "opt/application/sub/"]);
        names.Should().Contain(["etc/.wh.conf.d", "etc/conf.moved/", "etc/conf.moved/.wh..wh..opq", "etc/conf.moved/b.conf", "etc/conf.moved/sub/"]);
        names.Should().Contain(["srv-cache/", "srv-cache/.wh..wh..opq", "srv-cache/fresh", "var/.wh.cache"]);
        names.IndexOf("usr/.wh..wh..opq").Should().Be(names.IndexOf("usr/") + 1);
    }

    [Test]
    public void Export_IsDeterministic_WithUstarHeadersWhereNamesFit()
    {
        byte[] Once()
        {
            var fs = Mount();
            Change(fs);
            return Export(fs, new LayerExportOptions { Timestamp = Fixed });
        }

        var first = Once();
        first.Should().Equal(Once());
        var entries = Entries(first);
        entries.Should().OnlyContain(e => e.ModificationTime == new DateTimeOffset(Fixed));
        entries.Where(e => e.Name.Length <= 100).Should().OnlyContain(e => e.Format == TarEntryFormat.Ustar);
        entries.Single(e => e.Name.EndsWith(new string('n', 150), StringComparison.Ordinal)).Format.Should().Be(TarEntryFormat.Pax);
        entries.Should().OnlyContain(e => e.Uid == 0 && e.Gid == 0);
        entries.Select(e => e.Name).Should().BeInAscendingOrder(StringComparer.Ordinal.WithDirectoriesFirst());
    }

    [TestCase(LayerCompression.None)]
    [TestCase(LayerCompression.Gzip)]
    [TestCase(LayerCompression.Zstd)]
    public void Export_ReportsDigests_ThatTheLayerBranchComputesToo(LayerCompression compression)
    {
        var fs = Mount();
        Change(fs);
        using var output = new MemoryStream();

        var result = LayerExporter.Export(fs, output, new LayerExportOptions { Compression = compression, Timestamp = Fixed });

        var bytes = output.ToArray();
        result.Size.Should().Be(bytes.Length);
        result.Digest.Should().Be(LayerBuilder.Sha256(bytes));
        result.MediaType.Should().Be(MediaTypes.ForLayer(compression));
        using var layer = TarLayerBranch.Open(new MemoryStream(bytes));
        layer.DiffId.Should().Be(result.DiffId);
        layer.UncompressedSize.Should().Be(result.UncompressedSize);
        layer.Compression.Should().Be(compression);
        layer.EntryCount.Should().Be(result.EntryCount);
    }

    [Test]
    public void Export_SplitsLongNamesIntoUstarPrefixAndName_AndReadsThemBack()
    {
        var fs = Mount();
        var directory = "/" + new string('p', 80);
        var file = directory + "/" + new string('f', 90);
        fs.Directory.CreateDirectory(directory);
        fs.File.WriteAllText(file, "split");

        var tar = Export(fs);

        Entries(tar).Single(e => e.Name.EndsWith(new string('f', 90), StringComparison.Ordinal)).Format.Should().Be(TarEntryFormat.Ustar);
        using var layer = TarLayerBranch.Open(new MemoryStream(tar));
        UnionFileSystem.ReadOnly(layer).File.ReadAllText(file).Should().Be("split");
    }

    [Test]
    public void Export_OfAnUnchangedUnion_IsAnEmptyLayer()
    {
        var entries = Entries(Export(Mount()));

        entries.Should().BeEmpty();
    }

    [Test]
    public void Export_OfAReadOnlyUnion_Throws()
    {
        var act = () => LayerExporter.Export(UnionFileSystem.ReadOnly([.. _layers]), Stream.Null);

        act.Should().Throw<ArgumentException>();
    }
}

internal static class ComparerExtensions
{
    /// <summary>The walk order of the exporter: a directory's entries follow it, siblings in ordinal order.</summary>
    public static IComparer<string> WithDirectoriesFirst(this StringComparer _) => Comparer<string>.Create((a, b) =>
    {
        var x = a.TrimEnd('/').Split('/');
        var y = b.TrimEnd('/').Split('/');
        for (var i = 0; i < Math.Min(x.Length, y.Length); i++)
        {
            var c = string.CompareOrdinal(x[i], y[i]);
            if (c != 0) return c;
        }
        return x.Length.CompareTo(y.Length);
    });
}
