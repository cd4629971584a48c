using System.IO.Abstractions.TestingHelpers;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using UnionFs.Benchmarks.Infrastructure;

namespace UnionFs.Benchmarks;

/// <summary>
/// Listing. <b>Directory</b>: one directory of <see cref="EntryCount"/> empty files in one lower.
/// <b>Tree</b>: a whole tree (1,000 directories of 10 files) recursively with the pattern <c>*.txt</c>.
/// Baselines: the raw branch (<c>List</c>, and a recursive <c>List</c> walk with the same filter); also UnionFs,
/// MockFileSystem, plain tmpfs and a kernel overlay. <b>Merged</b>: the same number of names spread over 8 lowers
/// (name k in lower k mod 8), 10% of them hidden by whiteouts one layer up (in the lower above, or in the upper
/// for the top lower), against the one-branch directory through the union (baseline); and the time to the first
/// entry (streaming). Targets: merged at most 2x one branch; the first entry long before the last; at least 10x
/// faster than the kernel overlay.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class EnumerateBenchmarks : BenchmarkBase
{
    /// <summary>How many lowers the merged directory is spread over.</summary>
    public const int MergedLowers = 8;

    /// <summary>One name in this many is whited out in the merged directory.</summary>
    public const int WhiteoutEvery = 10;

    private const string DirectoryCategory = "Directory";
    private const string TreeCategory = "Tree";
    private const string MergedCategory = "Merged";
    private const string BigPath = "/big";
    private const string TreePath = "/tree";
    private const string Pattern = "*.txt";
    private const int TreeDirectories = 1_000;
    private const int TreeFilesPerDirectory = 10;

    private MemoryBranch _lower = null!;
    private UnionFileSystem _union = null!;
    private UnionFileSystem _merged = null!;
    private MockFileSystem _mock = null!;
    private string _realPath = null!;

    /// <summary>Entries in the big directory (and in the merged one, before whiteouts).</summary>
    [Params(100_000)]
    public int EntryCount { get; set; }

    /// <summary>The name of entry <paramref name="index"/> of the big directory.</summary>
    public static string EntryName(int index) => $"f{index:D6}";

    /// <summary>One layer with the big directory.</summary>
    public static Layer BigDirectory(int entryCount)
    {
        var layer = new Layer().Directory(BigPath);
        for (var k = 0; k < entryCount; k++) layer.File($"{BigPath}/{EntryName(k)}", []);
        return layer;
    }

    /// <summary>The merged directory: an upper and <see cref="MergedLowers"/> lowers (topmost first).</summary>
    public static (Layer Upper, Layer[] Lowers) MergedDirectory(int entryCount)
    {
        var upper = new Layer().Directory(BigPath);
        var lowers = Enumerable.Range(0, MergedLowers).Select(_ => new Layer().Directory(BigPath)).ToArray();
        for (var k = 0; k < entryCount; k++)
        {
            var path = $"{BigPath}/{EntryName(k)}";
            var layer = k % MergedLowers;
            lowers[layer].File(path, []);
            if (k % WhiteoutEvery == 0) (layer == 0 ? upper : lowers[layer - 1]).Whiteout(path);
        }
        return (upper, lowers);
    }

    /// <summary>How many names the merged directory shows.</summary>
    public static int MergedVisible(int entryCount) => entryCount - ((entryCount + WhiteoutEvery - 1) / WhiteoutEvery);

    /// <summary>The big directory in a memory lower, and a union with an empty upper over it.</summary>
    [GlobalSetup(Targets = [nameof(RawBranchList), nameof(UnionList), nameof(UnionOneBranch), nameof(UnionOneBranchFirstEntry)])]
    public void SetupDirectory()
    {
        _lower = BigDirectory(EntryCount).ToMemoryBranch();
        _union = new UnionFileSystem(new MemoryBranch(), _lower);
        Check(RawBranchList() == EntryCount && UnionList() == EntryCount, "entry count");
    }

    /// <summary>The big directory in MockFileSystem.</summary>
    [GlobalSetup(Target = nameof(MockList))]
    public void SetupDirectoryMock()
    {
        _mock = BigDirectory(EntryCount).ToMockFileSystem();
        Check(MockList() == EntryCount, "entry count");
    }

    /// <summary>The big directory on plain tmpfs.</summary>
    [GlobalSetup(Target = nameof(TmpfsList))]
    public void SetupDirectoryTmpfs()
    {
        _realPath = PlainDirectory(BigDirectory(EntryCount)) + BigPath;
        Check(TmpfsList() == EntryCount, "entry count");
    }

    /// <summary>The big directory in the lower of a kernel overlay.</summary>
    [GlobalSetup(Target = nameof(KernelList))]
    public void SetupDirectoryKernel()
    {
        _realPath = MountOverlay([BigDirectory(EntryCount)]).Merged(BigPath);
        Check(KernelList() == EntryCount, "entry count");
    }

    private static Layer Tree() => Layer.Tree(TreePath, TreeDirectories, TreeFilesPerDirectory, Layer.Content(16));

    private static int TreeMatches => TreeDirectories * ((TreeFilesPerDirectory + 1) / 2);

    /// <summary>The tree in a memory lower, and a union with an empty upper over it.</summary>
    [GlobalSetup(Targets = [nameof(RawBranchTree), nameof(UnionTree)])]
    public void SetupTree()
    {
        _lower = Tree().ToMemoryBranch();
        _union = new UnionFileSystem(new MemoryBranch(), _lower);
        Check(RawBranchTree() == TreeMatches && UnionTree() == TreeMatches, "matches");
    }

    /// <summary>The tree in MockFileSystem.</summary>
    [GlobalSetup(Target = nameof(MockTree))]
    public void SetupTreeMock()
    {
        _mock = Tree().ToMockFileSystem();
        Check(MockTree() == TreeMatches, "matches");
    }

    /// <summary>The tree on plain tmpfs.</summary>
    [GlobalSetup(Target = nameof(TmpfsTree))]
    public void SetupTreeTmpfs()
    {
        _realPath = PlainDirectory(Tree()) + TreePath;
        Check(TmpfsTree() == TreeMatches, "matches");
    }

    /// <summary>The tree in the lower of a kernel overlay.</summary>
    [GlobalSetup(Target = nameof(KernelTree))]
    public void SetupTreeKernel()
    {
        _realPath = MountOverlay([Tree()]).Merged(TreePath);
        Check(KernelTree() == TreeMatches, "matches");
    }

    /// <summary>The merged directory in memory branches, and the union over them.</summary>
    [GlobalSetup(Targets = [nameof(UnionMerged), nameof(UnionMergedFirstEntry)])]
    public void SetupMerged()
    {
        var (upper, lowers) = MergedDirectory(EntryCount);
        _merged = new UnionFileSystem(upper.ToMemoryBranch(), [.. lowers.Select(l => (IBranch)l.ToMemoryBranch())]);
        Check(UnionMerged() == MergedVisible(EntryCount), "merged entry count");
    }

    /// <summary>The merged directory as a kernel overlay (whiteouts as character devices 0/0).</summary>
    [GlobalSetup(Target = nameof(KernelMerged))]
    public void SetupMergedKernel()
    {
        var (upper, lowers) = MergedDirectory(EntryCount);
        _realPath = MountOverlay(lowers, upper).Merged(BigPath);
        Check(KernelMerged() == MergedVisible(EntryCount), "merged entry count");
    }

    /// <summary>Baseline: the raw branch lists the directory.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory(DirectoryCategory)]
    public int RawBranchList() => _lower.List(BigPath).Count();

    /// <summary><c>Directory.EnumerateFileSystemEntries</c> through a union of the one lower.</summary>
    [Benchmark]
    [BenchmarkCategory(DirectoryCategory)]
    public int UnionList() => _union.Directory.EnumerateFileSystemEntries(BigPath).Count();

    /// <summary>The same on MockFileSystem.</summary>
    [Benchmark]
    [BenchmarkCategory(DirectoryCategory)]
    public int MockList() => _mock.Directory.EnumerateFileSystemEntries(BigPath).Count();

    /// <summary>The same on plain tmpfs.</summary>
    [Benchmark]
    [BenchmarkCategory(DirectoryCategory)]
    [NeedsMount]
    public int TmpfsList() => Directory.EnumerateFileSystemEntries(_realPath).Count();

    /// <summary>The same on the kernel overlay.</summary>
    [Benchmark]
    [BenchmarkCategory(DirectoryCategory)]
    [NeedsMount]
    public int KernelList() => Directory.EnumerateFileSystemEntries(_realPath).Count();

    /// <summary>Baseline: a recursive walk of the raw branch with <c>List</c>, keeping names that end in <c>.txt</c>.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory(TreeCategory)]
    public int RawBranchTree()
    {
        var count = 0;
        var pending = new Stack<string>();
        pending.Push(TreePath);
        while (pending.TryPop(out var directory))
        {
            foreach (var entry in _lower.List(directory))
            {
                if (entry.IsDirectory) pending.Push(directory + "/" + entry.Name);
                else if (entry.Name.EndsWith(".txt", StringComparison.Ordinal)) count++;
            }
        }
        return count;
    }

    /// <summary><c>Directory.EnumerateFiles(tree, "*.txt", AllDirectories)</c> through the union.</summary>
    [Benchmark]
    [BenchmarkCategory(TreeCategory)]
    public int UnionTree() => _union.Directory.EnumerateFiles(TreePath, Pattern, SearchOption.AllDirectories).Count();

    /// <summary>The same on MockFileSystem.</summary>
    [Benchmark]
    [BenchmarkCategory(TreeCategory)]
    public int MockTree() => _mock.Directory.EnumerateFiles(TreePath, Pattern, SearchOption.AllDirectories).Count();

    /// <summary>The same on plain tmpfs.</summary>
    [Benchmark]
    [BenchmarkCategory(TreeCategory)]
    [NeedsMount]
    public int TmpfsTree() => Directory.EnumerateFiles(_realPath, Pattern, SearchOption.AllDirectories).Count();

    /// <summary>The same on the kernel overlay.</summary>
    [Benchmark]
    [BenchmarkCategory(TreeCategory)]
    [NeedsMount]
    public int KernelTree() => Directory.EnumerateFiles(_realPath, Pattern, SearchOption.AllDirectories).Count();

    /// <summary>Baseline: the one-branch directory through the union (the same as <see cref="UnionList"/>).</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory(MergedCategory)]
    public int UnionOneBranch() => _union.Directory.EnumerateFileSystemEntries(BigPath).Count();

    /// <summary>The merged directory of 8 lowers and whiteouts through the union.</summary>
    [Benchmark]
    [BenchmarkCategory(MergedCategory)]
    public int UnionMerged() => _merged.Directory.EnumerateFileSystemEntries(BigPath).Count();

    /// <summary>Only the first entry of the merged directory: streaming means this costs far less than the whole.</summary>
    [Benchmark]
    [BenchmarkCategory(MergedCategory)]
    public string UnionMergedFirstEntry() => _merged.Directory.EnumerateFileSystemEntries(BigPath).First();

    /// <summary>Only the first entry of the one-branch directory.</summary>
    [Benchmark]
    [BenchmarkCategory(MergedCategory)]
    public string UnionOneBranchFirstEntry() => _union.Directory.EnumerateFileSystemEntries(BigPath).First();

    /// <summary>The merged directory on a kernel overlay with the same layers.</summary>
    [Benchmark]
    [BenchmarkCategory(MergedCategory)]
    [NeedsMount]
    public int KernelMerged() => Directory.EnumerateFileSystemEntries(_realPath).Count();
}
