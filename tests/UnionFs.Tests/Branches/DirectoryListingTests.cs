using CsCheck;

namespace UnionFs.Tests.Branches;

/// <summary>
/// A <see cref="DirectoryBranch"/> over the real disk lists with readdir and reads the rest of what lstat says only
/// when it is asked for: every listed entry must still say what <see cref="DirectoryBranch.Stat"/> of its path says.
/// </summary>
public class DirectoryListingTests
{
    private string _root = null!;
    private DirectoryBranch _branch = null!;

    [SetUp]
    public void SetUp()
    {
        _root = Path.Join(Path.GetTempPath(), "unionfs-listing-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Join(_root, "dir/sub"));
        Directory.CreateDirectory(Path.Join(_root, "opaque"));
        File.WriteAllText(Path.Join(_root, "opaque/.wh..wh..opq"), string.Empty);
        File.WriteAllText(Path.Join(_root, "dir/file.txt"), "twelve bytes");
        File.SetUnixFileMode(Path.Join(_root, "dir/file.txt"), UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.SetGroup);
        File.SetLastWriteTimeUtc(Path.Join(_root, "dir/file.txt"), new DateTime(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc));
        File.SetLastAccessTimeUtc(Path.Join(_root, "dir/file.txt"), new DateTime(2002, 2, 3, 4, 5, 6, DateTimeKind.Utc));
        File.WriteAllText(Path.Join(_root, "dir/.hidden"), "h");
        File.WriteAllText(Path.Join(_root, "dir/.wh.gone"), string.Empty);
        File.CreateSymbolicLink(Path.Join(_root, "dir/link"), "file.txt");
        File.CreateSymbolicLink(Path.Join(_root, "dir/dangling"), "/nowhere/at/all");
        _branch = new DirectoryBranch(new FileSystem(), _root);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_root, recursive: true);

    [TestCase("/")]
    [TestCase("/dir")]
    [TestCase("/dir/sub")]
    [TestCase("/opaque")]
    public void EveryListedEntry_SaysWhatItsStatSays(string directory)
    {
        var listed = _branch.List(directory).ToList();

        foreach (var entry in listed)
        {
            var stat = _branch.Stat(BranchPath.Combine(directory, entry.Name))!;
            if (entry.Kind == EntryKind.SymbolicLink)
            {
                // Linux moves a link's access time when it reads the link (readlink is a read): the rest must agree.
                (entry with { LastAccessTimeUtc = default }).Should().Be(stat with { LastAccessTimeUtc = default }, $"'{entry.Name}' in '{directory}' is listed as it stats");
                continue;
            }
            entry.Should().Be(stat, $"'{entry.Name}' in '{directory}' is listed as it stats");
            entry.GetHashCode().Should().Be(stat.GetHashCode());
        }
        listed.Select(e => e.Name).Should().BeInAscendingOrder(StringComparer.Ordinal);
    }

    [Test]
    public void ADirectoryLargerThanOneRead_ListsEveryName_AsSystemIODoes()
    {
        // More names than one getdents call returns (a 32 KiB buffer), some of them not ASCII, of every kind.
        var big = Path.Join(_root, "big");
        Directory.CreateDirectory(big);
        for (var i = 0; i < 2_500; i++)
        {
            var name = Path.Join(big, $"entry-{i:D5}-{new string('x', i % 60)}{(i % 7 == 0 ? "-ünïcödé-名前" : string.Empty)}");
            switch (i % 5)
            {
                case 0: Directory.CreateDirectory(name); break;
                case 1: File.CreateSymbolicLink(name, "elsewhere"); break;
                default: File.WriteAllText(name, string.Empty); break;
            }
        }

        var listed = _branch.List("/big").ToList();

        var expected = Directory.EnumerateFileSystemEntries(big).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        listed.Select(e => e.Name).Should().Equal(expected);
        listed.Count(e => e.Kind == EntryKind.Directory).Should().Be(500);
        listed.Count(e => e.Kind == EntryKind.SymbolicLink).Should().Be(500);
        listed.Count(e => e.Kind == EntryKind.File).Should().Be(1_500);
    }

    [Test]
    public void AListedFile_HasItsSizeModeAndTimes()
    {
        var file = _branch.List("/dir").Single(e => e.Name == "file.txt");

        file.Kind.Should().Be(EntryKind.File);
        file.Length.Should().Be(12);
        file.UnixMode.Should().Be(UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.SetGroup);
        file.LastWriteTimeUtc.Should().Be(new DateTime(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc));
        file.LastAccessTimeUtc.Should().Be(new DateTime(2002, 2, 3, 4, 5, 6, DateTimeKind.Utc));
        file.Attributes.Should().HaveFlag(FileAttributes.ReadOnly);
    }

    [Test]
    public void ListedLinksMarkersAndWhiteouts_AreWhatTheyAre()
    {
        var listed = _branch.List("/dir").ToDictionary(e => e.Name);

        listed["link"].Kind.Should().Be(EntryKind.SymbolicLink);
        listed["link"].LinkTarget.Should().Be("file.txt");
        listed["link"].Length.Should().Be("file.txt".Length);
        listed["dangling"].LinkTarget.Should().Be("/nowhere/at/all");
        listed["gone"].Kind.Should().Be(EntryKind.Whiteout);
        listed["sub"].Kind.Should().Be(EntryKind.Directory);
        listed[".hidden"].Attributes.Should().HaveFlag(FileAttributes.Hidden);
        listed.Keys.Should().NotContain(".wh.gone");
        _branch.List("/").Single(e => e.Name == "opaque").IsOpaque.Should().BeTrue();
        _branch.List("/").Single(e => e.Name == "dir").IsOpaque.Should().BeFalse();
    }

    [Test]
    public void AListing_OfAnyNames_IsInOrdinalOrder()
    {
        // Names that share prefixes, differ in case, or leave ASCII: the order is UTF-16 ordinal, however many there are.
        var name = Gen.Select(Gen.OneOf<string>("a", "A", "ab", "b", "é", "z", "0", "_", "-"), Gen.Int[0, 99999], (prefix, n) => prefix + n.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var sample = 0;
        name.HashSet[0, 300].Sample(names =>
        {
            var directory = Path.Join(_root, "sorted" + Interlocked.Increment(ref sample));
            Directory.CreateDirectory(directory);
            foreach (var file in names) File.WriteAllText(Path.Join(directory, file), string.Empty);

            var listed = _branch.List(BranchPath.Combine("/", Path.GetFileName(directory))).Select(e => e.Name).ToList();

            listed.Should().Equal(names.OrderBy(n => n, StringComparer.Ordinal));
        }, iter: 40, threads: 1);
    }

    [TestCase(true)]
    [TestCase(false)]
    public void AListedDirectory_SaysItsTimesAndItsOpacity_WhicheverIsAskedFirst(bool timesFirst)
    {
        var expectedTime = Directory.GetLastWriteTimeUtc(Path.Join(_root, "opaque"));
        var opaque = _branch.List("/").Single(e => e.Name == "opaque");
        var plain = _branch.List("/").Single(e => e.Name == "dir");

        if (timesFirst) opaque.LastWriteTimeUtc.Should().Be(expectedTime);
        opaque.IsOpaque.Should().BeTrue();
        plain.IsOpaque.Should().BeFalse();
        opaque.LastWriteTimeUtc.Should().Be(expectedTime);
        opaque.IsOpaque.Should().BeTrue();

        opaque.Should().Be(_branch.Stat("/opaque"));
    }

    [Test]
    public void ALinkWhereADirectoryIsListed_IsNoDirectoryOfTheBranch()
    {
        Directory.CreateSymbolicLink(Path.Join(_root, "linked"), Path.Join(_root, "dir"));

        _branch.List("/linked").Should().BeEmpty();
        _branch.List("/dir").Should().NotBeEmpty();
    }

    [Test]
    public void ACopyOfAListedEntry_CarriesItsValues_AndChangesOnlyWhatItSets()
    {
        var file = _branch.List("/dir").Single(e => e.Name == "file.txt");

        var renamed = file with { Name = "other.txt" };
        var linked = file with { LinkTarget = "elsewhere" };

        renamed.Length.Should().Be(12);
        renamed.LastWriteTimeUtc.Should().Be(file.LastWriteTimeUtc);
        renamed.Name.Should().Be("other.txt");
        linked.LinkTarget.Should().Be("elsewhere");
        file.LinkTarget.Should().BeNull();
        renamed.Should().NotBe(file);
        (renamed with { Name = "file.txt" }).Should().Be(file);
    }

    [Test]
    public void AListedDirectory_ThroughAUnion_ListsRecursivelyAsSystemIODoes()
    {
        var union = new UnionFileSystem(new MemoryBranch(), _branch);
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 };

        var listed = union.Directory.EnumerateFiles("/", "*", options).Order(StringComparer.Ordinal).ToList();

        listed.Should().Equal("/dir/.hidden", "/dir/dangling", "/dir/file.txt", "/dir/link");
        union.File.ReadAllText("/dir/link").Should().Be("twelve bytes");
        union.FileInfo.New("/dir/file.txt").Length.Should().Be(12);
    }
}
