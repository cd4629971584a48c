using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Writes;

/// <summary>Rule 11: renaming a lower or merged directory works and matches kernel overlayfs with redirect_dir=on.</summary>
[TestFixtureSource(typeof(Placements), nameof(Placements.AllWithDirectoryBranches))]
public class RenameDirectoryTests(Placement placement, BranchKind kind) : UnionTestBase(placement, kind)
{
    [Test]
    public void DirectoryMove_LowerDirectory_ShouldShowContentsAtNewName()
    {
        Fs.Directory.Move("/computers", "/machines");

        Fs.Directory.GetFiles("/machines").Should().BeEquivalentTo("/machines/huawei", "/machines/macpro");
        Fs.File.ReadAllText("/machines/huawei").Should().Be("huawei");
        Fs.Directory.Exists("/computers").Should().BeFalse();
    }

    [Test]
    public void DirectoryMove_MergedDirectoryWithSubdirectories_ShouldMoveWholeTree()
    {
        Fs.Directory.Move("/books", "/library");

        Tree().Should().Equal(ExpectedTreeAfterMove("/books", "/library"));
    }

    [Test]
    public void DirectoryMove_DeepTree_ShouldMoveEveryLevel()
    {
        Fs.Directory.Move("/tree", "/forest");

        Fs.File.ReadAllText("/forest/x/y/z.txt").Should().Be("z");
        Tree().Should().Equal(ExpectedTreeAfterMove("/tree", "/forest"));
    }

    [Test]
    public void DirectoryMove_IntoOtherDirectory_ShouldWork()
    {
        Fs.Directory.Move("/tree", "/docs/tree");

        Tree().Should().Equal(ExpectedTreeAfterMove("/tree", "/docs/tree"));
    }

    [Test]
    public void CreateDirectory_AtOldNameAfterMove_ShouldBeEmpty()
    {
        Fs.Directory.Move("/books", "/library");

        Fs.Directory.CreateDirectory("/books");

        Fs.Directory.GetFileSystemEntries("/books").Should().BeEmpty();
        Fs.Directory.GetFiles("/library").Should().HaveCount(3);
    }

    [Test]
    public void FileDelete_InsideMovedDirectory_ShouldHideOnlyThatFile()
    {
        Fs.Directory.Move("/books", "/library");

        Fs.File.Delete("/library/c");

        Fs.Directory.GetFileSystemEntries("/library").Should().BeEquivalentTo("/library/golang", "/library/java", "/library/sub");
    }

    [Test]
    public void WriteAllText_InsideMovedDirectory_ShouldMergeWithMovedContents()
    {
        Fs.Directory.Move("/books", "/library");

        Fs.File.WriteAllText("/library/new", "n");
        Fs.File.AppendAllText("/library/java", "!");

        Fs.Directory.GetFiles("/library").Should().BeEquivalentTo("/library/c", "/library/golang", "/library/java", "/library/new");
        Fs.File.ReadAllText("/library/java").Should().Be("java book!");
    }

    [Test]
    public void DirectoryMove_Twice_ShouldKeepContents()
    {
        Fs.Directory.Move("/books", "/b1");
        Fs.Directory.Move("/b1", "/b2");

        Tree().Should().Equal(ExpectedTreeAfterMove("/books", "/b2"));
    }

    [Test]
    public void DirectoryMove_ThereAndBack_ShouldRestoreTree()
    {
        Fs.Directory.Move("/books", "/b1");
        Fs.Directory.Move("/b1", "/books");

        Tree().Should().Equal(Fixture.Layout.ExpectedTree());
    }

    [Test]
    public void DirectoryMove_SubdirectoryOfMovedDirectory_ShouldFollowBothMoves()
    {
        Fs.Directory.Move("/tree", "/t2");

        Fs.Directory.Move("/t2/x", "/x2");

        Fs.File.ReadAllText("/x2/y/z.txt").Should().Be("z");
        Fs.File.ReadAllText("/x2/w.txt").Should().Be("w");
        Fs.Directory.GetFileSystemEntries("/t2").Should().Equal("/t2/top.txt");
    }

    [Test]
    public void DirectoryMove_AfterDeletingAChild_ShouldNotResurrectIt()
    {
        Fs.File.Delete("/books/java");

        Fs.Directory.Move("/books", "/library");

        Fs.Directory.GetFiles("/library").Should().BeEquivalentTo("/library/c", "/library/golang");
    }

    [Test]
    public void DirectoryMove_ParentOfRecreatedOpaqueDirectory_ShouldKeepItOpaque()
    {
        Fs.Directory.Delete("/tree/x", recursive: true);
        Fs.Directory.CreateDirectory("/tree/x");

        Fs.Directory.Move("/tree", "/t2");

        Fs.Directory.GetFileSystemEntries("/t2/x").Should().BeEmpty();
    }

    [Test]
    public void DirectoryMove_UpperOnlyDirectory_ShouldWork()
    {
        Fs.Directory.CreateDirectory("/fresh");
        Fs.File.WriteAllText("/fresh/a", "a");

        Fs.Directory.Move("/fresh", "/fresh2");

        Fs.File.ReadAllText("/fresh2/a").Should().Be("a");
        Fs.Directory.Exists("/fresh").Should().BeFalse();
    }

    [Test]
    public void DirectoryMove_UpperOnlyDirectoryOntoDeletedLowerName_ShouldNotShowOldContents()
    {
        Fs.Directory.Delete("/books", recursive: true);
        Fs.Directory.CreateDirectory("/fresh");
        Fs.File.WriteAllText("/fresh/a", "a");

        Fs.Directory.Move("/fresh", "/books");

        Fs.Directory.GetFileSystemEntries("/books").Should().Equal("/books/a");
    }

    [Test]
    public void DirectoryInfoMoveTo_LowerDirectory_ShouldUpdateFullName()
    {
        var info = Fs.DirectoryInfo.New("/computers");

        info.MoveTo("/machines");

        // As DirectoryInfo.MoveTo: the new full name ends in a separator (checked against System.IO by the conformance suite).
        info.FullName.Should().Be("/machines/");
        info.Name.Should().Be("machines");
        Fs.Directory.Exists("/machines").Should().BeTrue();
    }

    [Test]
    public void DirectoryMove_IntoOwnSubtree_ShouldThrowInvalidArgumentAndChangeNothing()
    {
        Expect.Io(() => Fs.Directory.Move("/books", "/books/sub/inner"), HResults.InvalidArgument, null);

        Tree().Should().Equal(Fixture.Layout.ExpectedTree());
    }

    [Test]
    public void DirectoryMove_OntoExistingDirectory_ShouldThrowAndChangeNothing()
    {
        Expect.Io(() => Fs.Directory.Move("/computers", "/books"), HResults.DotNetIo, "/books");

        Tree().Should().Equal(Fixture.Layout.ExpectedTree());
    }

    [Test]
    public void DirectoryMove_MissingSource_ShouldThrowDirectoryNotFound()
    {
        Expect.DirectoryNotFound(() => Fs.Directory.Move("/nothing", "/else"), "/nothing");
    }

    [Test]
    public void DirectoryMove_ChangesOfLowerDirectory_ShouldStillBeVisibleInNewUnionOverSameBranches()
    {
        Fs.Directory.Move("/books", "/library");

        var again = new UnionFileSystem(Fixture.Upper, Fixture.Lowers.Cast<IBranch>().ToArray());

        TreeDump.Of(again).Should().Equal(ExpectedTreeAfterMove("/books", "/library"));
    }

    [Test]
    public void DirectoryMove_LowerDirectoryWhoseParentStopsMerging_ShouldNotMergeWithLayersTheParentHides()
    {
        // /x comes from l1 only (l2's /x is a link, which ends the merge), so l3's /x/z/b is not part of /x/z.
        // After the move the redirect is looked up from each layer's root; the link in l2 still ends it there.
        var f = Track(UnionFixture.Stacked([], [["/x/z/"], ["/x->d.txt"], ["/x/z/b=l3"]]));
        f.Fs.Directory.GetFileSystemEntries("/x/z").Should().BeEmpty();

        f.Fs.Directory.Move("/x/z", "/x/b");

        f.Fs.Directory.GetFileSystemEntries("/x/b").Should().BeEmpty();
        f.Fs.Directory.Exists("/x/z").Should().BeFalse();
    }
}
