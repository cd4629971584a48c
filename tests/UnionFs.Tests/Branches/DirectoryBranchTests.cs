using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Branches;

/// <summary>
/// <see cref="DirectoryBranch"/> with OCI markers over a <c>MockFileSystem</c> and over a real temp directory:
/// as a lower it reads <c>.wh.</c> files and <c>.wh..wh..opq</c> as markers and never lists them; as an upper
/// it writes them.
/// </summary>
[TestFixture(BranchKind.MockDirectory)]
[TestFixture(BranchKind.RealDirectory)]
public class DirectoryBranchTests(BranchKind kind) : FixtureTestBase
{
    private BranchStore _store = null!;

    private IFileSystem Host => _store.Host!;

    [SetUp]
    public void CreateStore() => _store = new BranchStore(kind);

    [TearDown]
    public void DeleteStore() => _store.Dispose();

    private string HostPath(string branch, string path) =>
        Host.Path.Combine(_store.RootOf(branch), path.TrimStart('/'));

    private void HostFile(string branch, string path, string content = "")
    {
        var full = HostPath(branch, path);
        Host.Directory.CreateDirectory(Host.Path.GetDirectoryName(full)!);
        Host.File.WriteAllText(full, content);
    }

    private void HostDirectory(string branch, string path) => Host.Directory.CreateDirectory(HostPath(branch, path));

    private DirectoryBranch Branch(string name)
    {
        Host.Directory.CreateDirectory(_store.RootOf(name));
        return new DirectoryBranch(Host, _store.RootOf(name));
    }

    private UnionFileSystem UnionOver(IBranch upper, params string[] lowerNames) =>
        new(upper, lowerNames.Select(n => (IBranch)new GuardedBranch(Branch(n), n)).ToArray());

    /// <summary>Every name below the branch's host directory, work area excluded, as relative paths.</summary>
    private List<string> HostListing(string branch)
    {
        var root = _store.RootOf(branch);
        return Host.Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories)
            .Select(p => p[(root.Length + 1)..] + (Host.Directory.Exists(p) ? "/" : string.Empty))
            .Where(p => !p.Split('/').Any(segment => segment.StartsWith(".wh..wh.", StringComparison.Ordinal) && segment != ".wh..wh..opq"))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    [Test]
    public void Lower_WhiteoutFile_ShouldHideNameBelowAndNeverBeListed()
    {
        HostFile("l1", "/.wh.gone");
        HostFile("l1", "/mine", "m");
        HostFile("l2", "/gone", "g");
        HostFile("l2", "/kept", "k");

        var fs = UnionOver(new MemoryBranch(), "l1", "l2");

        fs.File.Exists("/gone").Should().BeFalse();
        fs.File.Exists("/.wh.gone").Should().BeFalse();
        fs.Directory.GetFileSystemEntries("/").Should().BeEquivalentTo("/kept", "/mine");
    }

    [Test]
    public void Lower_OpaqueMarker_ShouldHideContentsBelowAndNeverBeListed()
    {
        HostFile("l1", "/opq/.wh..wh..opq");
        HostFile("l1", "/opq/mine", "m");
        HostFile("l2", "/opq/theirs", "t");

        var fs = UnionOver(new MemoryBranch(), "l1", "l2");

        fs.Directory.GetFileSystemEntries("/opq").Should().Equal("/opq/mine");
    }

    [Test]
    public void Lower_WhiteoutOfDirectory_ShouldHideWholeTreeBelow()
    {
        HostFile("l1", "/.wh.tree");
        HostFile("l2", "/tree/a/b", "b");

        var fs = UnionOver(new MemoryBranch(), "l1", "l2");

        fs.Directory.Exists("/tree").Should().BeFalse();
        fs.File.Exists("/tree/a/b").Should().BeFalse();
        TreeDump.Of(fs).Should().BeEmpty();
    }

    [Test]
    public void Lower_StatAndList_ShouldReportMarkersAsWhiteoutAndOpaque()
    {
        HostFile("l1", "/.wh.gone");
        HostFile("l1", "/opq/.wh..wh..opq");

        var branch = Branch("l1");

        branch.Stat("/gone")!.Kind.Should().Be(EntryKind.Whiteout);
        branch.Stat("/opq")!.IsOpaque.Should().BeTrue();
        branch.List("/").Select(e => (e.Name, e.Kind)).Should().BeEquivalentTo(new[] { ("gone", EntryKind.Whiteout), ("opq", EntryKind.Directory) });
        branch.List("/opq").Should().BeEmpty();
    }

    [Test]
    public void Lower_UnixModeAndTimes_ShouldBeReadFromHost()
    {
        const UnixFileMode mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;
        var when = new DateTime(2012, 12, 12, 12, 12, 12, DateTimeKind.Utc);
        HostFile("l1", "/a.txt", "a");
        Host.File.SetUnixFileMode(HostPath("l1", "/a.txt"), mode);
        Host.File.SetLastWriteTimeUtc(HostPath("l1", "/a.txt"), when);

        var fs = UnionOver(new MemoryBranch(), "l1");

        fs.File.GetUnixFileMode("/a.txt").Should().Be(mode);
        fs.File.GetLastWriteTimeUtc("/a.txt").Should().Be(when);
    }

    [Test]
    public void Upper_CopyUpFromDirectoryLower_ShouldKeepHostMode()
    {
        const UnixFileMode mode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        HostFile("l1", "/a.txt", "a");
        Host.File.SetUnixFileMode(HostPath("l1", "/a.txt"), mode);
        var fs = UnionOver(Branch("upper"), "l1");

        fs.File.AppendAllText("/a.txt", "!");

        Host.File.GetUnixFileMode(HostPath("upper", "/a.txt")).Should().Be(mode);
    }

    [Test]
    public void Lower_ReadFiles_ShouldNotChangeHostFiles()
    {
        HostFile("l1", "/a/b.txt", "content");
        var before = Host.File.GetLastWriteTimeUtc(HostPath("l1", "/a/b.txt"));

        var fs = UnionOver(new MemoryBranch(), "l1");
        fs.File.ReadAllText("/a/b.txt").Should().Be("content");
        fs.File.AppendAllText("/a/b.txt", "!");

        Host.File.ReadAllText(HostPath("l1", "/a/b.txt")).Should().Be("content");
        Host.File.GetLastWriteTimeUtc(HostPath("l1", "/a/b.txt")).Should().Be(before);
    }

    [Test]
    public void Upper_DeleteLowerFile_ShouldWriteWhiteoutFile()
    {
        HostFile("l1", "/books/c", "c");
        HostFile("l1", "/books/java", "j");
        var fs = UnionOver(Branch("upper"), "l1");

        fs.File.Delete("/books/java");

        HostListing("upper").Should().Equal("books/", "books/.wh.java");
        fs.Directory.GetFiles("/books").Should().Equal("/books/c");
    }

    [Test]
    public void Upper_DeleteLowerTree_ShouldWriteOneWhiteoutFileAtTop()
    {
        HostFile("l1", "/tree/x/y/z", "z");
        HostFile("l1", "/tree/w", "w");
        var fs = UnionOver(Branch("upper"), "l1");

        fs.Directory.Delete("/tree", recursive: true);

        HostListing("upper").Should().Equal(".wh.tree");
    }

    [Test]
    public void Upper_RmdirThenMkdir_ShouldWriteOpaqueMarker()
    {
        HostFile("l1", "/books/c", "c");
        var fs = UnionOver(Branch("upper"), "l1");

        fs.Directory.Delete("/books", recursive: true);
        fs.Directory.CreateDirectory("/books");

        HostListing("upper").Should().Equal("books/", "books/.wh..wh..opq");
        fs.Directory.GetFileSystemEntries("/books").Should().BeEmpty();
    }

    [Test]
    public void Upper_WritesAndCopyUp_ShouldBePlainFilesOnHost()
    {
        HostFile("l1", "/books/c", "c");
        var fs = UnionOver(Branch("upper"), "l1");

        fs.File.WriteAllText("/new.txt", "new");
        fs.File.AppendAllText("/books/c", "+");

        HostListing("upper").Should().Equal("books/", "books/c", "new.txt");
        Host.File.ReadAllText(HostPath("upper", "/books/c")).Should().Be("c+");
        Host.File.ReadAllText(HostPath("upper", "/new.txt")).Should().Be("new");
    }

    [Test]
    public void Upper_Seed003AufsExample_ShouldLeaveWhImage3OnHost()
    {
        HostFile("upper", "/container.txt", "l1\n");
        HostFile("l2", "/image2.txt", "l2\n");
        HostFile("l3", "/image3.txt", "l3\n");
        var fs = UnionOver(Branch("upper"), "l2", "l3");

        fs.File.AppendAllText("/container.txt", "update\n");
        fs.File.AppendAllText("/image2.txt", "update\n");
        fs.File.Delete("/image3.txt");

        HostListing("upper").Should().Equal(".wh.image3.txt", "container.txt", "image2.txt");
        Host.File.ReadAllText(HostPath("upper", "/image2.txt")).Should().Be("l2\nupdate\n");
        Host.File.ReadAllText(HostPath("l2", "/image2.txt")).Should().Be("l2\n");
        Host.File.ReadAllText(HostPath("l3", "/image3.txt")).Should().Be("l3\n");
        fs.Directory.GetFiles("/").Select(Path.GetFileName).Should().BeEquivalentTo("container.txt", "image2.txt");
    }

    [Test]
    public void Upper_WorkArea_ShouldNeverShowInMergedView()
    {
        HostFile("l1", "/books/c", "c");
        var fs = UnionOver(Branch("upper"), "l1");

        fs.File.WriteAllText("/a.txt", "a");
        fs.File.AppendAllText("/books/c", "!");
        fs.File.Move("/a.txt", "/books/a.txt");

        TreeDump.Of(fs).Should().Equal("/books/", "/books/a.txt=a", "/books/c=c!");
        fs.Directory.GetFileSystemEntries("/", ".wh*", SearchOption.AllDirectories).Should().BeEmpty();
    }

    [Test]
    public void Upper_CommittedAsLower_ShouldShowSameTree()
    {
        HostFile("l1", "/books/c", "c");
        HostFile("l1", "/books/java", "j");
        HostFile("l1", "/tree/x", "x");
        var fs = UnionOver(Branch("upper"), "l1");
        fs.File.Delete("/books/java");
        fs.Directory.Delete("/tree", recursive: true);
        fs.Directory.CreateDirectory("/tree");
        fs.File.WriteAllText("/tree/new", "n");
        var expected = TreeDump.Of(fs);

        var committed = UnionOver(new MemoryBranch(), "upper", "l1");

        TreeDump.Of(committed).Should().Equal(expected);
        expected.Should().Equal("/books/", "/books/c=c", "/tree/", "/tree/new=n");
    }

    [Test]
    public void Upper_SameScenarioAsMemoryBranch_ShouldGiveSameMergedTree()
    {
        void Scenario(IFileSystem fs)
        {
            fs.File.Delete("/books/java");
            fs.File.AppendAllText("/books/c", "+");
            fs.Directory.Delete("/tree", recursive: true);
            fs.Directory.CreateDirectory("/tree/again");
            fs.File.Move("/books/c", "/c");
            fs.Directory.Move("/docs", "/documents");
            fs.File.WriteAllText("/documents/new.md", "n");
        }

        string[] lower = ["/books/c=c", "/books/java=j", "/tree/x/y=y", "/docs/a=a", "/docs/sub/b=b"];
        var memory = Track(UnionFixture.Stacked(None, [lower]));
        var directory = Track(UnionFixture.Stacked(None, [lower], kind: kind));

        Scenario(memory.Fs);
        Scenario(directory.Fs);

        TreeDump.Of(directory.Fs).Should().Equal(TreeDump.Of(memory.Fs));
        directory.Fs.GetChanges().Should().Equal(memory.Fs.GetChanges());
    }

    [Test]
    public void ErrorMessages_DirectoryBranch_ShouldNotContainHostRoot()
    {
        HostFile("l1", "/books/c", "c");
        var fs = UnionOver(Branch("upper"), "l1");

        var missing = Expect.FileNotFound(() => fs.File.ReadAllText("/books/missing"), "/books/missing");
        var notEmpty = Expect.Io(() => fs.Directory.Delete("/books"), HResults.NotEmpty, "/books");

        missing.Message.Should().NotContain(_store.BaseDirectory);
        notEmpty.Message.Should().NotContain(_store.BaseDirectory);
    }

    [Test]
    public void Constructor_MissingRoot_ShouldThrowDirectoryNotFound()
    {
        Action act = () => _ = new DirectoryBranch(Host, Host.Path.Combine(_store.BaseDirectory, "does-not-exist"));

        act.Should().Throw<DirectoryNotFoundException>();
    }

    [Test]
    public void DotDot_AboveUnionRoot_ShouldNotReachSiblingOfBranchRoot()
    {
        HostFile("secret-sibling", "/secret.txt", "secret");
        HostFile("l1", "/a", "a");
        var fs = UnionOver(new MemoryBranch(), "l1");

        fs.File.Exists("/../secret-sibling/secret.txt").Should().BeFalse();
        Expect.DirectoryNotFound(() => fs.File.ReadAllText("/../secret-sibling/secret.txt"), "/secret-sibling/secret.txt");
    }

    [Test]
    public void Upper_DirectoryBranchInsideAnotherUnion_ShouldWork()
    {
        var outer = new UnionFileSystem(new MemoryBranch());
        outer.Directory.CreateDirectory("/layer");
        var upper = new DirectoryBranch(outer, "/layer");
        var lower = new MemoryBranch();
        new UnionFileSystem(lower).File.WriteAllText("/f", "lower");
        var fs = new UnionFileSystem(upper, new GuardedBranch(lower, "lower"));

        fs.File.Delete("/f");
        fs.File.WriteAllText("/g", "upper");

        outer.File.Exists("/layer/.wh.f").Should().BeTrue();
        outer.File.ReadAllText("/layer/g").Should().Be("upper");
        TreeDump.Of(fs).Should().Equal("/g=upper");
    }
}

/// <summary>Rule 14 on a real disk: symbolic links stored in a branch never reach the host outside the root.</summary>
public class RealDiskEscapeTests
{
    private string _base = null!;

    [SetUp]
    public void CreateTemp()
    {
        _base = Path.Combine(Path.GetTempPath(), "unionfs-escape-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(_base, "lower"));
        Directory.CreateDirectory(Path.Combine(_base, "upper"));
        File.WriteAllText(Path.Combine(_base, "secret.txt"), "host secret");
    }

    [TearDown]
    public void DeleteTemp() => Directory.Delete(_base, recursive: true);

    private UnionFileSystem Union() => new(
        new DirectoryBranch(new FileSystem(), Path.Combine(_base, "upper")),
        new DirectoryBranch(new FileSystem(), Path.Combine(_base, "lower")));

    [Test]
    public void ReadAllText_AbsoluteHostLinkInLower_ShouldResolveInsideUnion()
    {
        File.CreateSymbolicLink(Path.Combine(_base, "lower", "abs"), Path.Combine(_base, "secret.txt"));

        var fs = Union();

        fs.FileInfo.New("/abs").LinkTarget.Should().Be(Path.Combine(_base, "secret.txt"));
        Action act = () => fs.File.ReadAllText("/abs");
        act.Should().Throw<IOException>().Which.Message.Should().NotContain("host secret");
    }

    [Test]
    public void ReadAllText_RelativeLinkClimbingOutOfLower_ShouldStayInsideUnion()
    {
        File.CreateSymbolicLink(Path.Combine(_base, "lower", "rel"), "../secret.txt");

        var fs = Union();

        Expect.FileNotFound(() => fs.File.ReadAllText("/rel"), "/rel");
    }

    [Test]
    public void ReadAllText_RelativeLinkClimbingOut_ShouldFindUnionFileOfSameName()
    {
        File.CreateSymbolicLink(Path.Combine(_base, "lower", "rel"), "../secret.txt");
        File.WriteAllText(Path.Combine(_base, "lower", "secret.txt"), "union file");

        Union().File.ReadAllText("/rel").Should().Be("union file");
    }

    [Test]
    public void WriteAllText_ThroughEscapingLink_ShouldNotWriteHost()
    {
        File.CreateSymbolicLink(Path.Combine(_base, "lower", "rel"), "../secret.txt");

        var fs = Union();
        fs.File.WriteAllText("/rel", "overwritten");

        File.ReadAllText(Path.Combine(_base, "secret.txt")).Should().Be("host secret");
        fs.File.ReadAllText("/secret.txt").Should().Be("overwritten");
    }

    [Test]
    public void DirectoryLinkInLower_ToHostDirectory_ShouldNotListHost()
    {
        Directory.CreateSymbolicLink(Path.Combine(_base, "lower", "etc"), "/usr");

        var fs = Union();

        Action act = () => fs.Directory.GetFiles("/etc");
        act.Should().Throw<DirectoryNotFoundException>();
    }
}
