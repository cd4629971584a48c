using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Listing;

/// <summary>Rule 4: the merged listing has each name once, never a whiteout, in a deterministic order.</summary>
[TestFixtureSource(typeof(Placements), nameof(Placements.AllWithDirectoryBranches))]
public class MergedListingTests(Placement placement, BranchKind kind) : UnionTestBase(placement, kind)
{
    [Test]
    public void TreeDump_FreshFixture_ShouldEqualLayout()
    {
        Tree().Should().Equal(Fixture.Layout.ExpectedTree());
    }

    [Test]
    public void GetFileSystemEntries_MergedDirectory_ShouldListUnionOfNames()
    {
        Fs.Directory.GetFileSystemEntries("/books").Should().BeEquivalentTo(
            "/books/c", "/books/golang", "/books/java", "/books/sub");
    }

    [Test]
    public void GetFileSystemEntries_Root_ShouldListEachNameOnce()
    {
        var entries = Fs.Directory.GetFileSystemEntries("/");

        entries.Should().OnlyHaveUniqueItems();
        entries.Should().BeEquivalentTo(
            "/README.txt", "/books", "/computers", "/docs", "/empty", "/links", "/tree");
    }

    [Test]
    public void GetDirectories_Root_ShouldListOnlyDirectories()
    {
        Fs.Directory.GetDirectories("/").Should().BeEquivalentTo(
            "/books", "/computers", "/docs", "/empty", "/links", "/tree");
    }

    [Test]
    public void GetFiles_Root_ShouldListOnlyFiles()
    {
        Fs.Directory.GetFiles("/").Should().Equal("/README.txt");
    }

    [Test]
    public void GetFileSystemEntries_CalledTwice_ShouldReturnSameOrder()
    {
        var first = Fs.Directory.GetFileSystemEntries("/docs", "*", SearchOption.AllDirectories);
        var second = Fs.Directory.GetFileSystemEntries("/docs", "*", SearchOption.AllDirectories);

        second.Should().Equal(first);
    }

    [Test]
    public void GetFileSystemEntries_TwoUnionsOverSameLayout_ShouldReturnSameOrder()
    {
        var first = Fs.Directory.GetFileSystemEntries("/", "*", SearchOption.AllDirectories);
        var other = Rebuild(Layout);

        other.Fs.Directory.GetFileSystemEntries("/", "*", SearchOption.AllDirectories).Should().Equal(first);
    }

    [Test]
    public void GetFileSystemEntries_AfterDeletingLowerFile_ShouldNotListWhiteout()
    {
        Fs.File.Delete("/books/java");

        Fs.Directory.GetFileSystemEntries("/books").Should().BeEquivalentTo("/books/c", "/books/golang", "/books/sub");
    }

    [Test]
    public void GetFileSystemEntries_AfterDeletingEveryEntry_ShouldBeEmpty()
    {
        Fs.File.Delete("/computers/huawei");
        Fs.File.Delete("/computers/macpro");

        Fs.Directory.GetFileSystemEntries("/computers").Should().BeEmpty();
        Fs.Directory.Exists("/computers").Should().BeTrue();
    }

    [Test]
    public void GetFileSystemEntries_EmptyDirectory_ShouldBeEmpty()
    {
        Fs.Directory.GetFileSystemEntries("/empty").Should().BeEmpty();
    }

    [Test]
    public void EnumerateFileSystemEntries_AfterDeletingDirectoryTree_ShouldNotListAnythingBelowIt()
    {
        Fs.Directory.Delete("/tree", recursive: true);

        Fs.Directory.EnumerateFileSystemEntries("/", "*", SearchOption.AllDirectories)
            .Should().NotContain(p => p.StartsWith("/tree", StringComparison.Ordinal));
    }

    [Test]
    public void GetFileSystemInfos_MergedDirectory_ShouldReportTypesOfTopmostEntries()
    {
        var infos = Fs.DirectoryInfo.New("/books").GetFileSystemInfos();

        infos.Select(i => i.Name).Should().BeEquivalentTo("c", "golang", "java", "sub");
        infos.Single(i => i.Name == "sub").Should().BeAssignableTo<IDirectoryInfo>();
        infos.Single(i => i.Name == "c").Should().BeAssignableTo<IFileInfo>();
    }

    [Test]
    public void GetFiles_RelativePath_ShouldResolveAgainstCurrentDirectory()
    {
        Fs.Directory.SetCurrentDirectory("/books");

        Fs.Directory.GetFiles("sub").Select(Fs.Path.GetFileName).Should().Equal("deep.txt");
    }

    [Test]
    public void GetFileSystemEntries_WhiteoutMarkerFromAnotherLayer_ShouldNeverAppearInRecursiveListing()
    {
        Fs.File.Delete("/docs/a.txt");
        Fs.Directory.Delete("/docs/nested", recursive: true);

        var all = Fs.Directory.GetFileSystemEntries("/", "*", SearchOption.AllDirectories);

        all.Should().NotContain(p => p.Contains(".wh.", StringComparison.Ordinal));
        all.Should().NotContain("/docs/a.txt");
        all.Should().NotContain(p => p.StartsWith("/docs/nested", StringComparison.Ordinal));
    }
}
