using System.IO.Abstractions.TestingHelpers;
using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Scale;

/// <summary>
/// Issue 12, item 6: making and deleting a directory chain through the union costs branch calls linear in its depth.
/// No timings (machines are noisy): a <see cref="CountingBranch"/> counts the Stat and List calls that reach each
/// branch, and the count for a chain twice as deep may be at most about twice as large. Each is run on a
/// <see cref="SmallStackThread"/>.
/// </summary>
[NonParallelizable]
public class DeepTreeCostTests
{
    private const int Depth = 400;

    /// <summary>MockFileSystem itself slows down with deep paths (seconds at 800 levels): less deep there.</summary>
    private const int MockDepth = 100;

    private static string Chain(int depth, string name = "d") => string.Concat(Enumerable.Repeat("/" + name, depth));

    /// <summary>Branch calls (Stat + List, over every counted branch) that <paramref name="act"/> makes for a chain of <paramref name="depth"/>.</summary>
    private static long Calls(int depth, Func<int, (UnionFileSystem Fs, CountingBranch[] Counted)> open, Action<UnionFileSystem, int> act)
    {
        long calls = 0;
        SmallStackThread.Run(() =>
        {
            var (fs, counted) = open(depth);
            foreach (var branch in counted) branch.Reset();
            act(fs, depth);
            calls = counted.Sum(b => (long)b.Stats + b.Lists);
        });
        return calls;
    }

    private static void ShouldBeLinear(Func<int, (UnionFileSystem, CountingBranch[])> open, Action<UnionFileSystem, int> act, int depth = Depth)
    {
        var small = Calls(depth, open, act);
        var large = Calls(2 * depth, open, act);
        TestContext.Out.WriteLine($"branch calls: depth {depth}: {small}, depth {2 * depth}: {large}");
        large.Should().BeLessThanOrEqualTo((long)(2.2 * small) + 50, $"twice the depth ({small} calls at {depth}) costs at most about twice the calls");
    }

    private static (UnionFileSystem, CountingBranch[]) MemoryUpper(int depth)
    {
        var upper = new CountingBranch(new MemoryBranch());
        return (new UnionFileSystem(upper), [upper]);
    }

    /// <summary>A counted <see cref="DirectoryBranch"/> upper over a <see cref="MockFileSystem"/> (no PATH_MAX there).</summary>
    private static (UnionFileSystem, CountingBranch[]) DirectoryUpperOverMock(int depth)
    {
        var mock = new MockFileSystem();
        mock.Directory.CreateDirectory("/upper");
        var upper = new CountingBranch(new DirectoryBranch(mock, "/upper"));
        return (new UnionFileSystem(upper), [upper]);
    }

    /// <summary>A lower holding half the chain (so its levels are copied up or merged) under a counted memory upper.</summary>
    private static (UnionFileSystem, CountingBranch[]) OverHalfALowerChain(int depth)
    {
        var lowerBranch = new MemoryBranch();
        new UnionFileSystem(lowerBranch).Directory.CreateDirectory(Chain(depth / 2));
        var upper = new CountingBranch(new MemoryBranch());
        var lower = new CountingBranch(lowerBranch);
        return (new UnionFileSystem(upper, lower), [upper, lower]);
    }

    [Test]
    public void CreateDirectory_Chain_ShouldCostBranchCallsLinearInDepth() =>
        ShouldBeLinear(MemoryUpper, (fs, depth) => fs.Directory.CreateDirectory(Chain(depth)));

    [Test]
    public void CreateDirectory_ChainPartlyInALower_ShouldCostBranchCallsLinearInDepth() =>
        ShouldBeLinear(OverHalfALowerChain, (fs, depth) => fs.Directory.CreateDirectory(Chain(depth)));

    [Test]
    public void CreateDirectory_ChainInADirectoryUpper_ShouldCostBranchCallsLinearInDepth() =>
        ShouldBeLinear(DirectoryUpperOverMock, (fs, depth) => fs.Directory.CreateDirectory(Chain(depth)), MockDepth);

    [Test]
    public void DeleteRecursive_ChainInADirectoryUpper_ShouldCostBranchCallsLinearInDepth() =>
        ShouldBeLinear(depth =>
        {
            var opened = DirectoryUpperOverMock(depth);
            opened.Item1.Directory.CreateDirectory(Chain(depth));
            return opened;
        }, (fs, _) => fs.Directory.Delete("/d", recursive: true), MockDepth);

    [Test]
    public void MoveLowerChain_IntoAnUpperWithoutRedirects_ShouldCostBranchCallsLinearInDepth() =>
        ShouldBeLinear(depth =>
        {
            var lower = new MemoryBranch();
            new UnionFileSystem(lower).Directory.CreateDirectory(Chain(depth));
            var upper = new CountingBranch(new MemoryBranch(), supportsRedirect: false);
            return (new UnionFileSystem(upper, lower), [upper]);
        }, (fs, _) => fs.Directory.Move("/d", "/e"));

    [Test]
    public void DeleteRecursive_ChainWatchedBelow_ShouldCostBranchCallsLinearInDepth() =>
        ShouldBeLinear(depth =>
        {
            var opened = OverHalfALowerChain(depth);
            opened.Item1.Directory.CreateDirectory(Chain(depth));
            var watcher = opened.Item1.FileSystemWatcher.New("/");
            watcher.IncludeSubdirectories = true;
            watcher.EnableRaisingEvents = true;
            return opened;
        }, (fs, _) => fs.Directory.Delete("/d", recursive: true));

    [Test]
    public void DeleteRecursive_Chain_ShouldCostBranchCallsLinearInDepth() =>
        ShouldBeLinear(depth =>
        {
            var opened = MemoryUpper(depth);
            opened.Item1.Directory.CreateDirectory(Chain(depth));
            return opened;
        }, (fs, _) => fs.Directory.Delete("/d", recursive: true));

    [Test]
    public void DeleteRecursive_ChainPartlyInALower_ShouldCostBranchCallsLinearInDepth() =>
        ShouldBeLinear(depth =>
        {
            var opened = OverHalfALowerChain(depth);
            opened.Item1.Directory.CreateDirectory(Chain(depth));
            return opened;
        }, (fs, _) => fs.Directory.Delete("/d", recursive: true));
}
