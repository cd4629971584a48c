using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Seeds;

/// <summary>The overlay examples of the seed blog posts, end to end, with every kind of branch.</summary>
[TestFixture(BranchKind.Memory)]
[TestFixture(BranchKind.MockDirectory)]
[TestFixture(BranchKind.RealDirectory)]
public class SeedScenarioTests(BranchKind kind) : FixtureTestBase
{
    private UnionFixture Layers(string[] upper, params string[][] lowers) => Track(UnionFixture.Stacked(upper, lowers, kind: kind));

    private static string[] Files(string layer, params string[] paths) => paths.Select(p => $"{p}={layer}:{p}").ToArray();

    // Seed 000: lower and upper of the books/computers/sports example (leaves are files).
    private static readonly string[] Seed000Lower = Files("lower",
        "/books/c", "/books/java",
        "/computers/huawei", "/computers/lenove", "/computers/macpro",
        "/README.txt",
        "/sports/fishing", "/sports/football", "/sports/running");

    private static readonly string[] Seed000Upper = Files("upper",
        "/books/c", "/books/golang",
        "/cities/beijing", "/cities/shanghai", "/cities/shenzhen",
        "/README.txt",
        "/sports/basketball", "/sports/football", "/sports/running");

    [Test]
    public void Seed000_BooksComputersSports_ShouldShowExactMergedTree()
    {
        var f = Layers(Seed000Upper, Seed000Lower);

        TreeDump.Of(f.Fs).Should().Equal(
            "/README.txt=upper:/README.txt",
            "/books/",
            "/books/c=upper:/books/c",
            "/books/golang=upper:/books/golang",
            "/books/java=lower:/books/java",
            "/cities/",
            "/cities/beijing=upper:/cities/beijing",
            "/cities/shanghai=upper:/cities/shanghai",
            "/cities/shenzhen=upper:/cities/shenzhen",
            "/computers/",
            "/computers/huawei=lower:/computers/huawei",
            "/computers/lenove=lower:/computers/lenove",
            "/computers/macpro=lower:/computers/macpro",
            "/sports/",
            "/sports/basketball=upper:/sports/basketball",
            "/sports/fishing=lower:/sports/fishing",
            "/sports/football=upper:/sports/football",
            "/sports/running=upper:/sports/running");
    }

    [Test]
    public void Seed000_NewFile_ShouldLandInUpperOnly()
    {
        var f = Layers(Seed000Upper, Seed000Lower);

        f.Fs.File.WriteAllText("/computers/thinkpad", "new");

        f.Upper.Stat("/computers/thinkpad")!.Kind.Should().Be(EntryKind.File);
        f.RawLowers[0].Stat("/computers/thinkpad").Should().BeNull();
    }

    [Test]
    public void Seed000_DeleteLowerOnlyFile_ShouldCreateWhiteoutInUpper()
    {
        var f = Layers(Seed000Upper, Seed000Lower);

        f.Fs.File.Delete("/sports/fishing");

        f.Upper.Stat("/sports/fishing")!.Kind.Should().Be(EntryKind.Whiteout);
        f.Fs.Directory.GetFiles("/sports").Select(Path.GetFileName).Should().BeEquivalentTo("basketball", "football", "running");
    }

    [Test]
    public void Seed000_DeleteFileInBothLayers_ShouldWhiteOutLowerCopy()
    {
        var f = Layers(Seed000Upper, Seed000Lower);

        f.Fs.File.Delete("/README.txt");

        f.Upper.Stat("/README.txt")!.Kind.Should().Be(EntryKind.Whiteout);
        f.Fs.File.Exists("/README.txt").Should().BeFalse();
    }

    [Test]
    public void Seed000_ModifyLowerFile_ShouldCopyUpAndLeaveLower()
    {
        var f = Layers(Seed000Upper, Seed000Lower);

        f.Fs.File.AppendAllText("/books/java", "+");

        f.Fs.File.ReadAllText("/books/java").Should().Be("lower:/books/java+");
        f.Upper.Stat("/books/java")!.Kind.Should().Be(EntryKind.File);
    }

    // Seed 002: lowerdir=lower1:lower2, upper with upper.txt.
    private UnionFixture Seed002() => Layers(
        ["/upper.txt=upper\n"],
        ["/lower_change.txt=lower1\n", "/lower1.txt=lower1\n"],
        ["/lower_change.txt=lower2\n", "/lower2.txt=lower2\n", "/upper.txt=lower2\n"]);

    private static readonly string[] Seed002Merged =
    [
        "/lower1.txt=lower1\n",
        "/lower2.txt=lower2\n",
        "/lower_change.txt=lower1\n",
        "/upper.txt=upper\n",
    ];

    [Test]
    public void Seed002_Lower1OverLower2_ShouldShowPrecedence()
    {
        var f = Seed002();

        TreeDump.Of(f.Fs).Should().Equal(Seed002Merged);
    }

    [Test]
    public void Seed002_DeleteLower1Txt_ShouldLeaveWhiteoutInUpper()
    {
        var f = Seed002();

        f.Fs.File.Delete("/lower1.txt");

        f.Upper.Stat("/lower1.txt")!.Kind.Should().Be(EntryKind.Whiteout);
        f.Fs.Directory.GetFiles("/").Select(Path.GetFileName).Should().BeEquivalentTo("lower2.txt", "lower_change.txt", "upper.txt");
    }

    [Test]
    public void Seed002_CommitUpperAsNewLower_ShouldShowSameMergedTree()
    {
        var f = Seed002();
        f.Fs.File.WriteAllText("/created.txt", "created\n");
        f.Fs.File.AppendAllText("/lower2.txt", "changed\n");
        f.Fs.File.Delete("/lower1.txt");
        var before = TreeDump.Of(f.Fs);

        // mount -o lowerdir=upper:lower1:lower2,upperdir=upper_new
        var committed = new UnionFileSystem(new MemoryBranch(), f.Upper, f.Lowers[0], f.Lowers[1]);

        TreeDump.Of(committed).Should().Equal(before);
        before.Should().Equal(
            "/created.txt=created\n",
            "/lower2.txt=lower2\nchanged\n",
            "/lower_change.txt=lower1\n",
            "/upper.txt=upper\n");
    }

    [Test]
    public void Seed002_CommittedUnion_ShouldAcceptFurtherChangesInNewUpper()
    {
        var f = Seed002();
        f.Fs.File.Delete("/lower1.txt");
        var newUpper = new MemoryBranch();
        var committed = new UnionFileSystem(newUpper, new GuardedBranch(f.Upper, "old-upper"), f.Lowers[0], f.Lowers[1]);

        committed.File.WriteAllText("/lower1.txt", "reborn\n");
        committed.File.Delete("/upper.txt");

        committed.File.ReadAllText("/lower1.txt").Should().Be("reborn\n");
        committed.File.Exists("/upper.txt").Should().BeFalse();
        newUpper.Stat("/upper.txt")!.Kind.Should().Be(EntryKind.Whiteout);
        f.Fs.File.Exists("/lower1.txt").Should().BeFalse("the old union does not see the new upper");
    }

    [Test]
    public void Seed002_GetChanges_ShouldListLikeDockerDiff()
    {
        var f = Seed002();
        f.Fs.File.WriteAllText("/created.txt", "created\n");
        f.Fs.File.AppendAllText("/lower2.txt", "changed\n");
        f.Fs.File.Delete("/lower1.txt");

        f.Fs.GetChanges().Should().Equal(
            new UnionChange("/created.txt", ChangeKind.Added),
            new UnionChange("/lower1.txt", ChangeKind.Deleted),
            new UnionChange("/lower2.txt", ChangeKind.Modified),
            new UnionChange("/upper.txt", ChangeKind.Modified));
    }

    // Seed 003: aufs dirs=l1(rw):l2:l3.
    private UnionFixture Seed003() => Layers(["/container.txt=l1\n"], ["/image2.txt=l2\n"], ["/image3.txt=l3\n"]);

    [Test]
    public void Seed003_Listing_ShouldMergeThreeLayers()
    {
        var f = Seed003();

        f.Fs.Directory.GetFiles("/").Select(Path.GetFileName).Should().BeEquivalentTo("container.txt", "image2.txt", "image3.txt");
    }

    [Test]
    public void Seed003_AppendToUpperFile_ShouldChangeItInPlace()
    {
        var f = Seed003();

        f.Fs.File.AppendAllText("/container.txt", "update\n");

        f.Fs.File.ReadAllText("/container.txt").Should().Be("l1\nupdate\n");
        new UnionFileSystem(f.Upper).File.ReadAllText("/container.txt").Should().Be("l1\nupdate\n");
    }

    [Test]
    public void Seed003_AppendToImage2_ShouldCopyUpAndLeaveL2Unchanged()
    {
        var f = Seed003();

        f.Fs.File.AppendAllText("/image2.txt", "update\n");

        f.Fs.File.ReadAllText("/image2.txt").Should().Be("l2\nupdate\n");
        new UnionFileSystem(f.Upper).File.ReadAllText("/image2.txt").Should().Be("l2\nupdate\n");
        UnionFileSystem.ReadOnly(f.Lowers[0]).File.ReadAllText("/image2.txt").Should().Be("l2\n");
        f.Fs.Directory.GetFiles("/").Select(Path.GetFileName).Should().BeEquivalentTo("container.txt", "image2.txt", "image3.txt");
    }

    [Test]
    public void Seed003_DeleteImage3_ShouldWhiteOutAndLeaveL3Unchanged()
    {
        var f = Seed003();

        f.Fs.File.Delete("/image3.txt");

        f.Upper.Stat("/image3.txt")!.Kind.Should().Be(EntryKind.Whiteout);
        f.Fs.Directory.GetFiles("/").Select(Path.GetFileName).Should().BeEquivalentTo("container.txt", "image2.txt");
        UnionFileSystem.ReadOnly(f.Lowers[1]).File.ReadAllText("/image3.txt").Should().Be("l3\n");
    }
}
