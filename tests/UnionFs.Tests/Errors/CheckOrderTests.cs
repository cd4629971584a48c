using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Errors;

/// <summary>
/// Rule 12, where the answer depends on the order of System.IO's own checks and on how it maps each kernel error
/// (FileSystem.Unix.cs): which name it looks at first, lstat or stat, and what a link loop or a missing directory
/// becomes. Expectations measured with .NET 10 on a Linux kernel overlay mount.
/// </summary>
[TestFixtureSource(typeof(Placements), nameof(Placements.All))]
public class CheckOrderTests(Placement placement, BranchKind kind) : UnionTestBase(placement, kind)
{
    private static readonly DateTime When = new(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc);

    private IReadOnlyList<string> _treeBefore = [];

    [SetUp]
    public void RememberTree() => _treeBefore = Tree();

    private void ShouldBeUnchanged() => Tree().Should().Equal(_treeBefore, "a failed call must not change the merged view");

    // ---- File.Move and Directory.Move ----

    [Test]
    public void FileMove_SourceDirectoryMissingWithOverwrite_ShouldThrowFileNotFoundForSource()
    {
        // .NET checks that the source is a file before it renames anything.
        Expect.FileNotFound(() => Fs.File.Move("/nodir/d.txt", "/books/new", overwrite: true), "/nodir/d.txt");
    }

    [Test]
    public void FileMove_LinkToDirectory_ShouldThrowFileNotFoundAndChangeNothing()
    {
        Fs.Directory.CreateSymbolicLink("/shelf", "books");
        _treeBefore = Tree();

        Expect.FileNotFound(() => Fs.File.Move("/shelf", "/shelf2"), "/shelf");
        Expect.FileNotFound(() => Fs.File.Move("/shelf", "/shelf2", overwrite: true), "/shelf");

        ShouldBeUnchanged();
    }

    [Test]
    public void FileMove_LinkLoop_ShouldMoveTheLink()
    {
        Fs.File.CreateSymbolicLink("/loop", "loop");

        Fs.File.Move("/loop", "/moved");

        Fs.FileInfo.New("/moved").LinkTarget.Should().Be("loop");
        Fs.File.Exists("/loop").Should().BeFalse();
    }

    [Test]
    public void FileMove_OntoOwnAncestorWithOverwrite_ShouldThrowNotEmpty()
    {
        // rename(2) onto an ancestor of the source is ENOTEMPTY, before any check of the kinds.
        Expect.Io(() => Fs.File.Move("/books/sub/deep.txt", "/books", overwrite: true), HResults.NotEmpty, "/books");

        ShouldBeUnchanged();
    }

    [Test]
    public void DirectoryMove_FileBelowItself_ShouldThrowDotNetIoException()
    {
        // rename(2) answers ENOTDIR (the destination's parent is the file); .NET words it as its own IOException.
        Expect.Io(() => Fs.Directory.Move("/books/c", "/books/c/z"), HResults.DotNetIo, "/books/c");

        ShouldBeUnchanged();
    }

    [Test]
    public void DirectoryMove_DirectoryIntoFile_ShouldThrowDotNetIoException()
    {
        Expect.Io(() => Fs.Directory.Move("/computers", "/README.txt/x"), HResults.DotNetIo, "/computers");

        ShouldBeUnchanged();
    }

    [Test]
    public void DirectoryMove_MissingOntoItself_ShouldThrowSourceAndDestinationMustDiffer()
    {
        Expect.Io(() => Fs.Directory.Move("/nodir/z", "/nodir/z"), HResults.DotNetIo, null)
            .Message.Should().Contain("must be different");
    }

    [Test]
    public void DirectoryMove_DestinationBelowLinkLoop_ShouldThrowLoopEvenForMissingSource()
    {
        Fs.File.CreateSymbolicLink("/loop", "loop");

        // rename(2) walks both parents before it looks for the source.
        Expect.Io(() => Fs.Directory.Move("/computers", "/loop/x"), HResults.Loop, null);
        Expect.Io(() => Fs.Directory.Move("/missing", "/loop/x"), HResults.Loop, null);
        Fs.Directory.Exists("/computers").Should().BeTrue();
    }

    [Test]
    public void DirectoryMove_LinkLoop_ShouldMoveTheLink()
    {
        Fs.File.CreateSymbolicLink("/loop", "loop");

        Fs.Directory.Move("/loop", "/moved");

        Fs.FileInfo.New("/moved").LinkTarget.Should().Be("loop");
    }

    [Test]
    public void DirectoryMove_OntoDanglingLink_ShouldThrowDestinationExists()
    {
        Fs.File.CreateSymbolicLink("/dangling", "nowhere");
        _treeBefore = Tree();

        Expect.Io(() => Fs.Directory.Move("/computers", "/dangling"), HResults.DotNetIo, "/dangling");

        ShouldBeUnchanged();
    }

    // ---- Directory.Delete, File.Delete ----

    [Test]
    public void DirectoryDelete_LinkLoop_ShouldThrowDirectoryNotFoundAndKeepTheLink()
    {
        Fs.File.CreateSymbolicLink("/loop", "loop");

        Expect.DirectoryNotFound(() => Fs.Directory.Delete("/loop"), "/loop");
        Expect.DirectoryNotFound(() => Fs.Directory.Delete("/loop", recursive: true), "/loop");

        Fs.FileInfo.New("/loop").LinkTarget.Should().Be("loop");
    }

    [Test]
    public void DirectoryDelete_BelowLinkLoop_ShouldThrowLoop()
    {
        Fs.File.CreateSymbolicLink("/loop", "loop");

        Expect.Io(() => Fs.Directory.Delete("/loop/x"), HResults.Loop, "/loop/x");
    }

    [Test]
    public void DirectoryDelete_LinkToNonEmptyDirectory_ShouldRemoveOnlyTheLink()
    {
        Fs.Directory.CreateSymbolicLink("/shelf", "books");

        Fs.Directory.Delete("/shelf");

        Fs.FileInfo.New("/shelf").Exists.Should().BeFalse();
        Fs.File.ReadAllText("/books/c").Should().Be("c book");
    }

    [Test]
    public void FileDelete_BelowDanglingLink_ShouldThrowDirectoryNotFound()
    {
        Fs.File.CreateSymbolicLink("/dangling", "nowhere");

        Expect.DirectoryNotFound(() => Fs.File.Delete("/dangling/x"), "/dangling/x");
    }

    // ---- opening through links ----

    [Test]
    public void Open_LinkWhoseTargetDirectoryIsAFile_ShouldThrowDirectoryNotFound()
    {
        // ENOTDIR on the way to the target: a missing directory, even though the link itself exists.
        Fs.File.CreateSymbolicLink("/lnk", "books/c/a");
        _treeBefore = Tree();

        Expect.DirectoryNotFound(() => Fs.File.Open("/lnk", FileMode.Open, FileAccess.ReadWrite).Dispose(), "/lnk");
        Expect.DirectoryNotFound(() => Fs.File.AppendAllText("/lnk", "x"), "/lnk");

        ShouldBeUnchanged();
    }

    [Test]
    public void Open_LinkWhoseTargetDirectoryIsMissing_ShouldThrowFileNotFound()
    {
        // ENOENT on the way to the target: the link's own directory exists, so the file is what is missing.
        Fs.File.CreateSymbolicLink("/lnk", "nodir/a");
        _treeBefore = Tree();

        Expect.FileNotFound(() => Fs.File.Open("/lnk", FileMode.Open, FileAccess.ReadWrite).Dispose(), "/lnk");
        Expect.FileNotFound(() => Fs.File.AppendAllText("/lnk", "x"), "/lnk");

        ShouldBeUnchanged();
    }

    // ---- Directory.CreateDirectory ----

    [Test]
    public void CreateDirectory_LinkLoop_ShouldThrowExists()
    {
        Fs.File.CreateSymbolicLink("/loop", "loop");

        Expect.Io(() => Fs.Directory.CreateDirectory("/loop"), HResults.Exists, "/loop");
    }

    [Test]
    public void CreateDirectory_LinkWhoseTargetDirectoryIsMissing_ShouldThrowExistsAndCreateNothing()
    {
        Fs.File.CreateSymbolicLink("/lnk", "nodir/a");
        _treeBefore = Tree();

        Expect.Io(() => Fs.Directory.CreateDirectory("/lnk"), HResults.Exists, "/lnk");

        ShouldBeUnchanged();
    }

    [Test]
    public void CreateDirectory_BelowLinkLoop_ShouldThrowLoop()
    {
        Fs.File.CreateSymbolicLink("/loop", "loop");

        Expect.Io(() => Fs.Directory.CreateDirectory("/loop/a/b"), HResults.Loop, "/loop/a/b");
    }

    [Test]
    public void CreateDirectory_BelowDanglingLink_ShouldThrowDirectoryNotFoundAndCreateNothing()
    {
        Fs.File.CreateSymbolicLink("/dangling", "nowhere");
        _treeBefore = Tree();

        Expect.DirectoryNotFound(() => Fs.Directory.CreateDirectory("/dangling/a/b"), "/dangling/a");

        ShouldBeUnchanged();
    }

    // ---- metadata ----

    [Test]
    public void SetLastWriteTimeUtc_LinkLoop_ShouldSetTheLinksOwnTime()
    {
        Fs.File.CreateSymbolicLink("/loop", "loop");

        Fs.File.SetLastWriteTimeUtc("/loop", When);

        Fs.File.GetLastWriteTimeUtc("/loop").Should().Be(When);
    }

    [Test]
    public void SetLastWriteTimeUtc_BelowMissingDirectory_ShouldThrowDirectoryNotFound()
    {
        Fs.File.CreateSymbolicLink("/dangling", "nowhere");

        Expect.DirectoryNotFound(() => Fs.File.SetLastWriteTimeUtc("/dangling/x", When), "/dangling/x");
    }

    [Test]
    public void GetLastWriteTimeUtc_BelowLinkLoop_ShouldThrowLoop()
    {
        Fs.File.CreateSymbolicLink("/loop", "loop");

        Expect.Io(() => Fs.File.GetLastWriteTimeUtc("/loop/x"), HResults.Loop, "/loop/x");
    }

    [Test]
    public void SetUnixFileMode_LinkLoop_ShouldThrowLoop()
    {
        Fs.File.CreateSymbolicLink("/loop", "loop");

        Expect.Io(() => Fs.File.SetUnixFileMode("/loop", UnixFileMode.UserRead), HResults.Loop, "/loop");
    }

    [Test]
    public void SetAttributes_ReadOnlyOnDanglingLink_ShouldThrowFileNotFound()
    {
        Fs.File.CreateSymbolicLink("/dangling", "nowhere");

        Expect.FileNotFound(() => Fs.File.SetAttributes("/dangling", FileAttributes.ReadOnly), "/dangling");
        Fs.File.SetAttributes("/dangling", FileAttributes.Normal);
    }

    [Test]
    public void GetAttributes_OwnerCannotRead_ShouldNotBeReadOnly()
    {
        // .NET calls a file read-only when its owner may read but not write it.
        Fs.File.SetUnixFileMode("/books/c", UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        Fs.File.GetAttributes("/books/c").Should().Be(FileAttributes.Normal);
    }

    [Test]
    public void SetAttributes_NormalWhenOwnerCannotRead_ShouldNotGiveWriteBack()
    {
        Fs.File.SetUnixFileMode("/books/c", UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        Fs.File.SetAttributes("/books/c", FileAttributes.Normal);

        Fs.File.GetUnixFileMode("/books/c").Should().Be(UnixFileMode.GroupRead | UnixFileMode.OtherRead);
    }

    // ---- File.Copy ----

    [Test]
    public void FileCopy_MissingSourceOntoDirectory_ShouldThrowFileNotFoundForSource()
    {
        Expect.FileNotFound(() => Fs.File.Copy("/books/missing", "/computers", overwrite: true), "/books/missing");
    }

    [Test]
    public void FileCopy_OntoItselfWithOverwrite_ShouldThrowSharingViolationAndKeepTheData()
    {
        // .NET holds the source open (shared) and then asks for the destination exclusively: the same file.
        Expect.Io(() => Fs.File.Copy("/books/c", "/books/c", overwrite: true), HResults.SharingViolation, "/books/c");
        Expect.Io(() => Fs.File.Copy("/links/to-c", "/books/c", overwrite: true), HResults.SharingViolation, "/books/c");

        Fs.File.ReadAllText("/books/c").Should().Be("c book");
        ShouldBeUnchanged();
    }

    [Test]
    public void FileCopy_OntoDirectoryWithOverwrite_ShouldThrowUnauthorizedAccess()
    {
        Expect.AccessDenied(() => Fs.File.Copy("/books/c", "/computers", overwrite: true), "/computers");

        ShouldBeUnchanged();
    }

    [Test]
    public void FileCopy_OntoDanglingLinkWithOverwrite_ShouldCreateTheTarget()
    {
        Fs.File.CreateSymbolicLink("/dangling", "books/created");

        Fs.File.Copy("/books/c", "/dangling", overwrite: true);

        Fs.File.ReadAllText("/books/created").Should().Be("c book");
        Fs.FileInfo.New("/dangling").LinkTarget.Should().Be("books/created");
    }

    // ---- File.Replace ----

    [Test]
    public void FileReplace_OntoItself_ShouldThrowSameFileAndKeepTheFile()
    {
        Expect.Io(() => Fs.File.Replace("/books/c", "/books/c", "/bak"), HResults.DotNetIo, "/books/c");
        Expect.Io(() => Fs.File.Replace("/books/c", "/books/c", null), HResults.DotNetIo, "/books/c");

        ShouldBeUnchanged();
    }

    [Test]
    public void FileReplace_DirectoryAsSourceOrDestination_ShouldThrowUnauthorizedAccess()
    {
        Expect.AccessDenied(() => Fs.File.Replace("/computers", "/books/c", null), "/computers");
        Expect.AccessDenied(() => Fs.File.Replace("/books/c", "/computers", "/bak"), "/computers");

        ShouldBeUnchanged();
    }

    [Test]
    public void FileReplace_SourceDirectoryMissing_ShouldThrowDirectoryNotFound()
    {
        Expect.DirectoryNotFound(() => Fs.File.Replace("/nodir/x", "/books/c", null), "/nodir/x");
    }

    [Test]
    public void FileReplace_DanglingLinkAsDestination_ShouldThrowFileNotFoundAndChangeNothing()
    {
        Fs.File.CreateSymbolicLink("/dangling", "nowhere");
        _treeBefore = Tree();

        var ex = Expect.FileNotFound(() => Fs.File.Replace("/books/c", "/dangling", null), "file");

        ex.FileName.Should().BeNull();
        ShouldBeUnchanged();
    }

    [Test]
    public void FileReplace_DanglingLinkAsDestinationWithBackup_ShouldBackUpTheLink()
    {
        Fs.File.CreateSymbolicLink("/dangling", "nowhere");

        Fs.File.Replace("/books/c", "/dangling", "/bak");

        Fs.File.ReadAllText("/dangling").Should().Be("c book");
        Fs.FileInfo.New("/bak").LinkTarget.Should().Be("nowhere");
        Fs.File.Exists("/books/c").Should().BeFalse();
    }

    [Test]
    public void FileReplace_BackupIsTheSource_ShouldLeaveTheSourceACopyOfTheDestination()
    {
        // The backup (a hard link on disk) takes the source's name; the final rename is then between two names of one file.
        Fs.File.Replace("/books/c", "/books/java", "/books/c");

        Fs.File.ReadAllText("/books/c").Should().Be("java book");
        Fs.File.ReadAllText("/books/java").Should().Be("java book");
    }

    [Test]
    public void FileReplace_BackupIsADirectory_ShouldThrowIsADirectoryAndChangeNothing()
    {
        Expect.Io(() => Fs.File.Replace("/books/c", "/books/java", "/computers"), HResults.IsADirectory, "/computers");

        ShouldBeUnchanged();
    }

    // ---- ResolveLinkTarget ----

    [Test]
    public void ResolveLinkTarget_FinalTargetBelowMissingDirectory_ShouldReturnTheMissingPath()
    {
        Fs.File.CreateSymbolicLink("/lnk", "nodir/a");

        var target = Fs.File.ResolveLinkTarget("/lnk", returnFinalTarget: true);

        target.Should().BeAssignableTo<IFileInfo>();
        target!.FullName.Should().Be("/nodir/a");
        target.Exists.Should().BeFalse();
    }

    [Test]
    public void ResolveLinkTarget_LinkToDirectory_ShouldReturnTheInfoKindOfTheCaller()
    {
        Fs.Directory.CreateSymbolicLink("/shelf", "books");

        Fs.File.ResolveLinkTarget("/shelf", returnFinalTarget: false).Should().BeAssignableTo<IFileInfo>()
            .Which.Exists.Should().BeFalse();
        Fs.Directory.ResolveLinkTarget("/links/to-c", returnFinalTarget: true).Should().BeAssignableTo<IDirectoryInfo>()
            .Which.Exists.Should().BeFalse();
    }

    [Test]
    public void ResolveLinkTarget_ThroughDirectoryLink_ShouldKeepThePathAsGiven()
    {
        Fs.Directory.CreateSymbolicLink("/shelf", "books");
        Fs.File.CreateSymbolicLink("/books/to-java", "java");

        Fs.File.ResolveLinkTarget("/shelf/to-java", returnFinalTarget: false)!.FullName.Should().Be("/shelf/java");
    }

    [Test]
    public void ResolveLinkTarget_FinalTargetOfLongChain_ShouldThrowDotNetIoExceptionPast40Links()
    {
        for (var i = 0; i < 41; i++) Fs.File.CreateSymbolicLink($"/l{i}", $"l{i + 1}");

        Fs.File.ResolveLinkTarget("/l1", returnFinalTarget: true)!.FullName.Should().Be("/l41");
        Expect.Io(() => Fs.File.ResolveLinkTarget("/l0", returnFinalTarget: true), HResults.DotNetIo, "/l0");
    }

    [Test]
    public void ResolveLinkTarget_MissingLink_ShouldThrowNotFoundOfTheCallersKind()
    {
        Expect.FileNotFound(() => Fs.File.ResolveLinkTarget("/books/missing", returnFinalTarget: false), "/books/missing");
        Expect.DirectoryNotFound(() => Fs.File.ResolveLinkTarget("/nodir/x", returnFinalTarget: false), "/nodir/x");
        Expect.DirectoryNotFound(() => Fs.Directory.ResolveLinkTarget("/books/missing", returnFinalTarget: false), "/books/missing");
    }
}
