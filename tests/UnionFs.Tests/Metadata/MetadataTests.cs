using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Metadata;

/// <summary>Times, attributes and Unix modes round-trip through the union.</summary>
[TestFixtureSource(typeof(Placements), nameof(Placements.All))]
public class MetadataTests(Placement placement, BranchKind kind) : UnionTestBase(placement, kind)
{
    private static readonly DateTime When = new(2015, 6, 7, 8, 9, 10, DateTimeKind.Utc);

    [Test]
    public void SetLastWriteTimeUtc_File_ShouldRoundTrip()
    {
        Fs.File.SetLastWriteTimeUtc("/docs/a.txt", When);

        Fs.File.GetLastWriteTimeUtc("/docs/a.txt").Should().Be(When);
        Fs.FileInfo.New("/docs/a.txt").LastWriteTimeUtc.Should().Be(When);
    }

    [Test]
    public void SetLastWriteTime_Local_ShouldMatchUtc()
    {
        var local = When.ToLocalTime();

        Fs.File.SetLastWriteTime("/docs/a.txt", local);

        Fs.File.GetLastWriteTimeUtc("/docs/a.txt").Should().Be(When);
        Fs.File.GetLastWriteTime("/docs/a.txt").Should().Be(local);
    }

    [Test]
    public void SetLastAccessTimeUtc_File_ShouldRoundTrip()
    {
        Fs.File.SetLastAccessTimeUtc("/docs/a.txt", When);

        Fs.File.GetLastAccessTimeUtc("/docs/a.txt").Should().Be(When);
    }

    [Test]
    public void SetLastWriteTimeUtc_LowerDirectory_ShouldRoundTrip()
    {
        Fs.Directory.SetLastWriteTimeUtc("/computers", When);

        Fs.Directory.GetLastWriteTimeUtc("/computers").Should().Be(When);
        UpperKind("/computers").Should().Be(EntryKind.Directory);
    }

    [Test]
    public void FileInfoLastWriteTimeUtc_Set_ShouldPersist()
    {
        var info = Fs.FileInfo.New("/books/golang");

        info.LastWriteTimeUtc = When;

        Fs.FileInfo.New("/books/golang").LastWriteTimeUtc.Should().Be(When);
    }

    [Test]
    public void SetAttributes_ReadOnly_ShouldRoundTripAndClear()
    {
        Fs.File.SetAttributes("/docs/b.txt", FileAttributes.ReadOnly);
        Fs.File.GetAttributes("/docs/b.txt").Should().HaveFlag(FileAttributes.ReadOnly);

        Fs.File.SetAttributes("/docs/b.txt", FileAttributes.Normal);
        Fs.File.GetAttributes("/docs/b.txt").Should().NotHaveFlag(FileAttributes.ReadOnly);
    }

    [Test]
    public void GetAttributes_Directory_ShouldHaveDirectoryFlag()
    {
        Fs.File.GetAttributes("/books").Should().HaveFlag(FileAttributes.Directory);
        Fs.File.GetAttributes("/books/c").Should().NotHaveFlag(FileAttributes.Directory);
    }

    [Test]
    public void GetAttributes_DotFile_ShouldBeHiddenAsOnLinux()
    {
        Fs.File.GetAttributes("/docs/.hidden").Should().HaveFlag(FileAttributes.Hidden);
        Fs.File.GetAttributes("/docs/a.txt").Should().NotHaveFlag(FileAttributes.Hidden);
    }

    [Test]
    public void GetAttributes_SymbolicLink_ShouldHaveReparsePoint()
    {
        Fs.File.GetAttributes("/links/to-c").Should().HaveFlag(FileAttributes.ReparsePoint);
    }

    [Test]
    public void SetUnixFileMode_File_ShouldRoundTrip()
    {
        const UnixFileMode mode = UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.OtherRead;

        Fs.File.SetUnixFileMode("/docs/c.md", mode);

        Fs.File.GetUnixFileMode("/docs/c.md").Should().Be(mode);
        Fs.FileInfo.New("/docs/c.md").UnixFileMode.Should().Be(mode);
    }

    [Test]
    public void SetUnixFileMode_LowerDirectory_ShouldRoundTripAndKeepContents()
    {
        const UnixFileMode mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

        Fs.File.SetUnixFileMode("/docs", mode);

        Fs.File.GetUnixFileMode("/docs").Should().Be(mode);
        Fs.Directory.GetFiles("/docs", "*.txt").Should().HaveCount(3);
    }

    [Test]
    public void WriteAllText_NewFile_ShouldGetDefaultMode644()
    {
        Fs.File.WriteAllText("/new.txt", "n");

        Fs.File.GetUnixFileMode("/new.txt").Should().Be(EntryMetadata.DefaultFileMode);
    }

    [Test]
    public void CreateDirectory_New_ShouldGetDefaultMode755()
    {
        Fs.Directory.CreateDirectory("/new-dir");

        Fs.File.GetUnixFileMode("/new-dir").Should().Be(EntryMetadata.DefaultDirectoryMode);
    }

    [Test]
    public void WriteAllText_NewFile_ShouldHaveCurrentTimes()
    {
        var before = DateTime.UtcNow.AddSeconds(-5);

        Fs.File.WriteAllText("/new.txt", "n");

        Fs.File.GetLastWriteTimeUtc("/new.txt").Should().BeAfter(before).And.BeBefore(DateTime.UtcNow.AddSeconds(5));
    }

    [Test]
    public void FileInfo_Refresh_ShouldSeeChangesMadeThroughOtherMembers()
    {
        var info = Fs.FileInfo.New("/docs/ab.txt");
        info.Length.Should().Be(2);

        Fs.File.WriteAllText("/docs/ab.txt", "longer");
        info.Refresh();

        info.Length.Should().Be(6);
    }

    [Test]
    public void FileInfo_Lower_ShouldReportNameDirectoryAndLength()
    {
        var info = Fs.FileInfo.New("/books/sub/deep.txt");

        info.Exists.Should().BeTrue();
        info.Name.Should().Be("deep.txt");
        info.Extension.Should().Be(".txt");
        info.DirectoryName.Should().Be("/books/sub");
        info.Length.Should().Be(4);
    }

    [Test]
    public void DirectoryInfo_Lower_ShouldReportParentAndExists()
    {
        var info = Fs.DirectoryInfo.New("/tree/x/y");

        info.Exists.Should().BeTrue();
        info.Parent!.FullName.Should().Be("/tree/x");
        info.Root.FullName.Should().Be("/");
    }
}
