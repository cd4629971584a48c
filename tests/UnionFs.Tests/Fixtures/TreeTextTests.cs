using System.Text;

namespace UnionFs.Tests.Fixtures;

/// <summary>Reading both text forms, writing them, and the exact text <see cref="TreeText"/> writes.</summary>
public class TreeTextTests
{
    private static readonly TreeTextOptions WithContents = new() { IncludeContents = true };
    private static readonly TreeTextOptions Indented = new() { Style = TreeTextStyle.Indented, IncludeContents = true };

    /// <summary>The branch's tree as sorted <c>path kind [content|target]</c> lines, independent of any text form.</summary>
    private static List<string> Listing(IBranch branch, string path = "/")
    {
        var lines = new List<string>();
        foreach (var entry in branch.List(path))
        {
            var child = path == "/" ? "/" + entry.Name : path + "/" + entry.Name;
            var detail = entry.Kind switch
            {
                EntryKind.File when entry.Length > 0 => " " + Read(branch, child),
                EntryKind.SymbolicLink => " " + entry.LinkTarget,
                EntryKind.Directory when entry.IsOpaque => " opaque",
                _ => string.Empty,
            };
            lines.Add($"{child} {entry.Kind}{detail}");
            if (entry.Kind == EntryKind.Directory) lines.AddRange(Listing(branch, child));
        }
        return lines;
    }

    private static string Read(IBranch branch, string path)
    {
        using var stream = branch.OpenRead(path);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    [Test]
    public void ToBranch_TreeOutputWithRootAndSummary_ShouldReadEntriesOnly()
    {
        var branch = TreeText.ToBranch("""
            .
            ├── books
            │   ├── c
            │   └── java
            ├── empty/
            └── README.txt

            2 directories, 3 files
            """);

        Listing(branch).Should().Equal(
            "/README.txt File",
            "/books Directory",
            "/books/c File",
            "/books/java File",
            "/empty Directory");
    }

    [Test]
    public void ToBranch_AsciiTree_ShouldReadLikeUnicode()
    {
        var branch = TreeText.ToBranch("""
            .
            |-- a
            |   |-- b
            |   `-- c
            `-- d
                `-- e
            """);

        Listing(branch).Should().Equal("/a Directory", "/a/b File", "/a/c File", "/d Directory", "/d/e File");
    }

    [Test]
    public void ToBranch_WindowsTreeA_ShouldReadLikeUnicode()
    {
        var branch = TreeText.ToBranch("""
            C:.
            +---a
            |   \---b
            \---c
            """);

        Listing(branch).Should().Equal("/a Directory", "/a/b File", "/c File");
    }

    [Test]
    public void ToBranch_TreeWithoutRootLine_ShouldStartAtTheFirstEntry()
    {
        var branch = TreeText.ToBranch("├── a\n└── b\n    └── c\n");

        Listing(branch).Should().Equal("/a File", "/b Directory", "/b/c File");
    }

    [Test]
    public void ToBranch_TreeWithNonBreakingSpacesAndTabs_ShouldReadDepthFromGroups()
    {
        var branch = TreeText.ToBranch(
            ".\n├── a\n│\u00a0\u00a0 ├── b\n│\t└── c\n└── d\n\t└── e\n\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0└── f\n");

        Listing(branch).Should().Equal("/a Directory", "/a/b File", "/a/c File", "/d Directory", "/d/e Directory", "/d/e/f File");
    }

    [Test]
    public void ToBranch_NarrowBarGroupsThenBlankGroups_ShouldInferTheNarrowWidth()
    {
        // Two-column groups: "│   ├── d" is a bar group and a blank group, not one four-column bar group.
        var branch = TreeText.ToBranch("""
            .
            ├── a
            │ ├── b
            │ └── c
            │   ├── d
            │   └── e
            └── f
            """);

        Listing(branch).Should().Equal("/a Directory", "/a/b File", "/a/c Directory", "/a/c/d File", "/a/c/e File", "/f File");
    }

    [Test]
    public void ToBranch_TreeMissingItsBars_ShouldCountBlankGroups()
    {
        var branch = TreeText.ToBranch("""
            .
            ├── a
                ├── b
                    └── c
                └── d
            └── e
            """);

        Listing(branch).Should().Equal("/a Directory", "/a/b Directory", "/a/b/c File", "/a/d File", "/e File");
    }

    [Test]
    public void ToBranch_TreeLosingLeadingBlanksUnderALastEntry_ShouldNestByTheRemainingBars()
    {
        // Exact output had "    ├── fishing", "    │   └── rod", "    └── running": the four leading blanks are gone.
        var branch = TreeText.ToBranch("""
            .
            ├── books
            │   └── c
            └── sports
            ├── fishing
            │   └── rod
            └── running
            """);

        Listing(branch).Should().Equal(
            "/books Directory", "/books/c File",
            "/sports Directory", "/sports/fishing Directory", "/sports/fishing/rod File", "/sports/running File");
    }

    [Test]
    public void ToBranch_TreeWithCommonMargin_ShouldIgnoreTheMargin()
    {
        var branch = TreeText.ToBranch("    .\n    ├── a\n    │   └── b\n    └── c\n");

        Listing(branch).Should().Equal("/a Directory", "/a/b File", "/c File");
    }

    [Test]
    public void ToBranch_TreeWithContentsLinksAndMarkers_ShouldCreateThem()
    {
        var branch = TreeText.ToBranch("""
            /
            ├── .wh.gone
            ├── etc/
            │   ├── .wh..wh..opq
            │   ├── hosts: 127.0.0.1 localhost\n
            │   └── mtab -> /proc/mounts
            └── empty:
            """);

        Listing(branch).Should().Equal(
            "/empty File",
            "/etc Directory opaque",
            "/etc/hosts File 127.0.0.1 localhost\n",
            "/etc/mtab SymbolicLink /proc/mounts",
            "/gone Whiteout");
    }

    [Test]
    public void ToBranch_Indented_ShouldReadDirectoriesContentsAndLinks()
    {
        var branch = TreeText.ToBranch("""
            books/
              c: K&R\nsecond edition
              java
            empty/
            link -> books/c
            notes
              inner: x
            """);

        Listing(branch).Should().Equal(
            "/books Directory",
            "/books/c File K&R\nsecond edition",
            "/books/java File",
            "/empty Directory",
            "/link SymbolicLink books/c",
            "/notes Directory",
            "/notes/inner File x");
    }

    [TestCase("a/\n    b\n    c/\n        d\ne\n", TestName = "ToBranch_IndentedByFour_ShouldNest")]
    [TestCase("a/\n\tb\n\tc/\n\t\td\ne\n", TestName = "ToBranch_IndentedByTabs_ShouldNest")]
    [TestCase("  a/\n    b\n    c/\n      d\n  e\n", TestName = "ToBranch_IndentedWithMargin_ShouldNestFromTheFirstLine")]
    [TestCase("a/\r\n  b\r\n  c/\r\n    d\r\ne\r\n", TestName = "ToBranch_IndentedWithCrLf_ShouldNest")]
    public void ToBranch_IndentedConsistently_ShouldNest(string text)
    {
        Listing(TreeText.ToBranch(text)).Should().Equal("/a Directory", "/a/b File", "/a/c Directory", "/a/c/d File", "/e File");
    }

    [Test]
    public void ToBranch_EscapedNames_ShouldKeepSeparatorsLiterally()
    {
        var branch = TreeText.ToBranch("a\\: b: content\nc \\-> d\n\\.wh.real\n\\ lead\ntrail\\ \nC:\\data\n");

        Listing(branch).Should().Equal(
            "/ lead File",
            "/.wh.real File",
            "/C:\\data File",
            "/a: b File content",
            "/c -> d File",
            "/trail  File");
    }

    [Test]
    public void ToBranch_ContentEscapes_ShouldDecodeBytes()
    {
        var branch = TreeText.ToBranch("bin: \\x00\\xff\\t\\\\ \\u00e9\n");

        using var stream = branch.OpenRead("/bin");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        copy.ToArray().Should().Equal(0x00, 0xff, (byte)'\t', (byte)'\\', (byte)' ', 0xc3, 0xa9);
    }

    [TestCase("", TestName = "ToBranch_EmptyText_ShouldBeEmpty")]
    [TestCase(".\n", TestName = "ToBranch_LoneDotRoot_ShouldBeEmpty")]
    [TestCase("/\n\n0 directories, 0 files\n", TestName = "ToBranch_LoneSlashRootWithSummary_ShouldBeEmpty")]
    [TestCase("/books\n", TestName = "ToBranch_LonePathRoot_ShouldBeEmpty")]
    public void ToBranch_NoEntries_ShouldBeEmpty(string text)
    {
        TreeText.ToBranch(text).List("/").Should().BeEmpty();
    }

    [Test]
    public void Write_Branch_ShouldDrawSortedTreeWithDirectoriesSuffixed()
    {
        var branch = TreeText.ToBranch("b/\n  z\n  y/\na: one\nB -> b\n");

        TreeText.Write(branch).Should().Be("/\n├── B -> b\n├── a\n└── b/\n    ├── y/\n    └── z\n");
    }

    [Test]
    public void Write_WithContents_ShouldWriteEscapedContentsOfShortFiles()
    {
        var branch = TreeText.ToBranch("a: one\\ntwo\nbig: 0123456789\nempty\n");

        TreeText.Write(branch, "/", WithContents with { MaxContentLength = 8 })
            .Should().Be("/\n├── a: one\\ntwo\n├── big\n└── empty\n");
    }

    [Test]
    public void Write_IndentedStyle_ShouldIndentTwoSpacesWithoutRootLine()
    {
        var branch = TreeText.ToBranch(".\n├── d\n│   └── e\n│       └── f: x\n└── g\n");

        TreeText.Write(branch, "/", Indented).Should().Be("d/\n  e/\n    f: x\ng\n");
    }

    [Test]
    public void Write_Subdirectory_ShouldStartWithItsPath()
    {
        var branch = TreeText.ToBranch("a/\n  b/\n    c\n");

        TreeText.Write(branch, "/a").Should().Be("/a\n└── b/\n    └── c\n");
    }

    [Test]
    public void Write_BranchWithMarkers_ShouldWriteWhiteoutsAndOpaqueMarker()
    {
        var branch = new MemoryBranch();
        var now = DateTime.UtcNow;
        branch.CreateDirectory("/d", EntryMetadata.NewDirectory(now), opaque: true);
        branch.CreateFile("/d/f", null, EntryMetadata.NewFile(now));
        branch.CreateWhiteout("/gone");

        TreeText.Write(branch).Should().Be("/\n├── .wh.gone\n└── d/\n    ├── .wh..wh..opq\n    └── f\n");
    }

    [Test]
    public void Write_MergedView_ShouldShowWhatTheUnionShows()
    {
        var lower = TreeText.ToBranch("a/\n  keep: lower\n  gone\nlink -> a/keep\n");
        var fs = new UnionFileSystem(new MemoryBranch(), lower);
        fs.File.Delete("/a/gone");
        fs.File.WriteAllText("/a/new", "upper");

        TreeText.Write(fs, "/", WithContents).Should().Be("/\n├── a/\n│   ├── keep: lower\n│   └── new: upper\n└── link -> a/keep\n");
    }

    [Test]
    public void Write_MockFileSystem_ShouldWriteAnyFileSystem()
    {
        var mock = new System.IO.Abstractions.TestingHelpers.MockFileSystem();
        mock.Directory.CreateDirectory("/srv/d");
        mock.File.WriteAllText("/srv/d/f", "x");

        TreeText.Write(mock, "/srv", WithContents).Should().Be("/srv\n└── d/\n    └── f: x\n");
    }

    [Test]
    public void Write_MissingDirectory_ShouldThrowDirectoryNotFound()
    {
        var branch = TreeText.ToBranch("f\n");

        FluentActions.Invoking(() => TreeText.Write(branch, "/f")).Should().Throw<DirectoryNotFoundException>();
        FluentActions.Invoking(() => TreeText.Write(new UnionFileSystem(branch), "/nope")).Should().Throw<DirectoryNotFoundException>();
    }

    [Test]
    public void Populate_ExistingBranch_ShouldAddAndKeepDirectories()
    {
        var branch = TreeText.ToBranch("d/\n  old: 1\n");

        TreeText.Populate(branch, "d/\n  .wh..wh..opq\n  new: 2\n");

        TreeText.Write(branch, "/", Indented).Should().Be("d/\n  .wh..wh..opq\n  new: 2\n  old: 1\n");
    }

    [Test]
    public void Populate_DirectoryBranch_ShouldWriteThroughTheBranch()
    {
        var mock = new System.IO.Abstractions.TestingHelpers.MockFileSystem();
        mock.Directory.CreateDirectory("/layer");
        var branch = new DirectoryBranch(mock, "/layer");

        TreeText.Populate(branch, "d/\n  f: x\n.wh.gone\n");

        mock.File.ReadAllText("/layer/d/f").Should().Be("x");
        mock.File.Exists("/layer/.wh.gone").Should().BeTrue();
        TreeText.Write(branch, "/", Indented).Should().Be(".wh.gone\nd/\n  f: x\n");
    }
}
