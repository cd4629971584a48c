using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Sandbox;

/// <summary>
/// The workflow on the real disk: a union over a temporary directory (a <see cref="DirectoryBranch"/> lower over
/// <c>new FileSystem()</c>), every write in a memory upper, then the changes applied to that same directory.
/// </summary>
public class RealDirectoryApplyTests
{
    private readonly FileSystem _disk = new();
    private string _root = null!;
    private UnionFileSystem _fs = null!;

    [SetUp]
    public void CreateDirectory()
    {
        _root = Path.Combine(Path.GetTempPath(), "unionfs-apply-" + Guid.NewGuid().ToString("N"));
        HostTree.Write(_disk, _root,
            "/README.md=readme\n",
            "/src/app.cs=class App {}\n",
            "/src/util.cs=class Util {}\n",
            "/lib/a.txt=a",
            "/lib/deep/b.txt=b",
            "/docs/guide.md=guide",
            "/links/to-app->../src/app.cs");
        _fs = new UnionFileSystem(new MemoryBranch(), new DirectoryBranch(_disk, _root));
    }

    [TearDown]
    public void RemoveDirectory()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    [Test]
    public void ApplyTo_TheLowersOwnDirectory_ShouldPutTheMergedTreeOnDiskAndEmptyTheUpper()
    {
        _fs.Directory.CreateDirectory("/src/gen");
        _fs.File.WriteAllText("/src/gen/app.g.cs", "// generated\n");
        _fs.File.AppendAllText("/src/app.cs", "// edited\n");
        _fs.File.Delete("/src/util.cs");
        _fs.Directory.Move("/lib", "/library");
        _fs.Directory.Delete("/docs", recursive: true);
        _fs.Directory.CreateDirectory("/docs");
        _fs.File.WriteAllText("/docs/index.md", "index");
        _fs.File.CreateSymbolicLink("/links/to-gen", "../src/gen/app.g.cs");
        _fs.File.Delete("/links/to-app");
        _fs.File.SetUnixFileMode("/README.md", (UnixFileMode)0b110_000_000);
        var merged = TreeDump.Of(_fs);

        _fs.ApplyTo(_disk, _root);

        TreeDump.Of(_fs).Should().Equal(merged);
        HostTree.Read(_disk, _root).Should().Equal(merged, "the disk holds the tree");
        _fs.GetChanges().Should().BeEmpty();
        _fs.Upper!.List("/").Should().BeEmpty();
        File.GetUnixFileMode(Path.Join(_root, "README.md")).Should().Be((UnixFileMode)0b110_000_000);
        File.ReadAllText(Path.Join(_root, "library", "deep", "b.txt")).Should().Be("b");
        new FileInfo(Path.Join(_root, "links", "to-gen")).LinkTarget.Should().Be("../src/gen/app.g.cs");
        Directory.EnumerateFileSystemEntries(_root, "*", SearchOption.AllDirectories).Should().NotContain(p => p.Contains(".unionfs"));
    }

    [Test]
    public void ApplyTo_LargeFileChangedInOnePlace_ShouldWriteTheWholeNewContent()
    {
        var bytes = new byte[3 * 1024 * 1024];
        new Random(5).NextBytes(bytes);
        var host = Path.Join(_root, "big.bin");
        File.WriteAllBytes(host, bytes);
        using (var stream = _fs.File.OpenWrite("/big.bin"))
        {
            stream.Position = 1_500_000;
            stream.Write([1, 2, 3]);
        }
        bytes[1_500_000] = 1;
        bytes[1_500_001] = 2;
        bytes[1_500_002] = 3;

        _fs.ApplyTo(_disk, _root);

        File.ReadAllBytes(host).Should().Equal(bytes);
        _fs.File.ReadAllBytes("/big.bin").Should().Equal(bytes);
    }

    [Test]
    public void ApplyTo_ThenMoreChangesAndAnotherApply_ShouldKeepWorking()
    {
        _fs.File.WriteAllText("/first.txt", "1");
        _fs.ApplyTo(_disk, _root);

        _fs.File.AppendAllText("/first.txt", "2");
        _fs.File.Delete("/README.md");
        _fs.ApplyTo(_disk, _root);

        File.ReadAllText(Path.Join(_root, "first.txt")).Should().Be("12");
        File.Exists(Path.Join(_root, "README.md")).Should().BeFalse();
        _fs.GetChanges().Should().BeEmpty();
    }

    [Test]
    public void ApplyTo_FileEditedOnDiskBehindTheUnionsBack_ShouldRefuse()
    {
        _fs.File.AppendAllText("/src/app.cs", "// mine\n");
        File.AppendAllText(Path.Join(_root, "src", "app.cs"), "// theirs\n");

        var act = () => _fs.ApplyTo(_disk, _root);

        act.Should().Throw<UnionConflictException>().Which.Conflicts.Should().Equal(
            new UnionConflict("/src/app.cs", ConflictKind.Modified, ChangeKind.Modified));
        File.ReadAllText(Path.Join(_root, "src", "app.cs")).Should().Be("class App {}\n// theirs\n");
    }

    [Test]
    public void ApplyTo_SameSizeEditOnDiskBehindTheUnionsBack_ShouldRefuse()
    {
        _fs.File.AppendAllText("/src/util.cs", "// mine\n");
        var host = Path.Join(_root, "src", "util.cs");
        File.WriteAllText(host, "class Util {;\n");
        File.SetLastWriteTimeUtc(host, new DateTime(2010, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        var act = () => _fs.ApplyTo(_disk, _root);

        act.Should().Throw<UnionConflictException>().Which.Conflicts.Select(c => c.Path).Should().Equal("/src/util.cs");
    }

    [Test]
    public void ApplyTo_FileAddedOnDiskWhereTheUnionAddedOne_ShouldRefuseUnlessOverwriting()
    {
        _fs.File.WriteAllText("/src/new.cs", "mine");
        File.WriteAllText(Path.Join(_root, "src", "new.cs"), "theirs");

        _fs.Invoking(f => f.ApplyTo(_disk, _root)).Should().Throw<UnionConflictException>()
            .Which.Conflicts.Should().Equal(new UnionConflict("/src/new.cs", ConflictKind.Added, ChangeKind.Added));
        _fs.ApplyTo(_disk, _root, new ApplyOptions { Overwrite = true });

        File.ReadAllText(Path.Join(_root, "src", "new.cs")).Should().Be("mine");
    }

    [Test]
    public void ApplyTo_FileDeletedOnDiskThatTheUnionModified_ShouldRefuse()
    {
        _fs.File.AppendAllText("/docs/guide.md", "!");
        File.Delete(Path.Join(_root, "docs", "guide.md"));

        var act = () => _fs.ApplyTo(_disk, _root);

        act.Should().Throw<UnionConflictException>().Which.Conflicts.Should().Equal(
            new UnionConflict("/docs/guide.md", ConflictKind.Deleted, ChangeKind.Modified));
    }

    [Test]
    public void Discard_ThenApply_ShouldLeaveTheDiskAsItWas()
    {
        var before = HostTree.Read(_disk, _root);
        _fs.File.WriteAllText("/src/app.cs", "rewritten");
        _fs.Directory.Delete("/lib", recursive: true);

        _fs.Discard();
        _fs.ApplyTo(_disk, _root).Should().BeEmpty();

        HostTree.Read(_disk, _root).Should().Equal(before);
    }
}
