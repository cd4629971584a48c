using UnionFs.Images.Tests.Infrastructure;

namespace UnionFs.Images.Tests.Inspection;

public class ImageHistoryTests
{
    private static IEnumerable<(int Layer, PathEventKind Kind, string Path, bool OnAncestor)> Summary(IEnumerable<PathEvent> events) =>
        events.Select(e => (e.LayerIndex, e.Kind, e.Path, e.OnAncestor));

    [Test]
    public void PathHistory_FileAddedChangedThenDeleted_ShouldListEachLayerBaseFirst()
    {
        using var layers = new LayerTars(
            new LayerBuilder().File("etc/app.conf", "v1").Build(),
            new LayerBuilder().File("etc/app.conf", "version 2").Build(),
            new LayerBuilder().Whiteout("etc/app.conf").Build());

        var history = new ImageHistory(layers.Set).PathHistory("/etc/app.conf");

        Summary(history).Should().Equal(
            (0, PathEventKind.Added, "/etc/app.conf", false),
            (1, PathEventKind.Changed, "/etc/app.conf", false),
            (2, PathEventKind.Deleted, "/etc/app.conf", false));
        history[0].EntryKind.Should().Be(EntryKind.File);
        history[0].Size.Should().Be(2);
        history[1].Size.Should().Be(9);
        history[2].EntryKind.Should().Be(EntryKind.Whiteout);
    }

    [Test]
    public void PathHistory_EveryEvent_ShouldCarryItsLayersDigest()
    {
        byte[][] tars = [new LayerBuilder().File("a", "1").Build(), new LayerBuilder().File("a", "2").Build()];
        using var layers = new LayerTars(tars);

        var history = new ImageHistory(layers.Set).PathHistory("/a");

        history.Select(e => e.LayerDigest).Should().Equal(LayerBuilder.Sha256(tars[0]), LayerBuilder.Sha256(tars[1]));
    }

    [Test]
    public void PathHistory_AncestorWhitedOut_ShouldShowTheDeletionOnTheAncestor()
    {
        using var layers = new LayerTars(SampleLayers.All());

        var history = new ImageHistory(layers.Set).PathHistory("/var/log/old.log");

        Summary(history).Should().Equal(
            (0, PathEventKind.Added, "/var/log/old.log", false),
            (1, PathEventKind.Deleted, "/var/log", true));
    }

    [Test]
    public void PathHistory_AncestorMadeOpaque_ShouldShowTheOpaqueAncestor()
    {
        using var layers = new LayerTars(SampleLayers.All());

        var history = new ImageHistory(layers.Set).PathHistory("/opt/app/data.txt");

        Summary(history).Should().Equal(
            (0, PathEventKind.Added, "/opt/app/data.txt", false),
            (1, PathEventKind.Opaque, "/opt/app", true));
    }

    [Test]
    public void PathHistory_AncestorReplacedByASymbolicLink_ShouldShowTheAncestorChanged()
    {
        using var layers = new LayerTars(SampleLayers.All());

        var history = new ImageHistory(layers.Set).PathHistory("/home/user/.profile");

        Summary(history).Should().Equal(
            (0, PathEventKind.Added, "/home/user/.profile", false),
            (1, PathEventKind.Changed, "/home/user", true));
        history[1].EntryKind.Should().Be(EntryKind.SymbolicLink);
        history[1].LinkTarget.Should().Be("/tmp");
    }

    [Test]
    public void PathHistory_DirectoryWhitedOutAndRecreatedInOneLayer_ShouldBeChangedAndOpaque()
    {
        using var layers = new LayerTars(SampleLayers.All());

        Summary(new ImageHistory(layers.Set).PathHistory("/var/cache")).Should().Equal(
            (0, PathEventKind.Added, "/var/cache", false),
            (2, PathEventKind.Changed, "/var/cache", false),
            (2, PathEventKind.Opaque, "/var/cache", false));
        Summary(new ImageHistory(layers.Set).PathHistory("/var/cache/c")).Should().Equal(
            (0, PathEventKind.Added, "/var/cache/c", false),
            (2, PathEventKind.Opaque, "/var/cache", true));
    }

    [Test]
    public void PathHistory_FileReaddedAfterItsDeletion_ShouldBeAddedAgain()
    {
        using var layers = new LayerTars(
            new LayerBuilder().File("a/f", "1").Build(),
            new LayerBuilder().Whiteout("a").Build(),
            new LayerBuilder().File("a/f", "2").Build());

        Summary(new ImageHistory(layers.Set).PathHistory("/a/f")).Should().Equal(
            (0, PathEventKind.Added, "/a/f", false),
            (1, PathEventKind.Deleted, "/a", true),
            (2, PathEventKind.Added, "/a/f", false));
    }

    [Test]
    public void PathHistory_LayerThatOnlyHoldsTheParents_ShouldNotBeListed()
    {
        using var layers = new LayerTars(
            new LayerBuilder().File("etc/hosts", "h").Build(),
            new LayerBuilder().File("etc/other", "o").Build());

        Summary(new ImageHistory(layers.Set).PathHistory("/etc/hosts")).Should().Equal((0, PathEventKind.Added, "/etc/hosts", false));
    }

    [Test]
    public void PathHistory_RelativeOrUntidyPath_ShouldBeNormalised()
    {
        using var layers = new LayerTars(SampleLayers.All());

        var history = new ImageHistory(layers.Set);

        Summary(history.PathHistory("etc/./hosts/")).Should().Equal(Summary(history.PathHistory("/etc/hosts")));
        history.PathHistory("/etc/hosts").Select(e => e.LayerIndex).Should().Equal(0, 2);
    }

    [Test]
    public void PathHistory_PathNoLayerHas_ShouldBeEmpty()
    {
        using var layers = new LayerTars(SampleLayers.All());

        new ImageHistory(layers.Set).PathHistory("/no/such/file").Should().BeEmpty();
    }

    [Test]
    public void PathHistory_OfAContainerImage_ShouldUseTheManifestsLayerDigests()
    {
        var tars = SampleLayers.All();
        var file = Path.Combine(Path.GetTempPath(), "unionfs-history-" + Guid.NewGuid().ToString("N") + ".tar");
        File.WriteAllBytes(file, ImageBuilder.Containerd(tars));
        try
        {
            using var image = ContainerImage.Open(file);

            var history = new ImageHistory(image).PathHistory("/etc/passwd");

            Summary(history).Should().Equal((0, PathEventKind.Added, "/etc/passwd", false), (1, PathEventKind.Changed, "/etc/passwd", false));
            history.Select(e => e.LayerDigest).Should().Equal(image.Layers[0].Digest, image.Layers[1].Digest);
            history[0].LayerDigest.Should().NotBe(LayerBuilder.Sha256(tars[0]), "containerd's layers are gzip: the blob digest is the compressed one");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public void PathHistory_OverABranchOfAnyKind_ShouldWork()
    {
        var lower = new MemoryBranch();
        new UnionFileSystem(lower).File.WriteAllText("/f", "x");
        var upper = new MemoryBranch();
        new UnionFileSystem(upper, lower).File.Delete("/f");

        var history = new ImageHistory(new LayerSet([upper, lower])).PathHistory("/f");

        Summary(history).Should().Equal((0, PathEventKind.Added, "/f", false), (1, PathEventKind.Deleted, "/f", false));
        history.Select(e => e.LayerDigest).Should().Equal(null, null);
    }
}
