using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Zio;
using Zio.FileSystems;

namespace UnionFs.Benchmarks;

/// <summary>
/// Zio's AggregateFileSystem over <see cref="LayerCount"/> MemoryFileSystems against a union over as many memory
/// lowers with an empty upper, on what both can do (an aggregate is read-only, with no whiteouts): a lookup of a
/// file in the bottom layer, a lookup of a missing name, and the merged listing of a directory every layer has.
/// Target: the union stays ahead at 8 layers.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class ZioAggregateBenchmarks : IDisposable
{
    private const string Present = "Present";
    private const string Missing = "Missing";
    private const string Listing = "Listing";
    private const int FilesPerLayer = 64;
    private static readonly EntryMetadata FileMetadata = EntryMetadata.NewFile(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));
    private static readonly EntryMetadata DirectoryMetadata = EntryMetadata.NewDirectory(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));

    private AggregateFileSystem _aggregate = null!;
    private UnionFileSystem _union = null!;

    /// <summary>How many layers; the target file is in the bottom one.</summary>
    [Params(1, 8, 64)]
    public int LayerCount { get; set; }

    /// <summary>Each layer has <c>/dir</c> with files of its own (half of them shared names); the bottom also has the target.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _aggregate = new AggregateFileSystem();
        var lowers = new IBranch[LayerCount];
        for (var layer = LayerCount - 1; layer >= 0; layer--)
        {
            var zio = new MemoryFileSystem();
            var branch = new MemoryBranch();
            zio.CreateDirectory("/dir");
            branch.CreateDirectory("/dir", DirectoryMetadata, opaque: false);
            for (var f = 0; f < FilesPerLayer; f++)
            {
                var name = f % 2 == 0 ? $"/dir/shared{f}" : $"/dir/own{layer}_{f}";
                zio.WriteAllBytes(name, [(byte)'x']);
                branch.CreateFile(name, new MemoryStream([(byte)'x']), FileMetadata);
            }
            if (layer == LayerCount - 1)
            {
                zio.WriteAllBytes("/dir/target", [(byte)'t']);
                branch.CreateFile("/dir/target", new MemoryStream([(byte)'t']), FileMetadata);
            }
            _aggregate.AddFileSystem(zio); // bottom first: a file system added later overrides
            lowers[layer] = branch;
        }
        _union = new UnionFileSystem(new MemoryBranch(), lowers);
        if (!ZioExists() || ZioMissing() || !UnionExists() || UnionMissing() || ZioListing() != UnionListing())
            throw new InvalidOperationException("the aggregate and the union disagree");
    }

    /// <summary>Releases the aggregate (and the memory file systems it holds).</summary>
    [GlobalCleanup]
    public void Dispose()
    {
        _aggregate?.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Zio: FileExists of the file in the bottom layer.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory(Present)]
    public bool ZioExists() => _aggregate.FileExists("/dir/target");

    /// <summary>UnionFs: File.Exists of the file in the bottom lower.</summary>
    [Benchmark]
    [BenchmarkCategory(Present)]
    public bool UnionExists() => _union.File.Exists("/dir/target");

    /// <summary>Zio: FileExists of a name no layer has.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory(Missing)]
    public bool ZioMissing() => _aggregate.FileExists("/dir/missing");

    /// <summary>UnionFs: File.Exists of a name no lower has.</summary>
    [Benchmark]
    [BenchmarkCategory(Missing)]
    public bool UnionMissing() => _union.File.Exists("/dir/missing");

    /// <summary>Zio: the merged listing of /dir.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory(Listing)]
    public int ZioListing()
    {
        var count = 0;
        foreach (var _ in _aggregate.EnumeratePaths("/dir", "*", SearchOption.TopDirectoryOnly, SearchTarget.Both)) count++;
        return count;
    }

    /// <summary>UnionFs: the merged listing of /dir.</summary>
    [Benchmark]
    [BenchmarkCategory(Listing)]
    public int UnionListing()
    {
        var count = 0;
        foreach (var _ in _union.Directory.EnumerateFileSystemEntries("/dir")) count++;
        return count;
    }
}
