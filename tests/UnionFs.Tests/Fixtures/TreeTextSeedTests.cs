namespace UnionFs.Tests.Fixtures;

/// <summary>
/// The trees of the seed blog posts, pasted as they appear there (indentation damage included), read into
/// branches, stacked in a union, and the merged view written back and compared with the seed's merged tree.
/// </summary>
public class TreeTextSeedTests
{
    private static readonly TreeTextOptions IndentedWithContents = new() { Style = TreeTextStyle.Indented, IncludeContents = true };

    // Seed 000, as pasted: the bar groups lost two of their blanks, and the children of the final
    // `└── sports` lost their whole indentation.
    private const string Seed000Lower = """
        lower/
        ├── books
        │ ├── c
        │ └── java
        ├── computers
        │ ├── huawei
        │ ├── lenove
        │ └── macpro
        ├── README.txt
        └── sports
        ├── fishing
        ├── football
        └── running
        """;

    private const string Seed000Upper = """
        upper/
        ├── books
        │ ├── c
        │ └── golang
        ├── cities
        │ ├── beijing
        │ ├── shanghai
        │ └── shenzhen
        ├── README.txt
        └── sports
        ├── basketball
        ├── football
        └── running
        """;

    private const string Seed000Merged = """
        merged/
        ├── books
        │ ├── c
        │ ├── golang
        │ └── java
        ├── cities
        │ ├── beijing
        │ ├── shanghai
        │ └── shenzhen
        ├── computers
        │ ├── huawei
        │ ├── lenove
        │ └── macpro
        ├── README.txt
        └── sports
        ├── basketball
        ├── fishing
        ├── football
        └── running
        """;

    [Test]
    public void Seed000_LowerWithLostIndentation_ShouldReadSportsChildrenInsideSports()
    {
        var lower = TreeText.ToBranch(Seed000Lower);

        TreeText.Write(lower).Should().Be("""
            /
            ├── README.txt
            ├── books/
            │   ├── c
            │   └── java
            ├── computers/
            │   ├── huawei
            │   ├── lenove
            │   └── macpro
            └── sports/
                ├── fishing
                ├── football
                └── running

            """);
        lower.Stat("/sports/fishing")!.Kind.Should().Be(EntryKind.File);
    }

    [Test]
    public void Seed000_UpperOverLower_ShouldMergeAsTheSeedShows()
    {
        var fs = UnionFileSystem.ReadOnly(TreeText.ToBranch(Seed000Upper), TreeText.ToBranch(Seed000Lower));

        TreeText.Write(fs).Should().Be(TreeText.Write(TreeText.ToBranch(Seed000Merged)));
    }

    [Test]
    public void Seed000_AsLowersOfAWritableUnion_ShouldMergeAndKeepChangesInTheUpper()
    {
        var upper = new MemoryBranch();
        var fs = new UnionFileSystem(upper, TreeText.ToBranch(Seed000Upper), TreeText.ToBranch(Seed000Lower));

        fs.File.Delete("/sports/fishing");
        fs.File.WriteAllText("/computers/thinkpad", "new");

        TreeText.Write(fs, "/sports").Should().Be("""
            /sports
            ├── basketball
            ├── football
            └── running

            """);
        TreeText.Write(upper, "/", IndentedWithContents).Should().Be("""
            computers/
              thinkpad: new
            sports/
              .wh.fishing

            """);
    }

    // Seed 001: `tree` over two Docker overlay2 layer directories, command line and root line included.
    private const string Seed001ImageLayer = """
        tree 9266b15e0526e00dec39de79579edd308a6929851aa4cd6f1abdbee24086005b
        9266b15e0526e00dec39de79579edd308a6929851aa4cd6f1abdbee24086005b
        ├── diff
        │   └── var
        │       └── cache
        │           └── apt
        │               ├── pkgcache.bin
        │               └── srcpkgcache.bin
        ├── link
        ├── lower
        └── work
        """;

    private const string Seed001InitLayer = """
        tree 9c5c19e4f0efed1bcc023ba42a909bb2e617a9f3dcc51ca98784125e8d77df77-init
        9c5c19e4f0efed1bcc023ba42a909bb2e617a9f3dcc51ca98784125e8d77df77-init
        ├── diff
        │   ├── dev
        │   │   ├── console
        │   │   ├── pts
        │   │   └── shm
        │   └── etc
        │       ├── hostname
        │       ├── hosts
        │       ├── mtab -> /proc/mounts
        │       └── resolv.conf
        ├── link
        ├── lower
        └── work
            └── work
        """;

    [Test]
    public void Seed001_InitLayer_ShouldReadSymbolicLinkAndNesting()
    {
        var layer = TreeText.ToBranch(Seed001InitLayer);

        layer.Stat("/diff/etc/mtab")!.LinkTarget.Should().Be("/proc/mounts");
        layer.Stat("/diff/dev/pts")!.Kind.Should().Be(EntryKind.File);
        layer.Stat("/work/work")!.Kind.Should().Be(EntryKind.File);
        layer.Stat("/link")!.Kind.Should().Be(EntryKind.File);
        TreeText.Write(layer, "/diff").Should().Be("""
            /diff
            ├── dev/
            │   ├── console
            │   ├── pts
            │   └── shm
            └── etc/
                ├── hostname
                ├── hosts
                ├── mtab -> /proc/mounts
                └── resolv.conf

            """);
    }

    [Test]
    public void Seed001_LayerDiffsStacked_ShouldMergeTheirDirectories()
    {
        var init = TreeText.ToBranch(Seed001InitLayer);
        var image = TreeText.ToBranch(Seed001ImageLayer);

        var fs = UnionFileSystem.ReadOnly(init, image);

        TreeText.Write(fs, "/diff").Should().Be("""
            /diff
            ├── dev/
            │   ├── console
            │   ├── pts
            │   └── shm
            ├── etc/
            │   ├── hostname
            │   ├── hosts
            │   ├── mtab -> /proc/mounts
            │   └── resolv.conf
            └── var/
                └── cache/
                    └── apt/
                        ├── pkgcache.bin
                        └── srcpkgcache.bin

            """);
    }

    // Seed 002: `echo` into lower1, lower2 and upper, mounted as lowerdir=lower1:lower2.
    private const string Seed002Lower1 = """
        lower_change.txt: lower1\n
        lower1.txt: lower1\n
        """;

    private const string Seed002Lower2 = """
        lower_change.txt: lower2\n
        lower2.txt: lower2\n
        upper.txt: lower2\n
        """;

    private const string Seed002Upper = """
        upper.txt: upper\n
        """;

    [Test]
    public void Seed002_TwoLowersAndUpper_ShouldShowTopmostContents()
    {
        var fs = new UnionFileSystem(TreeText.ToBranch(Seed002Upper), TreeText.ToBranch(Seed002Lower1), TreeText.ToBranch(Seed002Lower2));

        TreeText.Write(fs, "/", IndentedWithContents).Should().Be("""
            lower1.txt: lower1\n
            lower2.txt: lower2\n
            lower_change.txt: lower1\n
            upper.txt: upper\n

            """);
        fs.File.ReadAllText("/lower_change.txt").Should().Be("lower1\n");
    }

    [Test]
    public void Seed002_DeleteThenRemountUpperAsLower_ShouldKeepTheWhiteout()
    {
        var upper = TreeText.ToBranch(Seed002Upper);
        var lower1 = TreeText.ToBranch(Seed002Lower1);
        var lower2 = TreeText.ToBranch(Seed002Lower2);
        var fs = new UnionFileSystem(upper, lower1, lower2);

        fs.File.Delete("/lower1.txt");
        var remounted = new UnionFileSystem(new MemoryBranch(), upper, lower1, lower2);

        TreeText.Write(upper, "/", IndentedWithContents).Should().Be("""
            .wh.lower1.txt
            upper.txt: upper\n

            """);
        TreeText.Write(remounted).Should().Be("""
            /
            ├── lower2.txt
            ├── lower_change.txt
            └── upper.txt

            """);
    }

    // Seed 003: aufs with dirs=./l1:./l2:./l3, l1 writable.
    private const string Seed003L1 = "container.txt: l1\\n";
    private const string Seed003L2 = "image2.txt: l2\\n";
    private const string Seed003L3 = "image3.txt: l3\\n";

    // `ls -a l1` after the seed's changes, aufs's own metadata included.
    private const string Seed003L1After = """
        container.txt: l1\nupdate\n
        image2.txt: l2\nupdate\n
        .wh.image3.txt
        .wh..wh.aufs
        .wh..wh.orph/
        .wh..wh.plnk/
        """;

    [Test]
    public void Seed003_AufsChanges_ShouldLeaveWhatTheSeedListsInL1()
    {
        var l1 = TreeText.ToBranch(Seed003L1);
        var l2 = TreeText.ToBranch(Seed003L2);
        var l3 = TreeText.ToBranch(Seed003L3);
        var fs = new UnionFileSystem(l1, l2, l3);
        TreeText.Write(fs).Should().Be("/\n├── container.txt\n├── image2.txt\n└── image3.txt\n");

        fs.File.AppendAllText("/container.txt", "update\n");
        fs.File.AppendAllText("/image2.txt", "update\n");
        fs.File.Delete("/image3.txt");

        TreeText.Write(fs).Should().Be("/\n├── container.txt\n└── image2.txt\n");
        TreeText.Write(l1, "/", IndentedWithContents).Should().Be(
            TreeText.Write(TreeText.ToBranch(Seed003L1After), "/", IndentedWithContents));
        TreeText.Write(l2, "/", IndentedWithContents).Should().Be("image2.txt: l2\\n\n");
    }

    [Test]
    public void Seed003_AufsMetadata_ShouldBeSkipped()
    {
        var l1 = TreeText.ToBranch(Seed003L1After);

        l1.List("/").Select(e => $"{e.Kind} {e.Name}").Should().Equal(
            "File container.txt", "File image2.txt", "Whiteout image3.txt");
    }
}
