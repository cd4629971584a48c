using UnionFs.Images.Tests.Images;
using UnionFs.Images.Tests.Infrastructure;

namespace UnionFs.Images.Tests.Layers;

/// <summary>
/// Layer shapes that real producers write and the project's own builders did not (issue 12, items 1 to 4),
/// made by hand here so they run everywhere; RealTools/ checks the same shapes as umoci and skopeo write them.
/// </summary>
public class ProducerShapeTests
{
    private const UnixFileMode Mode0750 = (UnixFileMode)0x1E8;
    private string _dir = null!;

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("unionfs-shapes-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private static TarLayerBranch Open(byte[] tar) => TarLayerBranch.Open(new MemoryStream(tar));

    private static string Read(IBranch branch, string path)
    {
        using var stream = branch.OpenRead(path);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>A base with /var/log 0750 and /var/cache holding x; a layer that only whites out var/log/acc-real (umoci insert --whiteout).</summary>
    private static List<byte[]> ImpliedParentLayers() =>
    [
        new LayerBuilder().Dir("var").Dir("var/log", Mode0750).File("var/log/acc-real", "log\n").Dir("var/cache").File("var/cache/x", "x").Build(),
        new LayerBuilder().Whiteout("var/log/acc-real").Whiteout("var/cache/x").Build(),
    ];

    [Test]
    public void ImpliedParentDirectory_TakesItsMetadataFromTheLayersBelow()
    {
        using var image = ContainerImage.Open(ContainerImageTests.Build("docker-oci", _dir, ImpliedParentLayers()));
        var fs = image.MountReadOnly();

        fs.File.GetUnixFileMode("/var/log").Should().Be(Mode0750, "an implied directory keeps the mode of the directory below");
        fs.Directory.GetLastWriteTimeUtc("/var/log").Should().Be(new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc));
        fs.DirectoryInfo.New("/var").EnumerateDirectories().Single(d => d.Name == "log").UnixFileMode.Should().Be(Mode0750,
            "a listing shows the same metadata as a lookup");
        fs.File.Exists("/var/log/acc-real").Should().BeFalse();
    }

    [Test]
    public void ImpliedParentDirectory_WithNothingBelow_IsADefaultDirectory()
    {
        using var image = ContainerImage.Open(ContainerImageTests.Build("docker-oci", _dir, [new LayerBuilder().File("a/b/c", "c").Build()]));

        image.MountReadOnly().File.GetUnixFileMode("/a/b").Should().Be(EntryMetadata.DefaultDirectoryMode);
    }

    [Test]
    public void ImpliedParentDirectory_OverAFileBelow_IsADefaultDirectory()
    {
        var layers = new List<byte[]> { new LayerBuilder().File("a", "file", (UnixFileMode)0x1C0).Build(), new LayerBuilder().File("a/b", "b").Build() };
        using var image = ContainerImage.Open(ContainerImageTests.Build("docker-oci", _dir, layers));
        var fs = image.MountReadOnly();

        fs.Directory.Exists("/a").Should().BeTrue();
        fs.File.GetUnixFileMode("/a").Should().Be(EntryMetadata.DefaultDirectoryMode);
    }

    [Test]
    public void ImpliedParentDirectory_ThroughSeveralImpliedLayers_TakesTheRealCopy()
    {
        var layers = ImpliedParentLayers();
        layers.Add(new LayerBuilder().File("var/log/new", "n").Build());
        using var image = ContainerImage.Open(ContainerImageTests.Build("oci-dir", _dir, layers));

        image.MountReadOnly().File.GetUnixFileMode("/var/log").Should().Be(Mode0750);
    }

    [Test]
    public void ImpliedParentDirectory_WhoseNameTheLayerWhitesOut_IsNew()
    {
        var layers = ImpliedParentLayers();
        layers.Add(new LayerBuilder().Whiteout("var/log").File("var/log/fresh", "f").Build());
        using var image = ContainerImage.Open(ContainerImageTests.Build("docker-oci", _dir, layers));
        var fs = image.MountReadOnly();

        fs.File.GetUnixFileMode("/var/log").Should().Be(EntryMetadata.DefaultDirectoryMode, "the old /var/log is removed, a new one implied");
        fs.Directory.GetFileSystemEntries("/var/log").Should().Equal("/var/log/fresh");
    }

    [Test]
    public void InheritImpliedDirectories_OfLayersOpenedOneByOne_ChangesStatAndListing()
    {
        var lowers = ImpliedParentLayers().Select(l => (IBranch)TarLayerBranch.Open(new MemoryStream(l))).Reverse().ToList();
        TarLayerBranch.InheritImpliedDirectories(lowers);

        lowers[0].Stat("/var/log")!.UnixMode.Should().Be(Mode0750);
        lowers[0].List("/var").Single(e => e.Name == "log").UnixMode.Should().Be(Mode0750);
        foreach (var layer in lowers) ((IDisposable)layer).Dispose();
    }

    [Test]
    public void GetChanges_UpperDirectoryOverAnImpliedLowerDirectory_IsChanged()
    {
        using var image = ContainerImage.Open(ContainerImageTests.Build("docker-oci", _dir, ImpliedParentLayers()));
        var upper = new MemoryBranch();
        var metadata = EntryMetadata.NewDirectory(DateTime.UtcNow);
        upper.CreateDirectory("/var", metadata, opaque: false);
        upper.CreateDirectory("/var/cache", metadata, opaque: false);

        var changes = image.Mount(upper).GetChanges();

        changes.Select(c => c.ToString()).Should().Equal("C /var", "C /var/cache");
    }

    [Test]
    public void WhiteoutsBelowAFileOfTheSameLayer_AreRedundant()
    {
        // umoci repack, replacing the non-empty directory opt/app/long by a file.
        var tar = new LayerBuilder().Dir("opt/app").File("opt/app/long", "file\n")
            .Whiteout("opt/app/long/child").Whiteout("opt/app/long/sub").Opaque("opt/app/long").Build();
        using var layer = Open(tar);

        layer.Stat("/opt/app/long")!.Kind.Should().Be(EntryKind.File);
        Read(layer, "/opt/app/long").Should().Be("file\n");
        layer.List("/opt/app").Select(e => e.Name).Should().Equal("long");
    }

    [Test]
    public void WhiteoutsBelowAFileOfTheSameLayer_MergeAsAFileOverTheOldDirectory()
    {
        var layers = new List<byte[]>
        {
            new LayerBuilder().Dir("opt/app/long").File("opt/app/long/child", "c").File("opt/app/long/sub/x", "x").Build(),
            new LayerBuilder().Dir("opt/app").File("opt/app/long", "file\n").Whiteout("opt/app/long/child").Whiteout("opt/app/long/sub").Build(),
        };
        using var image = ContainerImage.Open(ContainerImageTests.Build("docker-legacy", _dir, layers));
        var fs = image.MountReadOnly();

        fs.File.ReadAllText("/opt/app/long").Should().Be("file\n");
        fs.Directory.Exists("/opt/app/long").Should().BeFalse();
    }

    [Test]
    public void AFileBelowAFileOfTheSameLayer_IsStillRefused()
    {
        var tar = new LayerBuilder().File("a", "file").File("a/b", "b").Build();

        var open = () => Open(tar);

        open.Should().Throw<InvalidImageException>().WithMessage("*'a' is not a directory in this layer*");
    }

    /// <summary>A layer as umoci insert writes it: the last entry's data, then nothing (no padding, no end blocks).</summary>
    private static byte[] Unpadded(byte[] tar, int dataLength) => tar[..(512 + dataLength)];

    [Test]
    public void TarEndingRightAfterTheLastEntrysData_IsACleanEnd()
    {
        var tar = Unpadded(new LayerBuilder(System.Formats.Tar.TarEntryFormat.Ustar).File("etc/ins.txt", "x\n").Build(), 2);
        tar.Length.Should().Be(514);
        using var layer = Open(tar);

        Read(layer, "/etc/ins.txt").Should().Be("x\n");
        layer.EntryCount.Should().Be(1);
    }

    [Test]
    public void TarEndingRightAfterAHeaderWithoutData_IsACleanEnd()
    {
        var tar = new LayerBuilder(System.Formats.Tar.TarEntryFormat.Ustar).Whiteout("var/log/acc-real").Build()[..512];
        using var layer = Open(tar);

        layer.Stat("/var/log/acc-real")!.IsWhiteout.Should().BeTrue();
    }

    [Test]
    public void TarEndingInsideThePadding_OrAfterOneZeroBlock_IsACleanEnd()
    {
        var full = new LayerBuilder(System.Formats.Tar.TarEntryFormat.Ustar).File("a", "abc").File("b", "de").Build();
        foreach (var length in new[] { 1536 + 2, 1536 + 300, 2048, 2048 + 512 })
        {
            using var layer = Open(full[..length]);
            Read(layer, "/b").Should().Be("de", $"a tar cut at {length} bytes ends cleanly");
        }
    }

    [Test]
    public void TarEndingInsideDataOrInsideAHeader_IsStillTruncated()
    {
        var full = new LayerBuilder(System.Formats.Tar.TarEntryFormat.Ustar).File("a", new byte[600]).File("b", "de").Build();
        foreach (var length in new[] { 512 + 300, 1536 + 100 })
        {
            var open = () => Open(full[..length]);
            open.Should().Throw<InvalidImageException>($"a tar cut at {length} bytes is truncated").WithMessage("*truncated*");
        }
        var pax = new LayerBuilder().File(new string('n', 150), "long").Build();
        var cutInsideExtendedHeader = () => Open(pax[..600]);
        cutInsideExtendedHeader.Should().Throw<InvalidImageException>().WithMessage("*truncated*");
    }

    [Test]
    public void UnpaddedLayers_InAGzipImage_Open()
    {
        var layers = new List<byte[]>
        {
            new LayerBuilder(System.Formats.Tar.TarEntryFormat.Ustar).Dir("etc").File("etc/base", "b").Build(),
            Unpadded(new LayerBuilder(System.Formats.Tar.TarEntryFormat.Ustar).File("etc/ins.txt", "abc").Build(), 3),
        };
        using var image = ContainerImage.Open(ContainerImageTests.Build("oci-dir", _dir, layers));

        image.MountReadOnly().File.ReadAllText("/etc/ins.txt").Should().Be("abc");
    }
}
