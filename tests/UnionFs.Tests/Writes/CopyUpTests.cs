using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Writes;

/// <summary>Rules 5 and 6: writes land in the upper; a lower file is copied up whole, with its metadata.</summary>
[TestFixtureSource(typeof(Placements), nameof(Placements.All))]
public class CopyUpTests(Placement placement, BranchKind kind) : UnionTestBase(placement, kind)
{
    private static readonly DateTime OldWrite = new(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc);
    private const UnixFileMode Mode640 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;
    private const UnixFileMode Mode700 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    protected override Layout Layout => StandardLayout.Tree
        .With("/books/c", e => e with { LastWriteTimeUtc = OldWrite, UnixMode = Mode640 })
        .Plus("/books/")
        .With("/books", e => e with { UnixMode = Mode700 });

    private void ShouldBeInUpperAsFile(string path)
    {
        var entry = Upper.Stat(path);
        entry.Should().NotBeNull("{0} must be in the upper after a write", path);
        entry!.Kind.Should().Be(EntryKind.File);
    }

    [Test]
    public void AppendAllText_LowerFile_ShouldCopyUpOldDataAndAppend()
    {
        Fs.File.AppendAllText("/books/c", " + more");

        Fs.File.ReadAllText("/books/c").Should().Be("c book + more");
        ShouldBeInUpperAsFile("/books/c");
    }

    [Test]
    public void WriteAllText_LowerFile_ShouldReplaceContentInUpper()
    {
        Fs.File.WriteAllText("/books/c", "new");

        Fs.File.ReadAllText("/books/c").Should().Be("new");
        ShouldBeInUpperAsFile("/books/c");
    }

    [Test]
    public void WriteAllText_LowerFile_ShouldKeepUnixMode()
    {
        Fs.File.WriteAllText("/books/c", "new");

        Fs.File.GetUnixFileMode("/books/c").Should().Be(Mode640);
    }

    [Test]
    public void WriteAllText_LowerFile_ShouldSetNewLastWriteTime()
    {
        var before = DateTime.UtcNow.AddSeconds(-5);

        Fs.File.WriteAllText("/books/c", "new");

        Fs.File.GetLastWriteTimeUtc("/books/c").Should().BeAfter(before);
    }

    [Test]
    public void OpenForWriteWithoutWriting_LowerFile_ShouldCopyUpDataModeAndTime()
    {
        using (Fs.File.Open("/books/c", FileMode.Open, FileAccess.Write))
        {
        }

        ShouldBeInUpperAsFile("/books/c");
        Fs.File.ReadAllText("/books/c").Should().Be("c book");
        Fs.File.GetUnixFileMode("/books/c").Should().Be(Mode640);
        Fs.File.GetLastWriteTimeUtc("/books/c").Should().Be(OldWrite);
    }

    [Test]
    public void OpenTruncate_LowerFile_ShouldLeaveEmptyFileInUpper()
    {
        using (Fs.FileStream.New("/books/c", FileMode.Truncate, FileAccess.Write))
        {
        }

        Fs.FileInfo.New("/books/c").Length.Should().Be(0);
        ShouldBeInUpperAsFile("/books/c");
        Fs.File.GetUnixFileMode("/books/c").Should().Be(Mode640);
    }

    [Test]
    public void SetLength_LowerFile_ShouldTruncateCopy()
    {
        using (var stream = Fs.File.Open("/books/c", FileMode.Open, FileAccess.ReadWrite))
        {
            stream.SetLength(1);
        }

        Fs.File.ReadAllText("/books/c").Should().Be("c");
    }

    [Test]
    public void SetAttributes_LowerFile_ShouldCopyUpKeepingDataTimeAndMode()
    {
        Fs.File.SetAttributes("/books/c", FileAttributes.ReadOnly);

        ShouldBeInUpperAsFile("/books/c");
        Fs.File.GetAttributes("/books/c").Should().HaveFlag(FileAttributes.ReadOnly);
        Fs.File.ReadAllText("/books/c").Should().Be("c book");
        Fs.File.GetLastWriteTimeUtc("/books/c").Should().Be(OldWrite);
    }

    [Test]
    public void SetLastWriteTimeUtc_LowerFile_ShouldCopyUpKeepingDataAndMode()
    {
        var when = new DateTime(2020, 5, 6, 7, 8, 9, DateTimeKind.Utc);

        Fs.File.SetLastWriteTimeUtc("/books/c", when);

        ShouldBeInUpperAsFile("/books/c");
        Fs.File.GetLastWriteTimeUtc("/books/c").Should().Be(when);
        Fs.File.ReadAllText("/books/c").Should().Be("c book");
        Fs.File.GetUnixFileMode("/books/c").Should().Be(Mode640);
    }

    [Test]
    public void SetLastAccessTimeUtc_LowerFile_ShouldCopyUp()
    {
        var when = new DateTime(2019, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        Fs.File.SetLastAccessTimeUtc("/books/c", when);

        ShouldBeInUpperAsFile("/books/c");
        Fs.File.GetLastAccessTimeUtc("/books/c").Should().Be(when);
        Fs.File.GetLastWriteTimeUtc("/books/c").Should().Be(OldWrite);
    }

    [Test]
    public void SetUnixFileMode_LowerFile_ShouldCopyUpKeepingDataAndTime()
    {
        Fs.File.SetUnixFileMode("/books/c", UnixFileMode.UserRead);

        ShouldBeInUpperAsFile("/books/c");
        Fs.File.GetUnixFileMode("/books/c").Should().Be(UnixFileMode.UserRead);
        Fs.File.ReadAllText("/books/c").Should().Be("c book");
        Fs.File.GetLastWriteTimeUtc("/books/c").Should().Be(OldWrite);
    }

    [Test]
    public void WriteAllText_FileInLowerDirectory_ShouldCopyUpParentWithItsMode()
    {
        Fs.File.WriteAllText("/books/c", "new");

        var parent = Upper.Stat("/books");
        parent.Should().NotBeNull();
        parent!.IsDirectory.Should().BeTrue();
        parent.UnixMode.Should().Be(Mode700);
        Fs.File.GetUnixFileMode("/books").Should().Be(Mode700);
    }

    [Test]
    public void WriteAllText_NewFileInDeepLowerDirectory_ShouldCopyUpEveryMissingParent()
    {
        Fs.File.WriteAllText("/tree/x/y/new.txt", "n");

        Upper.Stat("/tree")!.IsDirectory.Should().BeTrue();
        Upper.Stat("/tree/x")!.IsDirectory.Should().BeTrue();
        Upper.Stat("/tree/x/y")!.IsDirectory.Should().BeTrue();
        Upper.Stat("/tree/x/y/new.txt")!.Kind.Should().Be(EntryKind.File);
        Fs.Directory.GetFiles("/tree/x/y").Should().BeEquivalentTo("/tree/x/y/new.txt", "/tree/x/y/z.txt");
    }

    [Test]
    public void WriteAllText_OneFile_ShouldNotCopyUpSiblings()
    {
        var before = BranchSnapshot.Paths(Upper);

        Fs.File.WriteAllText("/books/c", "new");

        var added = BranchSnapshot.Paths(Upper).Except(before).ToList();
        added.Should().NotContain(p => !p.StartsWith("/books ", StringComparison.Ordinal) && !p.StartsWith("/books/c ", StringComparison.Ordinal));
    }

    [Test]
    public void CreateDirectory_InsideLowerDirectory_ShouldCreateInUpperOnly()
    {
        Fs.Directory.CreateDirectory("/books/sub/new/deeper");

        Upper.Stat("/books/sub/new/deeper")!.IsDirectory.Should().BeTrue();
        Fs.Directory.GetDirectories("/books/sub").Should().Equal("/books/sub/new");
        Fs.File.ReadAllText("/books/sub/deep.txt").Should().Be("deep");
    }

    [Test]
    public void WriteAllBytes_NewFileAtRoot_ShouldLandInUpper()
    {
        Fs.File.WriteAllBytes("/new.bin", [1, 2, 3]);

        Upper.Stat("/new.bin")!.Length.Should().Be(3);
        Fs.File.ReadAllBytes("/new.bin").Should().Equal((byte)1, (byte)2, (byte)3);
    }

    [Test]
    public void AppendAllText_TwiceOnLowerFile_ShouldCopyUpOnlyOnce()
    {
        Fs.File.AppendAllText("/books/java", "1");
        Fs.File.AppendAllText("/books/java", "2");

        Fs.File.ReadAllText("/books/java").Should().Be("java book12");
    }

    [Test]
    public void WriteAllText_LowerFile_ShouldChangeOnlyThatFileInMergedTree()
    {
        Fs.File.WriteAllText("/computers/huawei", "mate");

        Tree().Should().Equal(ExpectedTree(removed: ["/computers/huawei"], added: ["/computers/huawei=mate"]));
    }
}
