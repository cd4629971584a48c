using System.IO.Abstractions.TestingHelpers;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using UnionFs.Benchmarks.Infrastructure;

namespace UnionFs.Benchmarks;

/// <summary>
/// Lookup depth: <c>File.Exists</c> of a name that lives in the bottom of <see cref="LowerCount"/> lowers
/// (through the empty upper and every lower above it), and of a name no branch has, for UnionFs and for a
/// kernel overlay with the same lowers on tmpfs. Baselines: <c>Stat</c> on the raw bottom branch; floors
/// (first layer count only): MockFileSystem and plain tmpfs with the bottom layer's files.
/// Targets: depth (64 lowers at most 1.5x one), union overhead (one lower at most 1.3x the raw branch),
/// and the kernel comparison (at least 10x faster).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class LookupBenchmarks : BenchmarkBase
{
    private const string Present = "Present";
    private const string Missing = "Missing";
    private const int FilesPerLower = 16;
    private const string TargetPath = "/dir/target";
    private const string MissingPath = "/dir/missing";

    private MemoryBranch _bottom = null!;
    private UnionFileSystem _union = null!;
    private MockFileSystem _mock = null!;
    private string _tmpfsTarget = null!;
    private string _tmpfsMissing = null!;
    private string _kernelTarget = null!;
    private string _kernelMissing = null!;

    /// <summary>How many lower branches there are; the target file is in the bottom one.</summary>
    [Params(1, 2, 4, 8, 16, 32, 64)]
    public int LowerCount { get; set; }

    /// <summary>The lowers, topmost first: each has <c>/dir</c> with its own files; the bottom one also has the target.</summary>
    private Layer[] Lowers()
    {
        var lowers = new Layer[LowerCount];
        for (var i = 0; i < LowerCount; i++)
        {
            var layer = new Layer().Directory("/dir");
            for (var f = 0; f < FilesPerLower; f++) layer.File($"/dir/file{i}_{f}", [(byte)'x']);
            lowers[i] = layer;
        }
        lowers[^1].File(TargetPath, Layer.Content(4096));
        return lowers;
    }

    /// <summary>Builds the memory lowers and a union with an empty upper over them.</summary>
    [GlobalSetup(Targets = [nameof(RawBranchStat), nameof(RawBranchMissingStat), nameof(UnionFileExists), nameof(UnionMissingExists)])]
    public void SetupUnion()
    {
        var lowers = Lowers().Select(l => (IBranch)l.ToMemoryBranch()).ToArray();
        _bottom = (MemoryBranch)lowers[^1];
        _union = new UnionFileSystem(new MemoryBranch(), lowers);
        Check(UnionFileExists() && !UnionMissingExists() && RawBranchStat() is not null, "union lookups");
    }

    /// <summary>Mounts a kernel overlay over the same lowers on tmpfs.</summary>
    [GlobalSetup(Targets = [nameof(KernelFileExists), nameof(KernelMissingExists)])]
    public void SetupKernel()
    {
        var overlay = MountOverlay(Lowers());
        _kernelTarget = overlay.Merged(TargetPath);
        _kernelMissing = overlay.Merged(MissingPath);
        Check(KernelFileExists() && !KernelMissingExists(), "kernel lookups");
    }

    /// <summary>A MockFileSystem with the bottom layer's files.</summary>
    [GlobalSetup(Targets = [nameof(MockFileExists), nameof(MockMissingExists)])]
    public void SetupMock()
    {
        _mock = Lowers()[^1].ToMockFileSystem();
        Check(MockFileExists() && !MockMissingExists(), "mock lookups");
    }

    /// <summary>A plain tmpfs directory with the bottom layer's files.</summary>
    [GlobalSetup(Targets = [nameof(TmpfsFileExists), nameof(TmpfsMissingExists)])]
    public void SetupTmpfs()
    {
        var root = PlainDirectory(Lowers()[^1]);
        _tmpfsTarget = root + TargetPath;
        _tmpfsMissing = root + MissingPath;
        Check(TmpfsFileExists() && !TmpfsMissingExists(), "tmpfs lookups");
    }

    /// <summary>Baseline: <c>Stat</c> of the target straight on the bottom branch.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory(Present)]
    public BranchEntry? RawBranchStat() => _bottom.Stat(TargetPath);

    /// <summary><c>File.Exists</c> through the union: upper, then every lower down to the bottom.</summary>
    [Benchmark]
    [BenchmarkCategory(Present)]
    public bool UnionFileExists() => _union.File.Exists(TargetPath);

    /// <summary><c>File.Exists</c> on the kernel overlay's merged directory.</summary>
    [Benchmark]
    [BenchmarkCategory(Present)]
    [NeedsMount]
    public bool KernelFileExists() => File.Exists(_kernelTarget);

    /// <summary><c>File.Exists</c> on a MockFileSystem (one layer: it has none).</summary>
    [Benchmark]
    [BenchmarkCategory(Present)]
    [FirstParamsOnly]
    public bool MockFileExists() => _mock.File.Exists(TargetPath);

    /// <summary><c>File.Exists</c> on plain tmpfs: the floor for real files.</summary>
    [Benchmark]
    [BenchmarkCategory(Present)]
    [NeedsMount]
    [FirstParamsOnly]
    public bool TmpfsFileExists() => File.Exists(_tmpfsTarget);

    /// <summary>Baseline: <c>Stat</c> of a missing name straight on the bottom branch.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory(Missing)]
    public BranchEntry? RawBranchMissingStat() => _bottom.Stat(MissingPath);

    /// <summary><c>File.Exists</c> of a name no branch has: every branch is asked.</summary>
    [Benchmark]
    [BenchmarkCategory(Missing)]
    public bool UnionMissingExists() => _union.File.Exists(MissingPath);

    /// <summary><c>File.Exists</c> of a missing name on the kernel overlay.</summary>
    [Benchmark]
    [BenchmarkCategory(Missing)]
    [NeedsMount]
    public bool KernelMissingExists() => File.Exists(_kernelMissing);

    /// <summary><c>File.Exists</c> of a missing name on a MockFileSystem.</summary>
    [Benchmark]
    [BenchmarkCategory(Missing)]
    [FirstParamsOnly]
    public bool MockMissingExists() => _mock.File.Exists(MissingPath);

    /// <summary><c>File.Exists</c> of a missing name on plain tmpfs.</summary>
    [Benchmark]
    [BenchmarkCategory(Missing)]
    [NeedsMount]
    [FirstParamsOnly]
    public bool TmpfsMissingExists() => File.Exists(_tmpfsMissing);
}
