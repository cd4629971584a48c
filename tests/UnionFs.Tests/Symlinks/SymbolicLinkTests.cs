using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Symlinks;

/// <summary>Symbolic links resolve inside the union: an absolute target means the union root (rule 14).</summary>
[TestFixtureSource(typeof(Placements), nameof(Placements.All))]
public class SymbolicLinkTests(Placement placement, BranchKind kind) : UnionTestBase(placement, kind)
{
    [Test]
    public void ReadAllText_LinkWithAbsoluteTarget_ShouldResolveFromUnionRoot()
    {
        Fs.File.ReadAllText("/links/to-c").Should().Be("c book");
    }

    [Test]
    public void ReadAllText_LinkWithRelativeTarget_ShouldResolveFromLinkDirectory()
    {
        Fs.File.ReadAllText("/links/rel-java").Should().Be("java book");
    }

    [Test]
    public void LinkTarget_ExistingLink_ShouldBeTargetAsWritten()
    {
        Fs.FileInfo.New("/links/to-c").LinkTarget.Should().Be("/books/c");
        Fs.FileInfo.New("/links/rel-java").LinkTarget.Should().Be("../books/java");
    }

    [Test]
    public void LinkTarget_RegularFile_ShouldBeNull()
    {
        Fs.FileInfo.New("/books/c").LinkTarget.Should().BeNull();
    }

    [Test]
    public void ResolveLinkTarget_RelativeLink_ShouldReturnFullUnionPath()
    {
        var target = Fs.File.ResolveLinkTarget("/links/rel-java", returnFinalTarget: false);

        target.Should().NotBeNull();
        target!.FullName.Should().Be("/books/java");
        target.Exists.Should().BeTrue();
    }

    [Test]
    public void ResolveLinkTarget_ChainWithFinalTarget_ShouldFollowEveryLink()
    {
        Fs.File.CreateSymbolicLink("/chain", "/links/to-c");

        Fs.File.ResolveLinkTarget("/chain", returnFinalTarget: true)!.FullName.Should().Be("/books/c");
        Fs.File.ResolveLinkTarget("/chain", returnFinalTarget: false)!.FullName.Should().Be("/links/to-c");
    }

    [Test]
    public void ResolveLinkTarget_RegularFile_ShouldBeNull()
    {
        Fs.File.ResolveLinkTarget("/books/c", returnFinalTarget: false).Should().BeNull();
    }

    [Test]
    public void CreateSymbolicLink_ToLowerFile_ShouldStoreLinkInUpper()
    {
        var link = Fs.File.CreateSymbolicLink("/my-link", "/books/golang");

        link.LinkTarget.Should().Be("/books/golang");
        Fs.File.ReadAllText("/my-link").Should().Be("go book");
        var entry = Upper.Stat("/my-link");
        entry!.Kind.Should().Be(EntryKind.SymbolicLink);
        entry.LinkTarget.Should().Be("/books/golang");
    }

    [Test]
    public void CreateSymbolicLink_OverExistingName_ShouldThrowExists()
    {
        Expect.Io(() => Fs.File.CreateSymbolicLink("/books/c", "/books/java"), HResults.Exists, "/books/c");

        Fs.File.ReadAllText("/books/c").Should().Be("c book");
    }

    [Test]
    public void DirectoryCreateSymbolicLink_ToMergedDirectory_ShouldListThroughLink()
    {
        Fs.Directory.CreateSymbolicLink("/shelf", "/books");

        Fs.Directory.GetFiles("/shelf").Should().BeEquivalentTo("/shelf/c", "/shelf/golang", "/shelf/java");
        Fs.File.ReadAllText("/shelf/sub/deep.txt").Should().Be("deep");
        Fs.Directory.Exists("/shelf").Should().BeTrue();
    }

    [Test]
    public void WriteAllText_ThroughLinkToLowerFile_ShouldCopyUpTargetAndKeepLink()
    {
        Fs.File.WriteAllText("/links/to-c", "written through link");

        Fs.File.ReadAllText("/books/c").Should().Be("written through link");
        Fs.FileInfo.New("/links/to-c").LinkTarget.Should().Be("/books/c");
        UpperKind("/books/c").Should().Be(EntryKind.File);
    }

    [Test]
    public void WriteAllText_ThroughDanglingLink_ShouldCreateTarget()
    {
        Fs.File.CreateSymbolicLink("/dangling", "/books/created-through-link");

        Fs.File.WriteAllText("/dangling", "x");

        Fs.File.ReadAllText("/books/created-through-link").Should().Be("x");
        Fs.FileInfo.New("/dangling").LinkTarget.Should().Be("/books/created-through-link");
    }

    [Test]
    public void Exists_DanglingLink_ShouldBeTrueAsOnLinux()
    {
        Fs.File.CreateSymbolicLink("/dangling", "/nothing/here");

        Fs.File.Exists("/dangling").Should().BeTrue();
    }

    [Test]
    public void ReadAllText_DanglingLink_ShouldThrowFileNotFound()
    {
        Fs.File.CreateSymbolicLink("/dangling", "/nothing");

        Expect.FileNotFound(() => Fs.File.ReadAllText("/dangling"), "/dangling");
    }

    [Test]
    public void ResolveLinkTarget_DanglingLinkFinal_ShouldReturnMissingTarget()
    {
        Fs.File.CreateSymbolicLink("/dangling", "/nothing");

        var target = Fs.File.ResolveLinkTarget("/dangling", returnFinalTarget: true);

        target!.FullName.Should().Be("/nothing");
        target.Exists.Should().BeFalse();
    }

    [Test]
    public void ReadAllText_LinkLoop_ShouldThrowTooManyLinks()
    {
        Fs.File.CreateSymbolicLink("/loop1", "/loop2");
        Fs.File.CreateSymbolicLink("/loop2", "/loop1");

        Expect.Io(() => Fs.File.ReadAllText("/loop1"), HResults.Loop, "/loop1");
    }

    [Test]
    public void WriteAllText_LinkLoop_ShouldThrowTooManyLinks()
    {
        Fs.File.CreateSymbolicLink("/loop1", "/loop2");
        Fs.File.CreateSymbolicLink("/loop2", "/loop1");

        Expect.Io(() => Fs.File.WriteAllText("/loop1", "x"), HResults.Loop, "/loop1");
    }

    [Test]
    public void ReadAllText_SelfLoop_ShouldThrowTooManyLinks()
    {
        Fs.File.CreateSymbolicLink("/self", "self");

        Expect.Io(() => Fs.File.ReadAllText("/self"), HResults.Loop, "/self");
    }

    [Test]
    public void ReadAllText_LinkEscapingWithDotDot_ShouldStayInsideUnion()
    {
        Fs.File.CreateSymbolicLink("/books/escape", "../../../../../../etc/hostname");

        Expect.FileNotFound(() => Fs.File.ReadAllText("/books/escape"), "/books/escape");
    }

    [Test]
    public void ReadAllText_LinkEscapingWithDotDot_ShouldFindUnionFileAtRootLevel()
    {
        Fs.File.CreateSymbolicLink("/books/sub/up", "../../../../README.txt");

        Fs.File.ReadAllText("/books/sub/up").Should().Be("readme");
    }

    [Test]
    public void ReadAllText_AbsoluteLinkToHostFile_ShouldNotReadHost()
    {
        Fs.File.CreateSymbolicLink("/host", "/etc/hostname");

        Expect.FileNotFound(() => Fs.File.ReadAllText("/host"), "/host");
    }

    [Test]
    public void ReadAllText_PathThroughDirectoryLink_ShouldResolveIntermediateLink()
    {
        Fs.Directory.CreateSymbolicLink("/tree/x/link-up", "..");

        Fs.File.ReadAllText("/tree/x/link-up/top.txt").Should().Be("t");
    }

    [Test]
    public void FileDelete_LinkToLowerFile_ShouldKeepTarget()
    {
        Fs.File.Delete("/links/rel-java");

        Fs.File.ReadAllText("/books/java").Should().Be("java book");
        Fs.Directory.GetFileSystemEntries("/links").Should().Equal("/links/to-c");
    }

    [Test]
    public void FileInfoCreateAsSymbolicLink_ShouldCreateLink()
    {
        var info = Fs.FileInfo.New("/made");

        info.CreateAsSymbolicLink("/README.txt");

        Fs.File.ReadAllText("/made").Should().Be("readme");
        Fs.FileInfo.New("/made").LinkTarget.Should().Be("/README.txt");
    }

    [Test]
    public void FileMove_SymbolicLinkWithAbsoluteTarget_ShouldMoveLinkItself()
    {
        Fs.File.Move("/links/to-c", "/to-c");

        Fs.FileInfo.New("/to-c").LinkTarget.Should().Be("/books/c");
        Fs.File.ReadAllText("/to-c").Should().Be("c book");
    }

    [Test]
    public void FileMove_RelativeLinkToRoot_ShouldResolveDotDotAtRootToRoot()
    {
        // "../books/java" seen from "/" is "/books/java": ".." never climbs above the union root.
        Fs.File.Move("/links/rel-java", "/rel-java");

        Fs.FileInfo.New("/rel-java").LinkTarget.Should().Be("../books/java");
        Fs.File.ReadAllText("/rel-java").Should().Be("java book");
    }

    [Test]
    public void SetLastWriteTimeUtc_Link_ShouldChangeTheLinkAndNotItsTarget()
    {
        // .NET sets times with utimensat(AT_SYMLINK_NOFOLLOW) and reads them with lstat: the link's own.
        var linkTime = new DateTime(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc);
        var targetTime = new DateTime(2002, 3, 4, 5, 6, 7, DateTimeKind.Utc);
        Fs.File.SetLastWriteTimeUtc("/books/c", targetTime);

        Fs.File.SetLastWriteTimeUtc("/links/to-c", linkTime);

        Fs.File.GetLastWriteTimeUtc("/links/to-c").Should().Be(linkTime);
        Fs.FileInfo.New("/links/to-c").LastWriteTimeUtc.Should().Be(linkTime);
        Fs.File.GetLastWriteTimeUtc("/books/c").Should().Be(targetTime);
        UpperKind("/links/to-c").Should().Be(EntryKind.SymbolicLink);
        Fs.File.ReadAllText("/links/to-c").Should().Be("c book");
    }

    [Test]
    public void SetLastWriteTimeUtc_DanglingLink_ShouldSucceed()
    {
        var when = new DateTime(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc);
        Fs.File.CreateSymbolicLink("/dangling", "nowhere");

        Fs.File.SetLastWriteTimeUtc("/dangling", when);

        Fs.File.GetLastWriteTimeUtc("/dangling").Should().Be(when);
        Fs.File.Exists("/nowhere").Should().BeFalse();
    }

    [Test]
    public void FileInfoLength_Link_ShouldBeTheLengthOfItsTargetPath()
    {
        // lstat's size: a link's size is its target path, not the target's data.
        Fs.FileInfo.New("/links/to-c").Length.Should().Be("/books/c".Length);
    }

    [Test]
    public void SetUnixFileMode_Link_ShouldChangeTheTarget()
    {
        Fs.File.SetUnixFileMode("/links/to-c", UnixFileMode.UserRead | UnixFileMode.UserWrite);

        Fs.File.GetUnixFileMode("/books/c").Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Fs.File.GetUnixFileMode("/links/to-c").Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [Test]
    public void GetUnixFileMode_DanglingLink_ShouldThrowFileNotFound()
    {
        Fs.File.CreateSymbolicLink("/dangling", "nowhere");

        Expect.FileNotFound(() => Fs.File.GetUnixFileMode("/dangling"), "/dangling");
        Fs.File.GetAttributes("/dangling").Should().Be(FileAttributes.ReparsePoint);
    }

    [Test]
    public void GetFiles_ThroughLinkLoop_ShouldStopWhereTheKernelWouldStopFollowingLinks()
    {
        // .NET opens each subdirectory by its whole path: the 41st link on it no longer resolves (ELOOP), so
        // that link is listed as a file and not entered.
        Fs.Directory.CreateDirectory("/deep/er");
        Fs.File.WriteAllText("/deep/er/f", "f");
        Fs.Directory.CreateSymbolicLink("/deep/er/loop", "..");

        var loops = Fs.Directory.GetFiles("/deep", "loop", SearchOption.AllDirectories);
        var directories = Fs.Directory.GetDirectories("/deep", "*", SearchOption.AllDirectories);
        var viaLink = Fs.Directory.GetFileSystemEntries("/deep/er/loop", "*", SearchOption.AllDirectories);

        loops.Should().ContainSingle().Which.Split("/loop").Should().HaveCount(42);
        directories.Should().HaveCount(81);
        Fs.Directory.GetFileSystemEntries("/deep", "*", SearchOption.AllDirectories).Should().HaveCount(123);
        viaLink.Should().HaveCount(120);
    }
}
