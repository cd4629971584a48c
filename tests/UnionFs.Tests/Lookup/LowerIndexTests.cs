using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Lookup;

/// <summary>
/// Lowers are immutable while mounted, so the union remembers what they hold: the second lookup or listing of
/// the same name asks no lower again, however many there are, and <see cref="UnionFileSystem.RefreshLowers"/>
/// makes it look again after a lower changed.
/// </summary>
public class LowerIndexTests
{
    private const int LowerCount = 16;

    private List<CountingBranch> _lowers = null!;
    private MemoryBranch _bottom = null!;
    private UnionFileSystem _fs = null!;

    [SetUp]
    public void SetUp()
    {
        var branches = Enumerable.Range(0, LowerCount).Select(_ => new MemoryBranch()).ToList();
        for (var i = 0; i < LowerCount; i++)
        {
            var filler = new UnionFileSystem(branches[i]);
            filler.Directory.CreateDirectory("/dir/sub");
            filler.File.WriteAllText($"/dir/file{i:D2}", $"layer {i}");
        }
        _bottom = branches[^1];
        new UnionFileSystem(_bottom).File.WriteAllText("/dir/sub/deep.txt", "bottom");
        _lowers = branches.Select(b => new CountingBranch(b)).ToList();
        _fs = new UnionFileSystem(new MemoryBranch(), [.. _lowers]);
    }

    private int LowerStats => _lowers.Sum(l => l.Stats);

    private int LowerLists => _lowers.Sum(l => l.Lists);

    private void ResetCounts() => _lowers.ForEach(l => l.Reset());

    [Test]
    public void Exists_SameNameTwice_ShouldAskTheLowersOnlyTheFirstTime()
    {
        _fs.File.Exists("/dir/sub/deep.txt").Should().BeTrue();
        LowerStats.Should().BeGreaterThan(LowerCount, "the first lookup walks every lower");
        ResetCounts();

        _fs.File.Exists("/dir/sub/deep.txt").Should().BeTrue();

        LowerStats.Should().Be(0);
    }

    [Test]
    public void Exists_MissingNameTwice_ShouldAskTheLowersOnlyTheFirstTime()
    {
        _fs.File.Exists("/dir/missing").Should().BeFalse();
        ResetCounts();

        _fs.File.Exists("/dir/missing").Should().BeFalse();

        LowerStats.Should().Be(0);
    }

    [Test]
    public void GetFiles_Twice_ShouldListTheLowersOnlyTheFirstTime()
    {
        var first = _fs.Directory.GetFiles("/dir");
        LowerLists.Should().Be(LowerCount);
        ResetCounts();

        var second = _fs.Directory.GetFiles("/dir");

        second.Should().Equal(first);
        second.Should().HaveCount(LowerCount);
        LowerLists.Should().Be(0);
    }

    [Test]
    public void EnumerateFiles_AbandonedHalfWay_ShouldNotLeaveAPartialListingBehind()
    {
        _fs.Directory.EnumerateFiles("/dir").Take(3).Should().HaveCount(3);

        _fs.Directory.GetFiles("/dir").Should().HaveCount(LowerCount);
    }

    [Test]
    public void UpperChanges_AfterTheLowersAreKnown_ShouldShowAtOnce()
    {
        _fs.Directory.GetFiles("/dir").Should().HaveCount(LowerCount);

        _fs.File.Delete("/dir/file03");
        _fs.File.WriteAllText("/dir/new.txt", "upper");
        _fs.Directory.Delete("/dir/sub", recursive: true);

        _fs.Directory.GetFiles("/dir").Should().HaveCount(LowerCount).And.Contain("/dir/new.txt").And.NotContain("/dir/file03");
        _fs.Directory.Exists("/dir/sub").Should().BeFalse();
        _fs.Directory.CreateDirectory("/dir/sub");
        _fs.Directory.GetFileSystemEntries("/dir/sub").Should().BeEmpty("a directory made where a lower one was deleted is opaque");
    }

    [Test]
    public void RefreshLowers_AfterALowerChanged_ShouldShowTheChange()
    {
        _fs.File.Exists("/dir/late.txt").Should().BeFalse();
        _fs.Directory.GetFiles("/dir").Should().HaveCount(LowerCount);

        new UnionFileSystem(_bottom).File.WriteAllText("/dir/late.txt", "added underneath");
        _fs.RefreshLowers();

        _fs.File.ReadAllText("/dir/late.txt").Should().Be("added underneath");
        _fs.Directory.GetFiles("/dir").Should().Contain("/dir/late.txt").And.HaveCount(LowerCount + 1);
    }

    [Test]
    public void Move_LowerDirectory_ShouldKeepItsLowerContentsUnderTheNewName()
    {
        _fs.File.Exists("/dir/sub/deep.txt").Should().BeTrue();

        _fs.Directory.Move("/dir/sub", "/moved");

        _fs.File.ReadAllText("/moved/deep.txt").Should().Be("bottom");
        _fs.Directory.Exists("/dir/sub").Should().BeFalse();
        ResetCounts();
        _fs.File.Exists("/moved/deep.txt").Should().BeTrue();
        LowerStats.Should().Be(0, "the redirected lowers are remembered too");
    }

    [Test]
    public void SecondUnion_OverTheSameLowers_ShouldReuseWhatTheFirstLearnt()
    {
        _fs.File.Exists("/dir/sub/deep.txt").Should().BeTrue();
        ResetCounts();

        var second = new UnionFileSystem(new MemoryBranch(), [.. _lowers]);

        second.File.ReadAllText("/dir/sub/deep.txt").Should().Be("bottom");
        LowerStats.Should().Be(0);
    }

    [Test]
    public void SecondUnion_OverTheSameLowersInAnotherOrder_ShouldSeeItsOwnTopmostFile()
    {
        var top = new MemoryBranch();
        var bottom = new MemoryBranch();
        new UnionFileSystem(top).File.WriteAllText("/same.txt", "top");
        new UnionFileSystem(bottom).File.WriteAllText("/same.txt", "bottom");

        var first = new UnionFileSystem(new MemoryBranch(), top, bottom);
        var swapped = new UnionFileSystem(new MemoryBranch(), bottom, top);
        var readOnly = UnionFileSystem.ReadOnly(top, bottom);

        first.File.ReadAllText("/same.txt").Should().Be("top");
        swapped.File.ReadAllText("/same.txt").Should().Be("bottom");
        readOnly.File.ReadAllText("/same.txt").Should().Be("top");
    }

    [Test]
    public void RefreshLowers_OnOneUnion_ShouldShowTheChangeInEveryUnionOverThoseLowers()
    {
        var second = new UnionFileSystem(new MemoryBranch(), [.. _lowers]);
        second.File.Exists("/dir/late.txt").Should().BeFalse();

        new UnionFileSystem(_bottom).File.WriteAllText("/dir/late.txt", "added underneath");
        _fs.RefreshLowers();

        second.File.Exists("/dir/late.txt").Should().BeTrue();
    }

    [Test]
    public void NewUnion_OverAMemoryLowerWrittenSinceTheLastUnion_ShouldSeeWhatItHoldsNow()
    {
        var lower = new MemoryBranch();
        var filler = new UnionFileSystem(lower);
        filler.File.WriteAllText("/a.txt", "first");
        new UnionFileSystem(new MemoryBranch(), lower).File.ReadAllText("/a.txt").Should().Be("first");

        filler.File.WriteAllText("/a.txt", "second, longer");
        filler.File.WriteAllText("/b.txt", "new");

        var next = new UnionFileSystem(new MemoryBranch(), lower);
        next.File.ReadAllText("/a.txt").Should().Be("second, longer");
        next.Directory.GetFiles("/").Should().Equal("/a.txt", "/b.txt");
    }

    [Test]
    public void Lookups_ThroughALowerLinkToADirectory_ShouldFollowTheLinkEveryTime()
    {
        var lower = new MemoryBranch();
        var filler = new UnionFileSystem(lower);
        filler.Directory.CreateDirectory("/real");
        filler.File.WriteAllText("/real/inside.txt", "inside");
        filler.File.CreateSymbolicLink("/alias", "/real");
        var fs = new UnionFileSystem(new MemoryBranch(), lower);

        for (var i = 0; i < 2; i++)
        {
            fs.File.ReadAllText("/alias/inside.txt").Should().Be("inside");
            fs.File.Exists("/alias/missing.txt").Should().BeFalse();
            fs.Directory.Exists("/alias").Should().BeTrue();
            fs.File.GetAttributes("/alias").Should().HaveFlag(FileAttributes.ReparsePoint);
        }
    }

    [Test]
    public void Lookups_BelowALowerFile_ShouldFailAsNotADirectoryEveryTime()
    {
        for (var i = 0; i < 2; i++)
        {
            _fs.File.Exists("/dir/file00/below").Should().BeFalse();
            var read = () => _fs.File.ReadAllText("/dir/file00/below");
            read.Should().Throw<DirectoryNotFoundException>();
            var readMissing = () => _fs.File.ReadAllText("/nowhere/below");
            readMissing.Should().Throw<DirectoryNotFoundException>();
        }
    }

    [TestCase("/dir/sub/deep.txt")]
    [TestCase("/dir/sub/missing.txt")]
    [TestCase("/dir/file03")]
    [TestCase("/dir/missing")]
    public void APathLookedUpOnce_IsNotKeptByTheIndexTheLowersShare(string path)
    {
        // The index lives as long as the lowers, across every union over them: a path looked up once (a scan, a union
        // made for one check and dropped) must not stay in it, nor the caller's string with it.
        var written = WeakPathLookedUpOnce(_fs, path);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        written.TryGetTarget(out _).Should().BeFalse();
    }

    [TestCase("/dir/sub/deep.txt", true)]
    [TestCase("/dir/sub/missing.txt", false)]
    [TestCase("/dir/file03", true)]
    [TestCase("/dir/missing", false)]
    public void APathLookedUpAgainAndAgain_CostsNoAllocation(string path, bool exists)
    {
        // Learnt by one union (from the root, and again from its parent), then looked up by another that walked elsewhere first.
        var first = new UnionFileSystem(new MemoryBranch(), [.. _lowers]);
        first.File.Exists(path).Should().Be(exists);
        first.File.Exists(path).Should().Be(exists);
        var fs = new UnionFileSystem(new MemoryBranch(), [.. _lowers]);
        fs.File.Exists("/dir/file00");
        fs.File.Exists(path);

        var found = 0;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 3; i++) found += fs.File.Exists(path) ? 1 : 0;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        found.Should().Be(exists ? 3 : 0);
        allocated.Should().Be(0);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static WeakReference<string> WeakPathLookedUpOnce(UnionFileSystem shared, string path)
    {
        // A string of its own (not the interned literal), looked up through a union of its own over the same lowers.
        var own = new string(path.AsSpan());
        var fs = new UnionFileSystem(new MemoryBranch(), [.. shared.Lowers]);
        fs.File.Exists(own);
        return new WeakReference<string>(own);
    }
}
