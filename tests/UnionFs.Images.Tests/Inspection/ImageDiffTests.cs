using System.Formats.Tar;
using UnionFs.Images.Tests.Infrastructure;

namespace UnionFs.Images.Tests.Inspection;

public class ImageDiffTests
{
    private static IEnumerable<(string Path, ChangeKind Kind, ChangeReasons Reasons)> Summary(IEnumerable<ImageChange> changes) =>
        changes.Select(c => (c.Path, c.Kind, c.Reasons));

    [Test]
    public void Compare_ImageWithOneMoreLayer_ShouldListWhatThatLayerChangesWithReasons()
    {
        var retimed = new PaxTarEntry(TarEntryType.RegularFile, "etc/passwd")
        {
            Mode = (UnixFileMode)0x1A4,
            ModificationTime = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero),
            DataStream = new MemoryStream("root:x:0:0\nuser:x:1000:1000\n"u8.ToArray()),
        };
        var change = new LayerBuilder()
            .File("etc/motd", "changed")
            .File("bin/sh", "#!shell", (UnixFileMode)0x1C0)
            .Symlink("lib", "usr/lib64")
            .Whiteout("tmp/new")
            .File("tmp/new/inside", "i")
            .File("srv/x", "x")
            .Whiteout("etc/hosts")
            .Whiteout("opt")
            .File("usr/lib/libx.so", new byte[5000])
            .Entry(retimed)
            .Build();
        using var baseline = new LayerTars(SampleLayers.All());
        using var image = new LayerTars([.. SampleLayers.All(), change]);

        var changes = ImageDiff.Compare(image.Set, baseline.Set);

        Summary(changes).Should().Equal(
            ("/bin/sh", ChangeKind.Modified, ChangeReasons.Mode),
            ("/etc/hosts", ChangeKind.Deleted, ChangeReasons.None),
            ("/etc/motd", ChangeKind.Modified, ChangeReasons.Content),
            ("/lib", ChangeKind.Modified, ChangeReasons.LinkTarget),
            ("/opt", ChangeKind.Deleted, ChangeReasons.None),
            ("/srv", ChangeKind.Added, ChangeReasons.None),
            ("/srv/x", ChangeKind.Added, ChangeReasons.None),
            ("/tmp/new", ChangeKind.Modified, ChangeReasons.Type),
            ("/tmp/new/inside", ChangeKind.Added, ChangeReasons.None));
    }

    [Test]
    public void Compare_SameLayersOpenedTwice_ShouldFindNothing()
    {
        using var a = new LayerTars(SampleLayers.All());
        using var b = new LayerTars(SampleLayers.All());

        ImageDiff.Compare(a.Set, b.Set).Should().BeEmpty();
    }

    [Test]
    public void Compare_SameSizeDifferentBytesAndModeTogether_ShouldNameBothReasons()
    {
        using var baseline = new LayerTars(new LayerBuilder().File("f", "aaaa").Dir("d").Build());
        using var image = new LayerTars(new LayerBuilder().File("f", "aaab", (UnixFileMode)0x1ED).Dir("d", (UnixFileMode)0x1C0).Build());

        Summary(ImageDiff.Compare(image.Set, baseline.Set)).Should().Equal(
            ("/d", ChangeKind.Modified, ChangeReasons.Mode),
            ("/f", ChangeKind.Modified, ChangeReasons.Content | ChangeReasons.Mode));
    }

    [Test]
    public void Compare_FileReplacedByADirectory_ShouldBeATypeChangeWithTheContentsAdded()
    {
        using var baseline = new LayerTars(new LayerBuilder().File("x", "file").Dir("y").File("y/z", "z").Build());
        using var image = new LayerTars(new LayerBuilder().File("x/a", "a").File("y", "now a file").Build());

        Summary(ImageDiff.Compare(image.Set, baseline.Set)).Should().Equal(
            ("/x", ChangeKind.Modified, ChangeReasons.Type),
            ("/x/a", ChangeKind.Added, ChangeReasons.None),
            ("/y", ChangeKind.Modified, ChangeReasons.Type));
    }

    [Test]
    public void Compare_LargeFilesDifferingInTheLastByte_ShouldBeChanged()
    {
        var data = new byte[200_000];
        var other = (byte[])data.Clone();
        other[^1] = 1;
        using var baseline = new LayerTars(new LayerBuilder().File("big", data).Build());
        using var image = new LayerTars(new LayerBuilder().File("big", other).Build());
        using var same = new LayerTars(new LayerBuilder().File("big", data).Build());

        Summary(ImageDiff.Compare(image.Set, baseline.Set)).Should().Equal(("/big", ChangeKind.Modified, ChangeReasons.Content));
        ImageDiff.Compare(same.Set, baseline.Set).Should().BeEmpty();
    }

    [Test]
    public void Compare_TwoUnions_ShouldCompareTheirMergedViews()
    {
        var lower = new MemoryBranch();
        var fs = new UnionFileSystem(lower);
        fs.File.WriteAllText("/keep", "k");
        fs.File.WriteAllText("/gone", "g");
        var upper = new MemoryBranch();
        var changed = new UnionFileSystem(upper, lower);
        changed.File.Delete("/gone");
        changed.File.WriteAllText("/keep", "K");

        Summary(ImageDiff.Compare(changed, UnionFileSystem.ReadOnly(lower))).Should().Equal(
            ("/gone", ChangeKind.Deleted, ChangeReasons.None),
            ("/keep", ChangeKind.Modified, ChangeReasons.Content));
    }
}
