using System.IO.Abstractions.TestingHelpers;
using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Sandbox;

/// <summary>
/// <see cref="UnionFileSystem.ApplyTo(IFileSystem, string, ApplyOptions)"/> to a <see cref="MockFileSystem"/>: the union
/// runs over a directory of the mock, and writes its changes back to that same directory (or to a copy of it).
/// </summary>
public class ApplyTests
{
    private const string Project = "/work/project";

    private static readonly string[] ProjectTree =
    [
        "/README.md=readme\n",
        "/src/app.cs=class App {}\n",
        "/src/util.cs=class Util {}\n",
        "/old/a.txt=a",
        "/old/sub/b.txt=b",
        "/docs/guide.md=guide",
        "/docs/api.md=api",
        "/empty/",
    ];

    private MockFileSystem _disk = null!;
    private UnionFileSystem _fs = null!;

    [SetUp]
    public void CreateProject()
    {
        _disk = new MockFileSystem();
        HostTree.Write(_disk, Project, ProjectTree);
        _fs = new UnionFileSystem(new MemoryBranch(), new DirectoryBranch(_disk, Project));
    }

    private void ChangeEverything()
    {
        _fs.Directory.CreateDirectory("/src/gen");
        _fs.File.WriteAllText("/src/gen/api.g.cs", "// generated\n");
        _fs.File.AppendAllText("/src/app.cs", "// edited\n");
        _fs.File.Delete("/src/util.cs");
        _fs.Directory.Delete("/old", recursive: true);
        _fs.Directory.Delete("/docs", recursive: true);
        _fs.Directory.CreateDirectory("/docs");
        _fs.File.WriteAllText("/docs/index.md", "index");
        _fs.File.Move("/README.md", "/README.txt");
        _fs.Directory.Delete("/empty");
        _fs.File.WriteAllText("/empty", "a file now");
    }

    private IReadOnlyList<string> Disk(string root = Project) => HostTree.Read(_disk, root);

    [Test]
    public void ApplyTo_TheLowersOwnDirectory_ShouldWriteEveryChangeAndLeaveTheSameTree()
    {
        ChangeEverything();
        var merged = TreeDump.Of(_fs);
        var changes = _fs.GetChanges();

        var applied = _fs.ApplyTo(_disk, Project);

        applied.Should().Equal(changes);
        Disk().Should().Equal(merged);
        TreeDump.Of(_fs).Should().Equal(merged, "the union shows the same tree, now from its lower");
        _fs.GetChanges().Should().BeEmpty();
        _fs.Upper!.List("/").Should().BeEmpty();
    }

    [Test]
    public void ApplyTo_ShouldLeaveNoTemporaryFiles()
    {
        ChangeEverything();

        _fs.ApplyTo(_disk, Project);

        HostTree.AllPaths(_disk, Project).Should().NotContain(p => p.Contains(".unionfs"));
    }

    [Test]
    public void ApplyTo_ACopyOfTheTree_ShouldWriteTheMergedTreeThereAndLeaveTheLowerAlone()
    {
        HostTree.Write(_disk, "/copy", ProjectTree);
        ChangeEverything();
        var merged = TreeDump.Of(_fs);

        _fs.ApplyTo(_disk, "/copy");

        Disk("/copy").Should().Equal(merged);
        HostTree.Read(_disk, Project).Should().Equal(Layout.Of(ProjectTree).ExpectedTree());
    }

    [Test]
    public void ApplyTo_RenamedLowerDirectory_ShouldMoveItsContentsBeforeRemovingTheOldName()
    {
        _fs.Directory.Move("/old", "/new");
        _fs.File.WriteAllText("/old", "the old name is a file now");
        var merged = TreeDump.Of(_fs);

        _fs.ApplyTo(_disk, Project);

        Disk().Should().Equal(merged);
        _disk.File.ReadAllText(Project + "/new/sub/b.txt").Should().Be("b");
    }

    [Test]
    public void ApplyTo_ShouldCopyUnixModeAndTimes()
    {
        var when = new DateTime(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc);
        _fs.File.WriteAllText("/tool.sh", "#!/bin/sh\n");
        _fs.File.SetUnixFileMode("/tool.sh", (UnixFileMode)0b111_101_101);
        _fs.File.SetLastWriteTimeUtc("/tool.sh", when);
        _fs.File.SetLastWriteTimeUtc("/src/app.cs", when.AddDays(1));
        _fs.Directory.SetLastWriteTimeUtc("/src", when.AddDays(2));

        _fs.ApplyTo(_disk, Project);

        _disk.File.GetUnixFileMode(Project + "/tool.sh").Should().Be((UnixFileMode)0b111_101_101);
        _disk.File.GetLastWriteTimeUtc(Project + "/tool.sh").Should().Be(when);
        _disk.File.GetLastWriteTimeUtc(Project + "/src/app.cs").Should().Be(when.AddDays(1));
        _disk.Directory.GetLastWriteTimeUtc(Project + "/src").Should().Be(when.AddDays(2));
    }

    [Test]
    public void ApplyTo_NoChanges_ShouldWriteNothing()
    {
        var before = HostTree.AllPaths(_disk, Project);

        _fs.ApplyTo(_disk, Project).Should().BeEmpty();

        HostTree.AllPaths(_disk, Project).Should().Equal(before);
    }

    [Test]
    public void ApplyTo_TargetFileEditedBehindTheUnionsBack_ShouldRefuseAndWriteNothing()
    {
        ChangeEverything();
        _disk.File.WriteAllText(Project + "/src/app.cs", "class App { int edited; }\n");
        var disk = HostTree.AllPaths(_disk, Project).Select(p => p + (_disk.File.Exists(p) ? "=" + _disk.File.ReadAllText(p) : "/")).ToList();
        var changes = _fs.GetChanges();

        var act = () => _fs.ApplyTo(_disk, Project);

        var conflict = act.Should().Throw<UnionConflictException>().Which;
        conflict.Conflicts.Should().Equal(new UnionConflict("/src/app.cs", ConflictKind.Modified, ChangeKind.Modified));
        conflict.Message.Should().Contain("/src/app.cs").And.Contain("Overwrite");
        HostTree.AllPaths(_disk, Project).Select(p => p + (_disk.File.Exists(p) ? "=" + _disk.File.ReadAllText(p) : "/"))
            .Should().Equal(disk, "a refused apply writes nothing");
        _fs.GetChanges().Should().Equal(changes, "a refused apply leaves the union as it was");
    }

    [Test]
    public void ApplyTo_TargetFileAddedWhereTheUnionAddedOne_ShouldBeAConflict()
    {
        _fs.File.WriteAllText("/src/new.cs", "mine");
        _disk.File.WriteAllText(Project + "/src/new.cs", "theirs");

        var act = () => _fs.ApplyTo(_disk, Project);

        act.Should().Throw<UnionConflictException>().Which.Conflicts.Should().Equal(
            new UnionConflict("/src/new.cs", ConflictKind.Added, ChangeKind.Added));
    }

    [Test]
    public void ApplyTo_TargetFileDeletedThatTheUnionModified_ShouldBeAConflict()
    {
        _fs.File.AppendAllText("/src/app.cs", "more");
        _disk.File.Delete(Project + "/src/app.cs");

        var act = () => _fs.ApplyTo(_disk, Project);

        act.Should().Throw<UnionConflictException>().Which.Conflicts.Should().Equal(
            new UnionConflict("/src/app.cs", ConflictKind.Deleted, ChangeKind.Modified));
    }

    [Test]
    public void ApplyTo_TargetFileEditedThatTheUnionDeleted_ShouldBeAConflict()
    {
        _fs.File.Delete("/src/util.cs");
        _disk.File.AppendAllText(Project + "/src/util.cs", "// theirs\n");

        var act = () => _fs.ApplyTo(_disk, Project);

        act.Should().Throw<UnionConflictException>().Which.Conflicts.Should().Equal(
            new UnionConflict("/src/util.cs", ConflictKind.Modified, ChangeKind.Deleted));
    }

    [Test]
    public void ApplyTo_TargetChangedInsideADirectoryTheUnionListedAndDeleted_ShouldListEachChangedEntry()
    {
        // The target is the lower itself: what the union saw is what it listed, so it lists the tree first.
        _fs.Directory.GetFiles("/old", "*", SearchOption.AllDirectories).Should().HaveCount(2);
        _fs.Directory.Delete("/old", recursive: true);
        _disk.File.WriteAllText(Project + "/old/sub/added.txt", "theirs");
        _disk.File.WriteAllText(Project + "/old/a.txt", "edited");

        var act = () => _fs.ApplyTo(_disk, Project);

        act.Should().Throw<UnionConflictException>().Which.Conflicts.Should().Equal(
            new UnionConflict("/old/a.txt", ConflictKind.Modified, ChangeKind.Deleted),
            new UnionConflict("/old/sub/added.txt", ConflictKind.Added, ChangeKind.Deleted));
    }

    [Test]
    public void ApplyTo_CopyChangedInsideADirectoryTheUnionDeleted_ShouldListEachChangedEntry()
    {
        HostTree.Write(_disk, "/copy", ProjectTree);
        _fs.Directory.Delete("/old", recursive: true);
        _disk.File.WriteAllText("/copy/old/sub/added.txt", "theirs");
        _disk.File.WriteAllText("/copy/old/a.txt", "edited");
        _disk.File.Delete("/copy/old/sub/b.txt");

        var act = () => _fs.ApplyTo(_disk, "/copy");

        act.Should().Throw<UnionConflictException>().Which.Conflicts.Should().Equal(
            new UnionConflict("/old/a.txt", ConflictKind.Modified, ChangeKind.Deleted),
            new UnionConflict("/old/sub/added.txt", ConflictKind.Added, ChangeKind.Deleted));
    }

    [Test]
    public void ApplyTo_SeveralConflicts_ShouldListThemAll()
    {
        _fs.Directory.GetFiles("/docs").Should().HaveCount(2, "the tool reads /docs before it replaces it");
        ChangeEverything();
        _disk.File.WriteAllText(Project + "/src/app.cs", "theirs");
        _disk.Directory.CreateDirectory(Project + "/src/gen");
        _disk.File.WriteAllText(Project + "/src/gen/api.g.cs", "theirs");
        _disk.File.Delete(Project + "/docs/api.md");
        _disk.File.WriteAllText(Project + "/docs/guide.md", "edited guide");

        var act = () => _fs.ApplyTo(_disk, Project);

        act.Should().Throw<UnionConflictException>().Which.Conflicts.Select(c => c.ToString()).Should().Equal(
            "modified in target, deleted in union: /docs/guide.md",
            "modified in target, changed in union: /src/app.cs",
            "added in target, added in union: /src/gen/api.g.cs");
    }

    [Test]
    public void ApplyTo_TargetAlreadyAsTheUnionWouldWriteIt_ShouldNotBeAConflict()
    {
        _fs.File.WriteAllText("/src/app.cs", "same on both sides");
        _fs.File.WriteAllText("/src/new.cs", "same new file");
        _fs.File.Delete("/src/util.cs");
        _disk.File.WriteAllText(Project + "/src/app.cs", "same on both sides");
        _disk.File.WriteAllText(Project + "/src/new.cs", "same new file");
        _disk.File.Delete(Project + "/src/util.cs");

        _fs.ApplyTo(_disk, Project);

        _disk.File.ReadAllText(Project + "/src/app.cs").Should().Be("same on both sides");
        _fs.GetChanges().Should().BeEmpty();
    }

    [Test]
    public void ApplyTo_TargetChangedWhereTheUnionDidNot_ShouldKeepTheTargetsChange()
    {
        _fs.File.WriteAllText("/src/app.cs", "mine");
        _disk.File.WriteAllText(Project + "/src/util.cs", "theirs");
        _disk.File.WriteAllText(Project + "/src/theirs.cs", "theirs");

        _fs.ApplyTo(_disk, Project);

        _disk.File.ReadAllText(Project + "/src/app.cs").Should().Be("mine");
        _disk.File.ReadAllText(Project + "/src/util.cs").Should().Be("theirs");
        _disk.File.ReadAllText(Project + "/src/theirs.cs").Should().Be("theirs");
    }

    [Test]
    public void ApplyTo_ConflictsWithOverwrite_ShouldWriteTheUnionsVersion()
    {
        ChangeEverything();
        var merged = TreeDump.Of(_fs);
        _disk.File.WriteAllText(Project + "/src/app.cs", "theirs");
        _disk.File.WriteAllText(Project + "/old/sub/added.txt", "theirs");
        _disk.Directory.Delete(Project + "/src", recursive: true);

        _fs.ApplyTo(_disk, Project, new ApplyOptions { Overwrite = true });

        Disk().Should().Equal(merged);
        TreeDump.Of(_fs).Should().Equal(merged);
    }

    [Test]
    public void ApplyTo_ThenRollbackToAnEarlierMark_ShouldBringTheMarkedUpperBack()
    {
        _fs.File.WriteAllText("/first.txt", "1");
        var mark = _fs.Checkpoint();
        _fs.ApplyTo(_disk, Project);

        _fs.Rollback(mark);

        _fs.GetChanges().Should().Equal(new UnionChange("/first.txt", ChangeKind.Modified));
        _fs.File.ReadAllText("/first.txt").Should().Be("1");
    }

    [Test]
    public void ApplyTo_UnionWithAMemoryLower_ShouldWriteToADiskCopy()
    {
        var lower = new MemoryBranch();
        var seed = new UnionFileSystem(lower);
        seed.Directory.CreateDirectory("/src");
        seed.File.WriteAllText("/src/app.cs", "class App {}\n");
        seed.File.WriteAllText("/src/util.cs", "class Util {}\n");
        var fs = new UnionFileSystem(new MemoryBranch(), lower);
        fs.File.WriteAllText("/src/app.cs", "class App { }\n");
        fs.File.Delete("/src/util.cs");
        HostTree.Write(_disk, "/out", "/src/app.cs=class App {}\n", "/src/util.cs=class Util {}\n");

        fs.ApplyTo(_disk, "/out");

        Disk("/out").Should().Equal("/src/", "/src/app.cs=class App { }\n");
        fs.GetChanges().Should().BeEmpty();
    }

    [Test]
    public void ApplyTo_DirectoryUpper_ShouldWriteTheChangesAndEmptyTheUpper()
    {
        _disk.Directory.CreateDirectory("/upper");
        var upper = new DirectoryBranch(_disk, "/upper");
        var fs = new UnionFileSystem(upper, new DirectoryBranch(_disk, Project));
        fs.File.WriteAllText("/src/app.cs", "rewritten");
        fs.Directory.Delete("/old", recursive: true);
        fs.File.WriteAllText("/added.txt", "added");
        var merged = TreeDump.Of(fs);

        fs.ApplyTo(_disk, Project);

        Disk().Should().Equal(merged);
        TreeDump.Of(fs).Should().Equal(merged);
        HostTree.AllPaths(_disk, "/upper").Should().BeEmpty("whiteouts go with everything else");
    }

    [Test]
    public void ApplyTo_ReadOnlyUnion_ShouldThrowReadOnlyFileSystem()
    {
        var fs = UnionFileSystem.ReadOnly(new DirectoryBranch(_disk, Project));

        Expect.Io(() => fs.ApplyTo(_disk, Project), HResults.ReadOnlyFileSystem, "/");
    }

    [Test]
    public void ApplyTo_MissingRoot_ShouldThrowDirectoryNotFound()
    {
        _fs.File.WriteAllText("/x", "x");

        var act = () => _fs.ApplyTo(_disk, "/nowhere");

        act.Should().Throw<DirectoryNotFoundException>().WithMessage("*/nowhere*");
        _fs.GetChanges().Should().NotBeEmpty();
    }

    [Test]
    public void ApplyTo_ItsOwnUnion_ShouldThrowArgumentException()
    {
        var act = () => _fs.ApplyTo(_fs, "/");

        act.Should().Throw<ArgumentException>().WithParameterName("target");
    }

    [Test]
    public void ApplyTo_NullArguments_ShouldThrowArgumentNull()
    {
        _fs.Invoking(f => f.ApplyTo(null!, Project)).Should().Throw<ArgumentNullException>();
        _fs.Invoking(f => f.ApplyTo(_disk, null!)).Should().Throw<ArgumentNullException>();
        _fs.Invoking(f => f.ApplyTo(_disk, Project, null!)).Should().Throw<ArgumentNullException>();
    }
}
