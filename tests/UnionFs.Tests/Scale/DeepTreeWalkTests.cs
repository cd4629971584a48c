using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Scale;

/// <summary>
/// Issue 12, item 6: a directory chain 20,000 deep made and deleted through the union, and the walks that used to
/// recurse once per level (the tree listing a recursive delete makes for a watcher below it, the copy-up of a whole
/// tree when a lower directory moves into an upper that cannot store a redirect), each on a
/// <see cref="SmallStackThread"/>, so any recursion per level overflows its stack and fails the run.
/// </summary>
[NonParallelizable]
public class DeepTreeWalkTests
{
    private const int Depth = 20_000;

    private static string Chain(int depth) => string.Concat(Enumerable.Repeat("/d", depth));

    private static MemoryBranch LowerChain(int depth)
    {
        var branch = new MemoryBranch();
        var fs = new UnionFileSystem(branch);
        fs.Directory.CreateDirectory(Chain(depth));
        fs.File.WriteAllText(Chain(depth) + "/leaf", "leaf");
        return branch;
    }

    [Test]
    public void CreateThenDeleteRecursive_Chain20000Deep_ShouldWork() => SmallStackThread.Run(() =>
    {
        var fs = new UnionFileSystem(new MemoryBranch());

        fs.Directory.CreateDirectory(Chain(Depth));

        fs.Directory.Exists(Chain(Depth)).Should().BeTrue();
        fs.Directory.Exists(Chain(Depth + 1)).Should().BeFalse();
        fs.Directory.Delete("/d", recursive: true);
        fs.Directory.GetFileSystemEntries("/").Should().BeEmpty();
    });

    [Test]
    public void CreateDirectory_ChainBelowALowerChain_ShouldCopyUpAndMakeEveryLevel() => SmallStackThread.Run(() =>
    {
        var lower = LowerChain(Depth / 2);
        var upper = new MemoryBranch();
        var fs = new UnionFileSystem(upper, lower);

        fs.Directory.CreateDirectory(Chain(Depth));

        fs.Directory.Exists(Chain(Depth)).Should().BeTrue();
        fs.File.ReadAllText(Chain(Depth / 2) + "/leaf").Should().Be("leaf");
        fs.GetChanges().Should().HaveCount(Depth, "the lower's levels (and its leaf's parent) are changed parents, each level below them is new");
        fs.Directory.Delete("/d", recursive: true);
        fs.Directory.Exists("/d").Should().BeFalse();
        fs.GetChanges().Select(c => c.ToString()).Should().Equal("D /d");
    });

    [Test]
    public void DeleteRecursive_ChainWatchedBelow_ShouldReportEveryEntry() => SmallStackThread.Run(() =>
    {
        var depth = 10_000;
        var fs = new UnionFileSystem(new MemoryBranch(), LowerChain(depth));
        var deleted = 0;
        using var watcher = fs.FileSystemWatcher.New("/");
        watcher.IncludeSubdirectories = true;
        watcher.Deleted += (_, _) => Interlocked.Increment(ref deleted);
        watcher.EnableRaisingEvents = true;

        fs.Directory.Delete("/d", recursive: true);

        SpinWait.SpinUntil(() => Volatile.Read(ref deleted) == depth + 1, TimeSpan.FromSeconds(30));
        Volatile.Read(ref deleted).Should().Be(depth + 1, "every directory of the chain and the leaf");
        fs.Directory.Exists("/d").Should().BeFalse();
    });

    [Test]
    public void MoveLowerChain_IntoAnUpperWithoutRedirects_ShouldCopyTheTreeUp() => SmallStackThread.Run(() =>
    {
        var depth = 10_000;
        var upper = new CountingBranch(new MemoryBranch(), supportsRedirect: false);
        var fs = new UnionFileSystem(upper, LowerChain(depth));

        fs.Directory.Move("/d", "/e");

        fs.File.ReadAllText("/e" + Chain(depth - 1) + "/leaf").Should().Be("leaf");
        fs.Directory.Exists("/d").Should().BeFalse();
        upper.Stats.Should().BeLessThan(20 * depth, "each level is copied up from its parent, not walked from the root");
    });
}
