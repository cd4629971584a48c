using UnionFs.Zio.Tests.Infrastructure;
using Zio;
using Zio.FileSystems;

namespace UnionFs.Zio.Tests;

/// <summary>
/// The seed scenarios (books, computers, sports) with Zio branches: a delete leaves an OCI whiteout in the Zio upper,
/// rmdir + mkdir makes an opaque directory, a write copies up; a second union over the same Zio file systems sees what
/// the first wrote; a ZioBranch and a DirectoryBranch over the same directory agree; the Zio lower is never written.
/// </summary>
public class ZioBranchSeedTests
{
    private MemoryFileSystem _upperFs = null!;
    private MemoryFileSystem _lowerFs = null!;
    private string _lowerFingerprint = null!;

    [SetUp]
    public void CreateLayers()
    {
        _upperFs = new MemoryFileSystem();
        _upperFs.CreateDirectory("/layer");
        _lowerFs = new MemoryFileSystem();
        _lowerFs.CreateDirectory("/base");
        Layers.Fill(_lowerFs, "/base", Layers.Lower);
        _lowerFingerprint = Fingerprint.Of(_lowerFs, "/base", accessTimes: false);
    }

    [TearDown]
    public void CheckLower()
    {
        Fingerprint.Of(_lowerFs, "/base", accessTimes: false).Should().Be(_lowerFingerprint, "a lower branch is never written");
        _upperFs.Dispose();
        _lowerFs.Dispose();
    }

    private UnionFileSystem NewUnion() => new(new ZioBranch(_upperFs, "/layer"), new ZioBranch(_lowerFs, "/base"));

    [Test]
    public void DeleteLowerFile_ShouldLeaveOciWhiteoutInZioUpper()
    {
        var fs = NewUnion();

        fs.File.Delete("/computers/huawei");

        fs.File.Exists("/computers/huawei").Should().BeFalse();
        _upperFs.FileExists("/layer/computers/.wh.huawei").Should().BeTrue();
        _upperFs.FileExists("/layer/computers/huawei").Should().BeFalse();
        fs.Directory.GetFiles("/computers").Should().Equal("/computers/macpro");
        fs.GetChanges().Should().Contain(new UnionChange("/computers/huawei", ChangeKind.Deleted));
    }

    [Test]
    public void DeleteLowerDirectoryThenCreateIt_ShouldBeOpaque()
    {
        var fs = NewUnion();

        fs.Directory.Delete("/sports", recursive: true);
        fs.Directory.CreateDirectory("/sports");
        fs.File.WriteAllText("/sports/chess", "chess");

        fs.Directory.GetFileSystemEntries("/sports").Should().Equal("/sports/chess");
        _upperFs.FileExists("/layer/sports/.wh..wh..opq").Should().BeTrue();
        var zio = fs.AsZio();
        zio.EnumeratePaths("/sports").Should().Equal(new UPath("/sports/chess"));
    }

    [Test]
    public void WriteLowerFile_ShouldCopyUpIntoZioUpper()
    {
        var fs = NewUnion();

        fs.File.AppendAllText("/books/java", ", 2nd edition");

        fs.File.ReadAllText("/books/java").Should().Be("Java, 2nd edition");
        _upperFs.ReadAllText("/layer/books/java").Should().Be("Java, 2nd edition");
        _lowerFs.ReadAllText("/base/books/java").Should().Be("Java");
        _upperFs.EnumeratePaths("/layer", "*", SearchOption.AllDirectories, SearchTarget.Both).Select(p => p.FullName)
            .Should().BeEquivalentTo(["/layer/books", "/layer/books/java"], "only the file and its parent are copied up; the work area is gone");
    }

    [Test]
    public void SecondUnionOverSameZioUpper_ShouldSeeFirstUnionsWhiteoutsAndOpaqueDirectories()
    {
        var first = NewUnion();
        first.File.Delete("/computers/huawei");
        first.Directory.Delete("/sports", recursive: true);
        first.Directory.CreateDirectory("/sports");
        first.File.WriteAllText("/books/java", "Java 21");
        first.Directory.Delete("/docs/guide", recursive: true);
        first.File.Move("/README.txt", "/docs/README.txt");

        var second = NewUnion();

        second.ToTree("/").Should().Be(first.ToTree("/"));
        second.File.Exists("/computers/huawei").Should().BeFalse();
        second.Directory.GetFileSystemEntries("/sports").Should().BeEmpty();
        second.File.ReadAllText("/books/java").Should().Be("Java 21");
        second.Directory.Exists("/docs/guide").Should().BeFalse();
        second.File.Exists("/README.txt").Should().BeFalse();
        second.GetChanges().Should().Equal(first.GetChanges());
    }

    [Test]
    public void ZioBranchAndDirectoryBranch_OverSameDirectory_ShouldAgree()
    {
        var directory = Directory.CreateTempSubdirectory("unionfs-zio-agree-").FullName;
        try
        {
            using var physical = new PhysicalFileSystem();
            var root = physical.ConvertPathFromInternal(directory);
            var viaZio = new UnionFileSystem(new ZioBranch(physical, root), new ZioBranch(_lowerFs, "/base"));
            viaZio.File.Delete("/computers/huawei");
            viaZio.Directory.Delete("/sports", recursive: true);
            viaZio.Directory.CreateDirectory("/sports");
            viaZio.File.WriteAllText("/books/java", "Java 21");

            var viaDirectory = new UnionFileSystem(new DirectoryBranch(new System.IO.Abstractions.FileSystem(), directory), new ZioBranch(_lowerFs, "/base"));
            viaDirectory.ToTree("/").Should().Be(viaZio.ToTree("/"));
            File.Exists(Path.Combine(directory, "computers", ".wh.huawei")).Should().BeTrue();
            File.Exists(Path.Combine(directory, "sports", ".wh..wh..opq")).Should().BeTrue();

            // And back: what the DirectoryBranch writes, the ZioBranch reads.
            viaDirectory.File.Delete("/books/c");
            viaDirectory.Directory.Delete("/docs", recursive: true);
            var again = new UnionFileSystem(new ZioBranch(physical, root), new ZioBranch(_lowerFs, "/base"));
            again.ToTree("/").Should().Be(viaDirectory.ToTree("/"));
            again.File.Exists("/books/c").Should().BeFalse();
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Test]
    public void ReadOnlyUnionOverZioLowers_ShouldShowSeedTree()
    {
        var fs = UnionFileSystem.ReadOnly(new ZioBranch(_lowerFs, "/base"));

        fs.File.ReadAllText("/books/c").Should().Be("The C Programming Language");
        var write = () => fs.File.WriteAllText("/books/c", "x");
        write.Should().Throw<IOException>().Which.HResult.Should().Be(0x1E);
    }
}
