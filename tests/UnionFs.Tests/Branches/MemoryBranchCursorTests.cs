namespace UnionFs.Tests.Branches;

/// <summary>
/// A memory branch remembers the directory a recent search reached, and starts the next search of a path below it
/// there. Whatever takes a name out of the tree (removal, rename, replacement, a
/// whiteout, a restored snapshot) must make the next search look again: each test looks a path up, changes what
/// is at it, then reads it by the very same string.
/// </summary>
public class MemoryBranchCursorTests
{
    private const string Directory = "/directory";
    private static readonly string FilePath = string.Concat(Directory, "/file.txt");

    private UnionFileSystem _fs = null!;

    [SetUp]
    public void SetUp()
    {
        _fs = new UnionFileSystem(new MemoryBranch());
        _fs.Directory.CreateDirectory(Directory);
        _fs.File.WriteAllText(FilePath, "old");
        _fs.File.ReadAllText(FilePath).Should().Be("old");
    }

    [Test]
    public void AFileRemovedAndWrittenAgain_IsReadAnew()
    {
        _fs.File.Delete(FilePath);
        _fs.File.WriteAllText(FilePath, "new");

        _fs.File.ReadAllText(FilePath).Should().Be("new");
    }

    [Test]
    public void AFileRemoved_IsGone()
    {
        _fs.File.Delete(FilePath);

        _fs.File.Exists(FilePath).Should().BeFalse();
        FluentActions.Invoking(() => _fs.File.ReadAllText(FilePath)).Should().Throw<FileNotFoundException>();
    }

    [Test]
    public void AnotherFileMovedOntoIt_IsWhatIsRead()
    {
        _fs.File.WriteAllText(Directory + "/other.txt", "moved");
        _fs.File.Move(Directory + "/other.txt", FilePath, overwrite: true);

        _fs.File.ReadAllText(FilePath).Should().Be("moved");
    }

    [Test]
    public void ItsDirectoryRenamed_LeavesNothingAtThePath()
    {
        _fs.Directory.Move(Directory, "/elsewhere");

        _fs.File.Exists(FilePath).Should().BeFalse();
        _fs.File.ReadAllText("/elsewhere/file.txt").Should().Be("old");
    }

    [Test]
    public void ASnapshotRestored_BringsBackWhatItHeld()
    {
        var branch = new MemoryBranch();
        var fs = new UnionFileSystem(branch);
        fs.Directory.CreateDirectory(Directory);
        fs.File.WriteAllText(FilePath, "first");
        var checkpoint = fs.Checkpoint();
        fs.File.Delete(FilePath);
        fs.File.WriteAllText(FilePath, "second");
        fs.File.ReadAllText(FilePath).Should().Be("second");

        fs.Rollback(checkpoint);

        fs.File.ReadAllText(FilePath).Should().Be("first");
    }

    [Test]
    public void ABranchNoLongerUsed_IsNotKeptAlive_ByWhatItsSearchesRemembered()
    {
        // A branch remembers where its last search went: that must not keep a union a test dropped alive.
        var dropped = UseAndDropABranch();

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        dropped.TryGetTarget(out _).Should().BeFalse();
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static WeakReference<MemoryBranch> UseAndDropABranch()
    {
        var branch = new MemoryBranch();
        var fs = new UnionFileSystem(branch);
        fs.Directory.CreateDirectory(Directory);
        fs.File.WriteAllText(FilePath, "dropped");
        fs.File.ReadAllText(FilePath).Should().Be("dropped");
        return new WeakReference<MemoryBranch>(branch);
    }
}
