using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Writes;

/// <summary>Rule 6: reads, stat and readlink never copy up; neither upper nor lowers change.</summary>
[TestFixtureSource(typeof(Placements), nameof(Placements.All))]
public class ReadNeverCopiesUpTests(Placement placement, BranchKind kind) : UnionTestBase(placement, kind)
{
    public static IEnumerable<TestCaseData> Reads()
    {
        static TestCaseData Case(string name, Action<IFileSystem> read) => new TestCaseData(read).SetArgDisplayNames(name);

        yield return Case("ReadAllText", fs => fs.File.ReadAllText("/books/c"));
        yield return Case("ReadAllBytes", fs => fs.File.ReadAllBytes("/books/java"));
        yield return Case("ReadAllLines", fs => fs.File.ReadAllLines("/README.txt"));
        yield return Case("ReadLines", fs => _ = fs.File.ReadLines("/README.txt").ToList());
        yield return Case("OpenRead", fs =>
        {
            using var s = fs.File.OpenRead("/books/c");
            s.ReadByte();
        });
        yield return Case("OpenText", fs =>
        {
            using var r = fs.File.OpenText("/books/c");
            r.ReadToEnd();
        });
        yield return Case("FileStreamOpenRead", fs =>
        {
            using var s = fs.FileStream.New("/books/c", FileMode.Open, FileAccess.Read);
            s.ReadByte();
        });
        yield return Case("OpenOrCreateRead", fs => fs.FileStream.New("/books/c", FileMode.OpenOrCreate, FileAccess.Read).Dispose());
        yield return Case("Exists", fs => fs.File.Exists("/books/c"));
        yield return Case("GetAttributes", fs => fs.File.GetAttributes("/books/c"));
        yield return Case("GetLastWriteTimeUtc", fs => fs.File.GetLastWriteTimeUtc("/books/c"));
        yield return Case("GetLastAccessTimeUtc", fs => fs.File.GetLastAccessTimeUtc("/books/c"));
        yield return Case("GetUnixFileMode", fs => fs.File.GetUnixFileMode("/books/c"));
        yield return Case("FileInfoLength", fs => _ = fs.FileInfo.New("/books/c").Length);
        yield return Case("GetFilesRecursive", fs => fs.Directory.GetFiles("/", "*", SearchOption.AllDirectories));
        yield return Case("DirectoryExists", fs => fs.Directory.Exists("/tree/x/y"));
        yield return Case("ResolveLinkTarget", fs => fs.File.ResolveLinkTarget("/links/to-c", returnFinalTarget: true));
        yield return Case("ReadThroughLink", fs => fs.File.ReadAllText("/links/rel-java"));
        yield return Case("LinkTarget", fs => _ = fs.FileInfo.New("/links/to-c").LinkTarget);
        yield return Case("DirectoryInfoEnumerate", fs => _ = fs.DirectoryInfo.New("/docs").EnumerateFileSystemInfos("*", SearchOption.AllDirectories).ToList());
        yield return Case("SetCurrentDirectory", fs => fs.Directory.SetCurrentDirectory("/tree/x"));
        yield return Case("CreateDirectoryExisting", fs => fs.Directory.CreateDirectory("/books/sub"));
        yield return Case("DeleteMissingFile", fs => fs.File.Delete("/books/missing"));
    }

    [TestCaseSource(nameof(Reads))]
    public void Read_AnyFixture_ShouldNotChangeUpper(Action<IFileSystem> read)
    {
        var before = Fixture.UpperSnapshot();

        read(Fs);

        Fixture.UpperSnapshot().Should().Equal(before);
    }

    [Test]
    public void ReadAllText_AllFiles_ShouldLeaveUpperEmptyWhenItStartedEmpty()
    {
        foreach (var file in Fs.Directory.GetFiles("/", "*", SearchOption.AllDirectories)) Fs.File.ReadAllBytes(file);

        if (Placement is Placement.Lower or Placement.SplitLowers)
        {
            BranchSnapshot.Paths(Upper).Should().BeEmpty();
        }
    }

    [Test]
    public void FileCopy_FromLowerFile_ShouldNotCopyUpSource()
    {
        var sourceBefore = Upper.Stat("/books/c");

        Fs.File.Copy("/books/c", "/c-copy");

        Upper.Stat("/books/c")?.Kind.Should().Be(sourceBefore?.Kind);
        Upper.Stat("/books/c")?.LastWriteTimeUtc.Should().Be(sourceBefore?.LastWriteTimeUtc);
        Fs.File.ReadAllText("/c-copy").Should().Be("c book");
    }
}
