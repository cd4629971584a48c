using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Lookup;

/// <summary>Rule 2: directories merge only with directories; a non-directory stops the search.</summary>
public class ConflictTests : FixtureTestBase
{
    private UnionFixture FileOverDirectory() => Stack(None, ["/conflict=file in l1"], ["/conflict/inner=inner in l2", "/conflict/more/x=x"]);

    private UnionFixture DirectoryOverFile() => Stack(None, ["/conflict/mine=l1"], ["/conflict=file in l2"]);

    [Test]
    public void ReadAllText_FileInTopLowerOverDirectory_ShouldReadFile()
    {
        var f = FileOverDirectory();

        f.Fs.File.ReadAllText("/conflict").Should().Be("file in l1");
        f.Fs.File.Exists("/conflict").Should().BeTrue();
        f.Fs.Directory.Exists("/conflict").Should().BeFalse();
    }

    [Test]
    public void ReadAllText_ChildOfFileThatHidesDirectory_ShouldThrowDirectoryNotFound()
    {
        var f = FileOverDirectory();

        Expect.DirectoryNotFound(() => f.Fs.File.ReadAllText("/conflict/inner"), "/conflict/inner");
    }

    [Test]
    public void Exists_ChildOfFileThatHidesDirectory_ShouldBeFalse()
    {
        var f = FileOverDirectory();

        f.Fs.File.Exists("/conflict/inner").Should().BeFalse();
        f.Fs.Directory.Exists("/conflict/more").Should().BeFalse();
    }

    [Test]
    public void GetFiles_FileThatHidesDirectory_ShouldThrowDirectoryNotFound()
    {
        var f = FileOverDirectory();

        Expect.DirectoryNotFound(() => f.Fs.Directory.GetFiles("/conflict"), "/conflict");
    }

    [Test]
    public void GetFileSystemEntries_Root_ShouldListConflictOnceAsFile()
    {
        var f = FileOverDirectory();

        f.Fs.Directory.GetFileSystemEntries("/").Should().Equal("/conflict");
        f.Fs.Directory.GetFiles("/").Should().Equal("/conflict");
        f.Fs.Directory.GetDirectories("/").Should().BeEmpty();
    }

    [Test]
    public void GetFiles_DirectoryInTopLowerOverFile_ShouldListOnlyTopContents()
    {
        var f = DirectoryOverFile();

        f.Fs.Directory.Exists("/conflict").Should().BeTrue();
        f.Fs.File.Exists("/conflict").Should().BeFalse();
        f.Fs.Directory.GetFileSystemEntries("/conflict").Should().Equal("/conflict/mine");
    }

    [Test]
    public void ReadAllText_DirectoryInTopLowerOverFile_ShouldThrowUnauthorizedAccess()
    {
        var f = DirectoryOverFile();

        Expect.AccessDenied(() => f.Fs.File.ReadAllText("/conflict"), "/conflict");
    }

    [Test]
    public void GetFiles_DirectoryBetweenFileAndDirectory_ShouldNotMergeAcrossTheFile()
    {
        // l1: dir, l2: file, l3: dir. The file in l2 stops the merge, so l3's contents stay hidden.
        var f = Stack(None, ["/d/one=1"], ["/d=file"], ["/d/three=3"]);

        f.Fs.Directory.GetFiles("/d").Should().Equal("/d/one");
        f.Fs.File.Exists("/d/three").Should().BeFalse();
    }

    [Test]
    public void ReadAllText_FileInUpperOverLowerDirectory_ShouldReadFile()
    {
        var f = Stack(["/x=upper file"], ["/x/inner=i"]);

        f.Fs.File.ReadAllText("/x").Should().Be("upper file");
        f.Fs.Directory.Exists("/x").Should().BeFalse();
        Expect.DirectoryNotFound(() => f.Fs.File.ReadAllText("/x/inner"), "/x/inner");
    }

    [Test]
    public void GetFiles_DirectoryInUpperOverLowerFile_ShouldListOnlyUpperContents()
    {
        var f = Stack(["/x/u=u"], ["/x=lower file"]);

        f.Fs.Directory.GetFiles("/x").Should().Equal("/x/u");
    }

    [Test]
    public void WriteAllText_IntoDirectoryThatHidesLowerFile_ShouldSucceed()
    {
        var f = DirectoryOverFile();

        f.Fs.File.WriteAllText("/conflict/new", "n");

        f.Fs.Directory.GetFiles("/conflict").Should().BeEquivalentTo("/conflict/mine", "/conflict/new");
        f.Upper.Stat("/conflict").Should().NotBeNull().And.Match<BranchEntry>(e => e.IsDirectory);
    }

    [Test]
    public void Delete_FileThatHidesLowerDirectory_ShouldLeaveWhiteoutAndHideBoth()
    {
        var f = FileOverDirectory();

        f.Fs.File.Delete("/conflict");

        f.Fs.File.Exists("/conflict").Should().BeFalse();
        f.Fs.Directory.Exists("/conflict").Should().BeFalse();
        f.Upper.Stat("/conflict")!.Kind.Should().Be(EntryKind.Whiteout);
    }
}
