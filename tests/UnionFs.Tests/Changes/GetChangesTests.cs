using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Changes;

/// <summary><see cref="UnionFileSystem.GetChanges"/> reports the upper's changes like <c>docker diff</c>.</summary>
[TestFixtureSource(typeof(Placements), nameof(Placements.LowersOnly))]
public class GetChangesTests(Placement placement, BranchKind kind) : UnionTestBase(placement, kind)
{
    private static UnionChange A(string path) => new(path, ChangeKind.Added);

    private static UnionChange C(string path) => new(path, ChangeKind.Modified);

    private static UnionChange D(string path) => new(path, ChangeKind.Deleted);

    [Test]
    public void GetChanges_NothingWritten_ShouldBeEmpty()
    {
        Fs.File.ReadAllText("/books/c");

        Fs.GetChanges().Should().BeEmpty();
    }

    [Test]
    public void GetChanges_NewFileAtRoot_ShouldBeAdded()
    {
        Fs.File.WriteAllText("/new.txt", "n");

        Fs.GetChanges().Should().Equal(A("/new.txt"));
    }

    [Test]
    public void GetChanges_NewDirectoryTree_ShouldListDirectoryAndEverythingBelowAsAdded()
    {
        Fs.Directory.CreateDirectory("/fresh/a");
        Fs.File.WriteAllText("/fresh/a/b.txt", "b");
        Fs.File.WriteAllText("/fresh/c.txt", "c");

        Fs.GetChanges().Should().Equal(A("/fresh"), A("/fresh/a"), A("/fresh/a/b.txt"), A("/fresh/c.txt"));
    }

    [Test]
    public void GetChanges_ModifiedLowerFile_ShouldListParentAndFileAsModified()
    {
        Fs.File.AppendAllText("/books/c", "!");

        Fs.GetChanges().Should().Equal(C("/books"), C("/books/c"));
    }

    [Test]
    public void GetChanges_DeletedLowerFile_ShouldListParentModifiedAndFileDeleted()
    {
        Fs.File.Delete("/books/java");

        Fs.GetChanges().Should().Equal(C("/books"), D("/books/java"));
    }

    [Test]
    public void GetChanges_DeletedLowerTree_ShouldBeOneDeletedEntry()
    {
        Fs.Directory.Delete("/tree", recursive: true);

        Fs.GetChanges().Should().Equal(D("/tree"));
    }

    [Test]
    public void GetChanges_NewFileInLowerDirectory_ShouldListParentModifiedAndFileAdded()
    {
        Fs.File.WriteAllText("/tree/x/y/new.txt", "n");

        Fs.GetChanges().Should().Equal(C("/tree"), C("/tree/x"), C("/tree/x/y"), A("/tree/x/y/new.txt"));
    }

    [Test]
    public void GetChanges_MetadataChangeOnLowerFile_ShouldBeModified()
    {
        Fs.File.SetLastWriteTimeUtc("/README.txt", new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        Fs.GetChanges().Should().Equal(C("/README.txt"));
    }

    [Test]
    public void GetChanges_ManyChanges_ShouldBeSortedByPath()
    {
        Fs.File.WriteAllText("/zz.txt", "z");
        Fs.File.Delete("/README.txt");
        Fs.File.AppendAllText("/docs/b.txt", "!");
        Fs.File.WriteAllText("/aa.txt", "a");

        var changes = Fs.GetChanges();

        changes.Select(c => c.Path).Should().BeInAscendingOrder(StringComparer.Ordinal);
        changes.Should().Equal(D("/README.txt"), A("/aa.txt"), C("/docs"), C("/docs/b.txt"), A("/zz.txt"));
    }

    [Test]
    public void GetChanges_DeletedThenRecreatedFile_ShouldBeModified()
    {
        Fs.File.Delete("/README.txt");
        Fs.File.WriteAllText("/README.txt", "again");

        Fs.GetChanges().Should().Equal(C("/README.txt"));
    }

    [Test]
    public void GetChanges_AddedThenDeletedFile_ShouldBeEmpty()
    {
        Fs.File.WriteAllText("/temp.txt", "t");
        Fs.File.Delete("/temp.txt");

        Fs.GetChanges().Should().BeEmpty();
    }

    [Test]
    public void UnionChange_ToString_ShouldUseDockerDiffLetters()
    {
        A("/a").ToString().Should().Be("A /a");
        C("/c").ToString().Should().Be("C /c");
        D("/d").ToString().Should().Be("D /d");
    }
}
