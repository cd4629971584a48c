using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Errors;

/// <summary>Rule 13: any write to a read-only union throws IOException with EROFS (0x1E) and changes nothing.</summary>
[TestFixtureSource(typeof(Placements), nameof(Placements.LowersOnly))]
public class ReadOnlyUnionTests(Placement placement, BranchKind kind) : UnionTestBase(placement, kind)
{
    private UnionFileSystem _ro = null!;
    private IReadOnlyList<string> _before = [];

    [SetUp]
    public void MakeReadOnlyUnion()
    {
        _ro = Fixture.ReadOnlyUnion();
        _before = TreeDump.Of(_ro);
    }

    public static IEnumerable<TestCaseData> Writes()
    {
        static TestCaseData Case(string name, string? path, Action<IFileSystem> write) =>
            new TestCaseData(write, path).SetArgDisplayNames(name);

        var when = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        yield return Case("WriteAllText new", "/new.txt", fs => fs.File.WriteAllText("/new.txt", "x"));
        yield return Case("WriteAllText existing", "/books/c", fs => fs.File.WriteAllText("/books/c", "x"));
        yield return Case("AppendAllText", "/books/c", fs => fs.File.AppendAllText("/books/c", "x"));
        yield return Case("WriteAllBytes", "/books/java", fs => fs.File.WriteAllBytes("/books/java", [1]));
        yield return Case("Open ReadWrite", "/books/c", fs => fs.File.Open("/books/c", FileMode.Open, FileAccess.ReadWrite).Dispose());
        yield return Case("Open Write", "/books/c", fs => fs.File.Open("/books/c", FileMode.Open, FileAccess.Write).Dispose());
        yield return Case("FileStream Create", "/x", fs => fs.FileStream.New("/x", FileMode.Create).Dispose());
        yield return Case("FileStream Truncate", "/books/c", fs => fs.FileStream.New("/books/c", FileMode.Truncate).Dispose());
        yield return Case("Create", "/created", fs => fs.File.Create("/created").Dispose());
        yield return Case("Delete", "/books/c", fs => fs.File.Delete("/books/c"));
        yield return Case("CreateDirectory", "/newdir", fs => fs.Directory.CreateDirectory("/newdir"));
        yield return Case("CreateDirectory nested", "/books/sub/new", fs => fs.Directory.CreateDirectory("/books/sub/new"));
        yield return Case("Directory.Delete empty", "/empty", fs => fs.Directory.Delete("/empty"));
        yield return Case("SetAttributes", "/books/c", fs => fs.File.SetAttributes("/books/c", FileAttributes.ReadOnly));
        yield return Case("SetLastWriteTimeUtc", "/books/c", fs => fs.File.SetLastWriteTimeUtc("/books/c", when));
        yield return Case("SetLastAccessTimeUtc", "/books/c", fs => fs.File.SetLastAccessTimeUtc("/books/c", when));
        yield return Case("Directory.SetLastWriteTimeUtc", "/books", fs => fs.Directory.SetLastWriteTimeUtc("/books", when));
        yield return Case("SetUnixFileMode", "/books/c", fs => fs.File.SetUnixFileMode("/books/c", UnixFileMode.UserRead));
        yield return Case("Move", null, fs => fs.File.Move("/books/c", "/books/c2"));
        yield return Case("Copy", "/books/c2", fs => fs.File.Copy("/books/c", "/books/c2"));
        yield return Case("Replace", null, fs => fs.File.Replace("/books/c", "/books/java", null));
        yield return Case("Directory.Move", null, fs => fs.Directory.Move("/books", "/books2"));
        yield return Case("CreateSymbolicLink", "/lnk", fs => fs.File.CreateSymbolicLink("/lnk", "/books/c"));
        yield return Case("FileInfo.Delete", "/README.txt", fs => fs.FileInfo.New("/README.txt").Delete());
        yield return Case("DirectoryInfo.Create", "/made", fs => fs.DirectoryInfo.New("/made").Create());
    }

    [TestCaseSource(nameof(Writes))]
    public void Write_ReadOnlyUnion_ShouldThrowReadOnlyFileSystemAndChangeNothing(Action<IFileSystem> write, string? path)
    {
        Expect.Io(() => write(_ro), HResults.ReadOnlyFileSystem, path);

        TreeDump.Of(_ro).Should().Equal(_before);
    }

    [Test]
    public void DirectoryDeleteRecursive_ReadOnlyUnion_ShouldThrowIOExceptionAndChangeNothing()
    {
        // The kernel answers EROFS; .NET's recursive delete wraps it as 0x80131620 "Access ... denied".
        Action act = () => _ro.Directory.Delete("/books", recursive: true);

        act.Should().Throw<IOException>();
        TreeDump.Of(_ro).Should().Equal(_before);
    }

    [Test]
    public void FileDelete_DirectoryOnReadOnlyUnion_ShouldThrowReadOnlyFileSystem()
    {
        // unlink(2) checks for a read-only mount before it looks at what the name is.
        Expect.Io(() => _ro.File.Delete("/books"), HResults.ReadOnlyFileSystem, "/books");
        TreeDump.Of(_ro).Should().Equal(_before);
    }

    [Test]
    public void Reads_ReadOnlyUnion_ShouldWork()
    {
        _ro.File.ReadAllText("/books/c").Should().Be("c book");
        _ro.Directory.GetFiles("/docs", "*.txt").Should().HaveCount(3);
        _ro.File.ReadAllText("/links/to-c").Should().Be("c book");
        using var stream = _ro.FileStream.New("/books/c", FileMode.OpenOrCreate, FileAccess.Read);
        stream.ReadByte().Should().Be('c');
    }

    [Test]
    public void FileDelete_MissingOnReadOnlyUnion_ShouldDoNothing()
    {
        _ro.File.Delete("/books/missing");

        TreeDump.Of(_ro).Should().Equal(_before);
    }

    [Test]
    public void CreateDirectory_ExistingOnReadOnlyUnion_ShouldDoNothing()
    {
        _ro.Directory.CreateDirectory("/books");

        TreeDump.Of(_ro).Should().Equal(_before);
    }

    [Test]
    public void ReadErrors_ReadOnlyUnion_ShouldStillBeTheUsualOnes()
    {
        Expect.FileNotFound(() => _ro.File.ReadAllText("/books/missing"), "/books/missing");
    }

    [Test]
    public void GetChanges_ReadOnlyUnion_ShouldBeEmpty()
    {
        _ro.GetChanges().Should().BeEmpty();
    }
}
