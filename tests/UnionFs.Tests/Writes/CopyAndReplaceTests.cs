using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Writes;

/// <summary>File.Copy and File.Replace over the merged view.</summary>
[TestFixtureSource(typeof(Placements), nameof(Placements.All))]
public class CopyAndReplaceTests(Placement placement, BranchKind kind) : UnionTestBase(placement, kind)
{
    private const UnixFileMode Mode640 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;

    protected override Layout Layout => StandardLayout.Tree.With("/books/c", e => e with { UnixMode = Mode640 });

    [Test]
    public void FileCopy_LowerFileToNewName_ShouldCreateCopyInUpper()
    {
        Fs.File.Copy("/books/c", "/books/c-copy");

        Fs.File.ReadAllText("/books/c-copy").Should().Be("c book");
        Fs.File.ReadAllText("/books/c").Should().Be("c book");
        UpperKind("/books/c-copy").Should().Be(EntryKind.File);
    }

    [Test]
    public void FileCopy_LowerFile_ShouldCopyUnixMode()
    {
        Fs.File.Copy("/books/c", "/c-copy");

        Fs.File.GetUnixFileMode("/c-copy").Should().Be(Mode640);
    }

    [Test]
    public void FileCopy_OverwriteLowerFile_ShouldReplaceDestination()
    {
        Fs.File.Copy("/books/c", "/books/java", overwrite: true);

        Fs.File.ReadAllText("/books/java").Should().Be("c book");
        UpperKind("/books/java").Should().Be(EntryKind.File);
    }

    [Test]
    public void FileCopy_OntoExistingWithoutOverwrite_ShouldThrowExistsAndKeepDestination()
    {
        Expect.Io(() => Fs.File.Copy("/books/c", "/books/java"), HResults.Exists, "/books/java");

        Fs.File.ReadAllText("/books/java").Should().Be("java book");
    }

    [Test]
    public void FileCopy_OntoDirectory_ShouldThrowTargetIsDirectory()
    {
        Expect.Io(() => Fs.File.Copy("/books/c", "/computers"), HResults.DotNetIo, "/computers");
    }

    [Test]
    public void FileCopy_MissingSource_ShouldThrowFileNotFound()
    {
        Expect.FileNotFound(() => Fs.File.Copy("/books/none", "/books/x"), "/books/none");
    }

    [Test]
    public void FileInfoCopyTo_LowerFile_ShouldReturnInfoOfCopy()
    {
        var copy = Fs.FileInfo.New("/docs/a.txt").CopyTo("/docs/a2.txt");

        copy.FullName.Should().Be("/docs/a2.txt");
        copy.Length.Should().Be(1);
        Fs.File.ReadAllText("/docs/a2.txt").Should().Be("a");
    }

    [Test]
    public void FileCopy_ThroughSymbolicLink_ShouldCopyTargetData()
    {
        Fs.File.Copy("/links/to-c", "/copied");

        Fs.FileInfo.New("/copied").LinkTarget.Should().BeNull();
        Fs.File.ReadAllText("/copied").Should().Be("c book");
    }

    [Test]
    public void FileReplace_WithBackup_ShouldSwapContentAndRemoveSource()
    {
        var expected = ExpectedUpperKindAfterDelete("/books/c");

        Fs.File.Replace("/books/c", "/books/java", "/books/java.bak");

        Fs.File.ReadAllText("/books/java").Should().Be("c book");
        Fs.File.ReadAllText("/books/java.bak").Should().Be("java book");
        Fs.File.Exists("/books/c").Should().BeFalse();
        UpperKind("/books/c").Should().Be(expected);
    }

    [Test]
    public void FileReplace_WithoutBackup_ShouldReplaceDestination()
    {
        Fs.File.Replace("/books/c", "/books/java", null);

        Fs.File.ReadAllText("/books/java").Should().Be("c book");
        Fs.Directory.GetFiles("/books").Should().BeEquivalentTo("/books/golang", "/books/java");
    }

    [Test]
    public void FileReplace_MissingDestination_ShouldThrowFileNotFound()
    {
        Action act = () => Fs.File.Replace("/books/c", "/books/none", null);

        act.Should().ThrowExactly<FileNotFoundException>().Which.HResult.Should().Be(HResults.FileNotFound);
        Fs.File.ReadAllText("/books/c").Should().Be("c book");
    }

    [Test]
    public void FileReplace_MissingSource_ShouldThrowFileNotFound()
    {
        Expect.FileNotFound(() => Fs.File.Replace("/books/none", "/books/java", null), "/books/none");
    }
}
