using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Writes;

/// <summary>Rule 8: a directory made where a whiteout was is opaque; the old lower contents stay hidden.</summary>
[TestFixtureSource(typeof(Placements), nameof(Placements.AllWithDirectoryBranches))]
public class OpaqueDirectoryTests(Placement placement, BranchKind kind) : UnionTestBase(placement, kind)
{
    [Test]
    public void CreateDirectory_AfterRecursiveDelete_ShouldBeEmpty()
    {
        Fs.Directory.Delete("/books", recursive: true);

        Fs.Directory.CreateDirectory("/books");

        Fs.Directory.GetFileSystemEntries("/books").Should().BeEmpty();
        Fs.File.Exists("/books/c").Should().BeFalse();
    }

    [Test]
    public void CreateDirectory_AfterRecursiveDeleteOfLowerDirectory_ShouldBeOpaqueInUpper()
    {
        var inLower = Fixture.InLower("/books");
        Fs.Directory.Delete("/books", recursive: true);

        Fs.Directory.CreateDirectory("/books");

        var entry = Upper.Stat("/books");
        entry.Should().NotBeNull();
        entry!.IsDirectory.Should().BeTrue();
        if (inLower) entry.IsOpaque.Should().BeTrue("a lower still has /books");
    }

    [Test]
    public void CreateDirectory_AfterNonRecursiveDeleteOfEmptiedDirectory_ShouldBeEmpty()
    {
        Fs.File.Delete("/computers/huawei");
        Fs.File.Delete("/computers/macpro");
        Fs.Directory.Delete("/computers");

        Fs.Directory.CreateDirectory("/computers");

        Fs.Directory.GetFileSystemEntries("/computers").Should().BeEmpty();
    }

    [Test]
    public void WriteAllText_IntoRecreatedDirectory_ShouldListOnlyNewFile()
    {
        Fs.Directory.Delete("/books", recursive: true);
        Fs.Directory.CreateDirectory("/books");

        Fs.File.WriteAllText("/books/c", "fresh");

        Fs.Directory.GetFileSystemEntries("/books").Should().Equal("/books/c");
        Fs.File.ReadAllText("/books/c").Should().Be("fresh");
    }

    [Test]
    public void CreateDirectory_NestedPathAfterDelete_ShouldHideOldNestedContents()
    {
        Fs.Directory.Delete("/tree", recursive: true);

        Fs.Directory.CreateDirectory("/tree/x/y");

        Fs.Directory.GetFileSystemEntries("/tree").Should().Equal("/tree/x");
        Fs.Directory.GetFileSystemEntries("/tree/x").Should().Equal("/tree/x/y");
        Fs.Directory.GetFileSystemEntries("/tree/x/y").Should().BeEmpty();
    }

    [Test]
    public void CreateDirectory_WhereLowerFileWasDeleted_ShouldBeEmptyDirectory()
    {
        Fs.File.Delete("/README.txt");

        Fs.Directory.CreateDirectory("/README.txt");

        Fs.Directory.Exists("/README.txt").Should().BeTrue();
        Fs.Directory.GetFileSystemEntries("/README.txt").Should().BeEmpty();
    }

    [Test]
    public void WriteAllText_WhereLowerDirectoryWasDeleted_ShouldBeFile()
    {
        Fs.Directory.Delete("/tree", recursive: true);

        Fs.File.WriteAllText("/tree", "now a file");

        Fs.File.ReadAllText("/tree").Should().Be("now a file");
        Fs.Directory.Exists("/tree").Should().BeFalse();
    }

    [Test]
    public void CreateDirectory_BrandNewInMergedDirectory_ShouldBeEmpty()
    {
        Fs.Directory.CreateDirectory("/books/brand-new");

        Fs.Directory.GetFileSystemEntries("/books/brand-new").Should().BeEmpty();
        Fs.Directory.GetDirectories("/books").Should().BeEquivalentTo("/books/brand-new", "/books/sub");
    }

    [Test]
    public void Tree_AfterDeleteAndRecreate_ShouldShowOnlyEmptyDirectory()
    {
        Fs.Directory.Delete("/docs", recursive: true);
        Fs.Directory.CreateDirectory("/docs");

        Tree().Should().Equal(ExpectedTree(removed: ["/docs"], added: ["/docs/"]));
    }
}
