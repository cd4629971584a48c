using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace UnionFs.Benchmarks;

/// <summary>
/// Issue 12, item 6: <c>Directory.CreateDirectory</c> of a chain <c>/d/d/.../d</c> <see cref="Depth"/> levels deep
/// through a union with a memory upper (one call), and <c>Directory.Delete(path, recursive: true)</c> of it. Linear
/// in depth means twice the depth takes about twice the time. Baseline: the raw <see cref="MemoryBranch"/>, one
/// <c>CreateDirectory</c> per level, one <c>Remove</c> of the top. Every invocation starts from a fresh tree
/// (made in an untimed [IterationSetup]).
/// <c>dotnet run -c Release --project benchmarks/UnionFs.Benchmarks -- --filter '*DeepChain*'</c>.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
[InvocationCount(1)]
public class DeepChainBenchmarks
{
    private const string Create = "CreateDirectory";
    private const string Delete = "DeleteRecursive";
    private static readonly EntryMetadata DirectoryMetadata = EntryMetadata.NewDirectory(new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc));

    private string _chain = string.Empty;
    private MemoryBranch? _raw;
    private UnionFileSystem? _union;

    /// <summary>Levels of the chain.</summary>
    [Params(5_000, 10_000, 20_000)]
    public int Depth { get; set; }

    /// <summary>The chain's path.</summary>
    [GlobalSetup]
    public void Setup() => _chain = string.Concat(Enumerable.Repeat("/d", Depth));

    /// <summary>An empty raw branch.</summary>
    [IterationSetup(Target = nameof(RawBranchCreate))]
    public void SetupRawCreate() => _raw = new MemoryBranch();

    /// <summary>An empty union.</summary>
    [IterationSetup(Target = nameof(UnionCreate))]
    public void SetupUnionCreate() => _union = new UnionFileSystem(new MemoryBranch());

    /// <summary>A raw branch holding the chain.</summary>
    [IterationSetup(Target = nameof(RawBranchDelete))]
    public void SetupRawDelete()
    {
        SetupRawCreate();
        RawBranchCreate();
    }

    /// <summary>A union holding the chain in its upper.</summary>
    [IterationSetup(Target = nameof(UnionDelete))]
    public void SetupUnionDelete()
    {
        SetupUnionCreate();
        UnionCreate();
    }

    /// <summary>The floor: one branch call per level.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory(Create)]
    public void RawBranchCreate()
    {
        for (var end = 2; end <= _chain.Length; end += 2) _raw!.CreateDirectory(_chain[..end], DirectoryMetadata, opaque: false);
    }

    /// <summary>One <c>Directory.CreateDirectory</c> through the union.</summary>
    [Benchmark]
    [BenchmarkCategory(Create)]
    public void UnionCreate() => _union!.Directory.CreateDirectory(_chain);

    /// <summary>The floor: one branch removal of the top.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory(Delete)]
    public void RawBranchDelete() => _raw!.Remove("/d");

    /// <summary>One recursive <c>Directory.Delete</c> through the union.</summary>
    [Benchmark]
    [BenchmarkCategory(Delete)]
    public void UnionDelete() => _union!.Directory.Delete("/d", recursive: true);
}
