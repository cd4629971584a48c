using UnionFs.Images.Tests.Infrastructure;

namespace UnionFs.Images.Tests.Inspection;

public class ImageEfficiencyTests
{
    private static byte[] Bytes(int count) => new byte[count];

    [Test]
    public void Analyse_OverwrittenDeletedAndOpaqueHidden_ShouldCountEveryHiddenVersion()
    {
        using var layers = new LayerTars(
            new LayerBuilder().File("a", Bytes(100)).File("b", Bytes(50)).File("d/x", Bytes(30)).File("same", "0123456789").File("keep", Bytes(7)).Build(),
            new LayerBuilder().File("a", Bytes(20)).Whiteout("b").File("same", "0123456789").Build(),
            new LayerBuilder().Opaque("d").File("d/y", Bytes(5)).Build());

        var report = ImageEfficiency.Analyse(layers.Set);

        report.FileBytes.Should().Be(100 + 50 + 30 + 10 + 7 + 20 + 10 + 5);
        report.WastedBytes.Should().Be(100 + 50 + 30 + 10);
        report.Score.Should().BeApproximately(1 - (190.0 / 232), 1e-12);
        report.WastedPercent.Should().BeApproximately(100 * 190.0 / 232, 1e-9);
        report.Files.Select(f => (f.Path, f.LayerIndex, f.Size, f.HiddenBy, f.Reason)).Should().Equal(
            ("/a", 0, 100L, 1, WasteReason.Overwritten),
            ("/b", 0, 50L, 1, WasteReason.Deleted),
            ("/d/x", 0, 30L, 2, WasteReason.OpaqueDirectory),
            ("/same", 0, 10L, 1, WasteReason.Overwritten));
        report.Layers.Select(l => (l.LayerIndex, l.FileBytes, l.WastedBytes, l.WastedFiles)).Should().Equal(
            (0, 197L, 190L, 4), (1, 30L, 0L, 0), (2, 5L, 0L, 0));
    }

    [Test]
    public void Analyse_PathOverwrittenTwice_ShouldSumItsVersionsPerPath()
    {
        using var layers = new LayerTars(
            new LayerBuilder().File("f", Bytes(10)).Build(),
            new LayerBuilder().File("f", Bytes(20)).Build(),
            new LayerBuilder().File("f", Bytes(40)).Build());

        var report = ImageEfficiency.Analyse(layers.Set);

        report.Paths.Should().ContainSingle();
        report.Paths[0].Should().BeEquivalentTo(new { Path = "/f", WastedBytes = 30L });
        report.Paths[0].Layers.Should().Equal(0, 1);
        report.Files.Select(f => (f.LayerIndex, f.HiddenBy)).Should().Equal((1, 2), (0, 1));
    }

    [Test]
    public void Analyse_AncestorDeletedOrReplacedOrFileReplacedByADirectory_ShouldBeWasted()
    {
        using var layers = new LayerTars(
            new LayerBuilder().File("tree/a", Bytes(3)).File("tree/sub/b", Bytes(4)).File("other/c", Bytes(5)).File("kept/d", Bytes(6)).File("f", Bytes(9)).Build(),
            new LayerBuilder().Whiteout("tree").File("other", "file").Dir("kept").File("f/inner", "").Build());

        var report = ImageEfficiency.Analyse(layers.Set);

        report.Files.Select(f => (f.Path, f.Reason)).Should().BeEquivalentTo(new[]
        {
            ("/tree/a", WasteReason.Deleted), ("/tree/sub/b", WasteReason.Deleted), ("/other/c", WasteReason.Overwritten),
            ("/f", WasteReason.Overwritten),
        }, "a directory of a later layer overwrites a file; one that only passes through (/kept) hides nothing");
        report.WastedBytes.Should().Be(21);
    }

    [Test]
    public void Analyse_HardLinks_ShouldShipTheirBytesOnceAndWasteThemOnlyWhenEveryNameIsHidden()
    {
        using var partly = new LayerTars(
            new LayerBuilder().File("bin/sh", Bytes(1000)).HardLink("bin/ls", "bin/sh").Build(),
            new LayerBuilder().Whiteout("bin/ls").Build());
        using var wholly = new LayerTars(
            new LayerBuilder().File("bin/sh", Bytes(1000)).HardLink("bin/ls", "bin/sh").Build(),
            new LayerBuilder().Whiteout("bin/ls").Whiteout("bin/sh").Build());

        var some = ImageEfficiency.Analyse(partly.Set);
        var all = ImageEfficiency.Analyse(wholly.Set);

        some.FileBytes.Should().Be(1000);
        some.WastedBytes.Should().Be(0, "/bin/sh still shows the data");
        all.FileBytes.Should().Be(1000);
        all.WastedBytes.Should().Be(1000);
        all.Files.Should().ContainSingle().Which.Path.Should().Be("/bin/ls", "the first name, ordinally, stands for the data");
    }

    [Test]
    public void Analyse_OpaqueRootAndEmptyImage_ShouldHandleTheEdges()
    {
        using var opaqueRoot = new LayerTars(
            new LayerBuilder().File("a", Bytes(8)).Build(),
            new LayerBuilder().Opaque("").File("b", Bytes(2)).Build());
        using var empty = new LayerTars(new LayerBuilder().Dir("d").Build());

        ImageEfficiency.Analyse(opaqueRoot.Set).Files.Should().ContainSingle().Which.Reason.Should().Be(WasteReason.OpaqueDirectory);
        var none = ImageEfficiency.Analyse(empty.Set);
        none.FileBytes.Should().Be(0);
        none.Score.Should().Be(1.0);
        none.WastedPercent.Should().Be(0.0);
    }

    [Test]
    public void Analyse_SampleLayers_ShouldAgreeWithTheMergedView()
    {
        using var layers = new LayerTars(SampleLayers.All());

        var report = ImageEfficiency.Analyse(layers.Set);

        // Every wasted version is really invisible: the merged view shows another entry (or nothing) there.
        var fs = layers.Set.Mount();
        foreach (var file in report.Files)
        {
            var visible = BranchLookup.Find(layers.Set.Lowers, file.Path);
            (visible is null || visible.Branches[0] != layers.Set.Count - 1 - file.LayerIndex).Should().BeTrue(file.Path);
        }
        report.Files.Select(f => f.Path).Should().BeEquivalentTo(
            "/etc/conf.d/a.conf", "/etc/conf.d/b.conf", "/etc/hosts", "/etc/passwd", "/home/user/.profile", "/opt/app/data.txt",
            "/opt/app/sub/deep.txt", "/tmp/scratch", "/var/cache/c", "/var/log/old.log");
        fs.File.Exists("/bin/ls").Should().BeFalse();
        report.Files.Should().NotContain(f => f.Path == "/bin/ls", "its data stays visible as /bin/sh");
    }
}
