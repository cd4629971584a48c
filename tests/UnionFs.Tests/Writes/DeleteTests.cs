using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Writes;

/// <summary>Rules 7 and 9: deleting leaves a whiteout only where a lower has the name; emptiness is judged on the merged view.</summary>
[TestFixtureSource(typeof(Placements), nameof(Placements.AllWithDirectoryBranches))]
public class DeleteTests(Placement placement, BranchKind kind) : UnionTestBase(placement, kind)
{
    [Test]
    public void FileDelete_LowerFile_ShouldLeaveWhiteoutOnlyWhenLowerHasIt()
    {
        var expected = ExpectedUpperKindAfterDelete("/books/java");

        Fs.File.Delete("/books/java");

        UpperKind("/books/java").Should().Be(expected);
    }

    [Test]
    public void FileDelete_AnyFile_ShouldHideItFromLookupAndListing()
    {
        Fs.File.Delete("/books/java");

        Fs.File.Exists("/books/java").Should().BeFalse();
        Fs.Directory.GetFiles("/books").Should().NotContain("/books/java");
        Expect.FileNotFound(() => Fs.File.ReadAllText("/books/java"), "/books/java");
    }

    [Test]
    public void FileDelete_AnyFile_ShouldChangeOnlyThatPathInMergedTree()
    {
        Fs.File.Delete("/README.txt");

        Tree().Should().Equal(ExpectedTree(removed: ["/README.txt"]));
    }

    [Test]
    public void FileDelete_UpperOnlyFile_ShouldLeaveNothingInUpper()
    {
        Fs.File.WriteAllText("/books/brand-new.txt", "n");

        Fs.File.Delete("/books/brand-new.txt");

        Upper.Stat("/books/brand-new.txt").Should().BeNull();
        Fs.File.Exists("/books/brand-new.txt").Should().BeFalse();
    }

    [Test]
    public void FileDelete_CopiedUpLowerFile_ShouldStillLeaveWhiteout()
    {
        var expected = ExpectedUpperKindAfterDelete("/books/c");
        Fs.File.AppendAllText("/books/c", "!");

        Fs.File.Delete("/books/c");

        UpperKind("/books/c").Should().Be(expected);
        Fs.File.Exists("/books/c").Should().BeFalse();
    }

    [Test]
    public void WriteAllText_AfterDeletingLowerFile_ShouldShowOnlyNewContent()
    {
        Fs.File.Delete("/books/c");

        Fs.File.WriteAllText("/books/c", "second life");

        Fs.File.ReadAllText("/books/c").Should().Be("second life");
        Upper.Stat("/books/c")!.Kind.Should().Be(EntryKind.File);
        Fs.Directory.GetFiles("/books").Where(p => p == "/books/c").Should().HaveCount(1);
    }

    [Test]
    public void DirectoryDeleteRecursive_LowerTree_ShouldLeaveOneWhiteoutAtTop()
    {
        var expected = ExpectedUpperKindAfterDelete("/tree");

        Fs.Directory.Delete("/tree", recursive: true);

        UpperKind("/tree").Should().Be(expected);
        BranchSnapshot.Paths(Upper).Should().NotContain(p => p.StartsWith("/tree/", StringComparison.Ordinal));
    }

    [Test]
    public void DirectoryDeleteRecursive_LowerTree_ShouldRemoveWholeSubtreeFromMergedView()
    {
        Fs.Directory.Delete("/tree", recursive: true);

        Fs.Directory.Exists("/tree").Should().BeFalse();
        Fs.File.Exists("/tree/x/y/z.txt").Should().BeFalse();
        Tree().Should().Equal(ExpectedTree(removed: ["/tree"]));
    }

    [Test]
    public void DirectoryDeleteRecursive_AfterCopyingUpPartOfTree_ShouldLeaveOneWhiteoutAtTop()
    {
        var expected = ExpectedUpperKindAfterDelete("/tree");
        Fs.File.AppendAllText("/tree/x/y/z.txt", "!");
        Fs.File.WriteAllText("/tree/x/new.txt", "n");

        Fs.Directory.Delete("/tree", recursive: true);

        UpperKind("/tree").Should().Be(expected);
        BranchSnapshot.Paths(Upper).Should().NotContain(p => p.StartsWith("/tree/", StringComparison.Ordinal));
    }

    [Test]
    public void DirectoryDelete_AllEntriesWhitedOut_ShouldSucceedNonRecursively()
    {
        Fs.File.Delete("/computers/huawei");
        Fs.File.Delete("/computers/macpro");

        Fs.Directory.Delete("/computers", recursive: false);

        Fs.Directory.Exists("/computers").Should().BeFalse();
        UpperKind("/computers").Should().Be(ExpectedUpperKindAfterDelete("/computers"));
    }

    [Test]
    public void DirectoryDelete_EmptyDirectory_ShouldSucceedNonRecursively()
    {
        var expected = ExpectedUpperKindAfterDelete("/empty");

        Fs.Directory.Delete("/empty");

        Fs.Directory.Exists("/empty").Should().BeFalse();
        UpperKind("/empty").Should().Be(expected);
    }

    [Test]
    public void DirectoryDelete_NonEmptyMergedDirectory_ShouldThrowNotEmptyAndKeepEverything()
    {
        Expect.Io(() => Fs.Directory.Delete("/books", recursive: false), HResults.NotEmpty, "/books");

        Tree().Should().Equal(Fixture.Layout.ExpectedTree());
    }

    [Test]
    public void DirectoryDelete_OnlyNestedEmptyDirectoryLeft_ShouldThrowNotEmpty()
    {
        Fs.File.Delete("/books/sub/deep.txt");
        Fs.File.Delete("/books/c");
        Fs.File.Delete("/books/java");
        Fs.File.Delete("/books/golang");

        Expect.Io(() => Fs.Directory.Delete("/books"), HResults.NotEmpty, "/books");
    }

    [Test]
    public void FileInfoDelete_LowerFile_ShouldHideIt()
    {
        var info = Fs.FileInfo.New("/docs/c.md");

        info.Delete();
        info.Refresh();

        info.Exists.Should().BeFalse();
        Fs.File.Exists("/docs/c.md").Should().BeFalse();
    }

    [Test]
    public void DirectoryInfoDelete_Recursive_ShouldHideTree()
    {
        Fs.DirectoryInfo.New("/docs/nested").Delete(recursive: true);

        Fs.Directory.GetDirectories("/docs").Should().BeEmpty();
    }

    [Test]
    public void DirectoryDeleteRecursive_Root_Children_ShouldLeaveEmptyRoot()
    {
        foreach (var dir in Fs.Directory.GetDirectories("/")) Fs.Directory.Delete(dir, recursive: true);
        foreach (var file in Fs.Directory.GetFiles("/")) Fs.File.Delete(file);

        Fs.Directory.GetFileSystemEntries("/").Should().BeEmpty();
    }
}
