using UnionFs.Images.Tests.RealTools;

namespace UnionFs.Images.Tests.Images;

/// <summary>
/// Real producers as the oracle: <see cref="SixLayerImage"/> built with umoci (every layer kind), converted with
/// skopeo, opened with <see cref="ContainerImage.Open"/> and compared entry by entry with <c>umoci unpack</c> of
/// the same image. Ignored where umoci or skopeo is missing, failed there with UNIONFS_REQUIRE_TOOLS=1. The image
/// is built once per fixture; each test converts into a directory of its own.
/// </summary>
public class RealProducerTests : SixLayerImageFixture
{
    [Test]
    public void TheSample_HasTheShapesItIsMeantToHave()
    {
        var tars = Image.LayerTars();

        tars.Should().HaveCount(SixLayerImage.LayerCount);
        (tars[2].Length % 1024).Should().NotBe(0, "insert --whiteout writes no end-of-archive blocks");
        (tars[3].Length % 512).Should().NotBe(0, "insert ends the tar right after the file's data");
        using var whiteoutLayer = TarLayerBranch.Open(new MemoryStream(tars[2]));
        whiteoutLayer.EntryCount.Should().Be(1, "the layer lists var/log/.wh.acc-real and nothing else");
        using var repack = TarLayerBranch.Open(new MemoryStream(tars[1]));
        repack.Stat("/opt/app/long")!.Kind.Should().Be(EntryKind.File);
        repack.EntryCount.Should().BeGreaterThan(repack.List("/opt/app").Count(), "the repack lists whiteouts below the new file");
    }

    [Test]
    public void OciLayoutDirectory_ShowsWhatUmociUnpacks()
    {
        using var image = ContainerImage.Open(Image.Layout);

        image.Format.Should().Be(ImageFormat.OciDirectory);
        image.Layers.Should().HaveCount(SixLayerImage.LayerCount);
        UnpackSnapshot.ShouldMatch(image.MountReadOnly(), Unpacked, "umoci's OCI layout");
    }

    [Test]
    public void OciArchive_FromSkopeo_ShowsWhatUmociUnpacks()
    {
        var archive = Path.Combine(Dir, "image.oci.tar");
        Image.Copy("oci-archive:" + archive + ":" + UmociImage.Tag);

        using var image = ContainerImage.Open(archive);

        image.Format.Should().Be(ImageFormat.OciArchive);
        UnpackSnapshot.ShouldMatch(image.MountReadOnly(), Unpacked, "skopeo's oci-archive");
    }

    [Test]
    public void DockerArchive_FromSkopeo_ShowsWhatUmociUnpacks()
    {
        var archive = Path.Combine(Dir, "image.docker.tar");
        Image.Copy("docker-archive:" + archive + ":example/real:" + UmociImage.Tag);

        using var image = ContainerImage.Open(archive);

        image.Format.Should().Be(ImageFormat.DockerArchive);
        image.Layers.Should().OnlyContain(l => l.Branch.Compression == LayerCompression.None, "docker-archive stores plain tars, read in place");
        UnpackSnapshot.ShouldMatch(image.MountReadOnly(), Unpacked, "skopeo's docker-archive");
    }

    [Test]
    public void ZstdOciLayout_FromSkopeo_ShowsWhatUmociUnpacks()
    {
        var layout = Path.Combine(Dir, "zstd");
        Image.Copy("oci:" + layout + ":" + UmociImage.Tag, "--dest-compress-format", "zstd");

        using var image = ContainerImage.Open(layout);

        image.Layers.Should().OnlyContain(l => l.Branch.Compression == LayerCompression.Zstd);
        UnpackSnapshot.ShouldMatch(image.MountReadOnly(), Unpacked, "skopeo's zstd OCI layout");
    }

    [Test]
    public void ZstdOciArchive_FromSkopeo_ShowsWhatUmociUnpacks()
    {
        var archive = Path.Combine(Dir, "zstd.oci.tar");
        Image.Copy("oci-archive:" + archive + ":" + UmociImage.Tag, "--dest-compress-format", "zstd");

        using var image = ContainerImage.Open(archive);

        UnpackSnapshot.ShouldMatch(image.MountReadOnly(), Unpacked, "skopeo's zstd oci-archive");
    }

    [Test]
    public void Layers_HaveTheDiffIdsOfUmocisConfig()
    {
        using var image = ContainerImage.Open(Image.Layout);

        image.Layers.Select(l => l.DiffId).Should().Equal(Image.DiffIds());
        image.Config.DiffIds.Should().Equal(Image.DiffIds());
    }

    [Test]
    public void ImpliedDirectories_KeepTheModeAndTimeUmociLeaves()
    {
        using var image = ContainerImage.Open(Image.Layout);
        var fs = image.MountReadOnly();

        fs.File.GetUnixFileMode("/var/log").Should().Be((UnixFileMode)0x1E8, "layer 3 only implies /var/log; the base's 0750 stays");
        fs.Directory.GetLastWriteTimeUtc("/var/log").Should().Be(Directory.GetLastWriteTimeUtc(Path.Combine(Unpacked, "var/log")));
        fs.File.GetUnixFileMode("/usr/bin/su-like").Should().HaveFlag(UnixFileMode.SetUser);
        fs.File.Exists("/var/log/acc-real").Should().BeFalse();
        fs.File.ReadAllText("/opt/app/long").Should().Be("now a file\n");
        fs.Directory.GetFileSystemEntries("/usr/share/doc").Should().Equal("/usr/share/doc/new");
    }

    [Test]
    public void GetChanges_UpperDirectoryOverTheImpliedVarCache_IsChanged()
    {
        using var image = ContainerImage.Open(Image.Layout);
        var upper = new MemoryBranch();
        var metadata = EntryMetadata.NewDirectory(DateTime.UtcNow);
        upper.CreateDirectory("/var", metadata, opaque: false);
        upper.CreateDirectory("/var/cache", metadata, opaque: false);

        image.Mount(upper).GetChanges().Select(c => c.ToString()).Should().Equal("C /var", "C /var/cache");
    }
}
