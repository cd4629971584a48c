using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Writes;

/// <summary>Rule 10: renaming a file copies it up, moves it in the upper and whites out the old name if a lower has it.</summary>
[TestFixtureSource(typeof(Placements), nameof(Placements.AllWithDirectoryBranches))]
public class RenameFileTests(Placement placement, BranchKind kind) : UnionTestBase(placement, kind)
{
    private const UnixFileMode Mode600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private static readonly DateTime OldWrite = new(2003, 3, 3, 3, 3, 3, DateTimeKind.Utc);

    protected override Layout Layout => StandardLayout.Tree
        .With("/books/c", e => e with { UnixMode = Mode600, LastWriteTimeUtc = OldWrite });

    [Test]
    public void FileMove_LowerFileSameDirectory_ShouldShowContentAtNewNameOnly()
    {
        Fs.File.Move("/books/c", "/books/c2");

        Fs.File.ReadAllText("/books/c2").Should().Be("c book");
        Fs.File.Exists("/books/c").Should().BeFalse();
        Fs.Directory.GetFiles("/books").Should().BeEquivalentTo("/books/c2", "/books/golang", "/books/java");
    }

    [Test]
    public void FileMove_LowerFile_ShouldCopyUpAndWhiteOutOldName()
    {
        var expected = ExpectedUpperKindAfterDelete("/books/c");

        Fs.File.Move("/books/c", "/books/c2");

        UpperKind("/books/c2").Should().Be(EntryKind.File);
        UpperKind("/books/c").Should().Be(expected);
    }

    [Test]
    public void FileMove_LowerFile_ShouldKeepModeAndLastWriteTime()
    {
        Fs.File.Move("/books/c", "/c-moved");

        Fs.File.GetUnixFileMode("/c-moved").Should().Be(Mode600);
        Fs.File.GetLastWriteTimeUtc("/c-moved").Should().Be(OldWrite);
    }

    [Test]
    public void FileMove_IntoOtherLowerDirectory_ShouldCopyUpDestinationParent()
    {
        Fs.File.Move("/books/c", "/computers/c");

        Fs.Directory.GetFiles("/computers").Should().BeEquivalentTo("/computers/c", "/computers/huawei", "/computers/macpro");
        UpperKind("/computers").Should().Be(EntryKind.Directory);
        UpperKind("/computers/c").Should().Be(EntryKind.File);
    }

    [Test]
    public void FileMove_IntoNewDirectory_ShouldWork()
    {
        Fs.Directory.CreateDirectory("/archive/2024");

        Fs.File.Move("/tree/x/y/z.txt", "/archive/2024/z.txt");

        Fs.File.ReadAllText("/archive/2024/z.txt").Should().Be("z");
        Fs.Directory.GetFiles("/tree/x/y").Should().BeEmpty();
    }

    [Test]
    public void FileMove_OverwriteLowerFile_ShouldReplaceDestination()
    {
        Fs.File.Move("/books/c", "/books/java", overwrite: true);

        Fs.File.ReadAllText("/books/java").Should().Be("c book");
        Fs.File.Exists("/books/c").Should().BeFalse();
        Fs.Directory.GetFiles("/books").Should().BeEquivalentTo("/books/golang", "/books/java");
    }

    [Test]
    public void FileMove_ThereAndBack_ShouldRestoreFileInUpper()
    {
        Fs.File.Move("/books/c", "/books/c2");

        Fs.File.Move("/books/c2", "/books/c");

        Fs.File.ReadAllText("/books/c").Should().Be("c book");
        Fs.File.Exists("/books/c2").Should().BeFalse();
        UpperKind("/books/c").Should().Be(EntryKind.File);
        Fs.Directory.GetFiles("/books").Should().BeEquivalentTo("/books/c", "/books/golang", "/books/java");
    }

    [Test]
    public void FileMove_ChainAcrossDirectories_ShouldEndWithOneCopy()
    {
        Fs.File.Move("/docs/a.txt", "/books/a.txt");
        Fs.File.Move("/books/a.txt", "/tree/x/a.txt");

        Fs.File.ReadAllText("/tree/x/a.txt").Should().Be("a");
        Fs.Directory.GetFiles("/", "a.txt", SearchOption.AllDirectories).Should().Equal("/tree/x/a.txt");
    }

    [Test]
    public void FileInfoMoveTo_LowerFile_ShouldUpdateInfoAndMergedView()
    {
        var info = Fs.FileInfo.New("/README.txt");

        info.MoveTo("/docs/README.txt");

        info.FullName.Should().Be("/docs/README.txt");
        Fs.File.ReadAllText("/docs/README.txt").Should().Be("readme");
        Fs.File.Exists("/README.txt").Should().BeFalse();
    }

    [Test]
    public void FileMove_LowerFile_ShouldChangeOnlyThosePathsInTree()
    {
        Fs.File.Move("/computers/macpro", "/computers/mac");

        Tree().Should().Equal(ExpectedTree(removed: ["/computers/macpro"], added: ["/computers/mac=macpro"]));
    }
}
