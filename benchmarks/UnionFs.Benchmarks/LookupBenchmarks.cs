using BenchmarkDotNet.Attributes;

namespace UnionFs.Benchmarks;

/// <summary>
/// The cost of the union over a raw branch: a name that lives in the bottom lower has to be looked up
/// through the (empty) upper and every lower above it.
/// </summary>
[MemoryDiagnoser]
public class LookupBenchmarks
{
    private const int FilesPerLower = 16;
    private const int SmallFileSize = 4096;
    private const string TargetPath = "/dir/target";
    private const string MissingPath = "/dir/missing";

    private MemoryBranch _bottom = null!;
    private UnionFileSystem _fs = null!;

    /// <summary>How many lower branches the union has; the target file is in the bottom one.</summary>
    [Params(1, 8, 64)]
    public int LowerCount { get; set; }

    /// <summary>Builds the lowers (topmost first) and a union with an empty upper over them.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var lowers = new IBranch[LowerCount];
        for (var i = 0; i < LowerCount; i++)
        {
            var branch = new MemoryBranch();
            var filler = new UnionFileSystem(branch);
            filler.Directory.CreateDirectory("/dir");
            for (var f = 0; f < FilesPerLower; f++)
            {
                filler.File.WriteAllText($"/dir/file{i}_{f}", "x");
            }

            lowers[i] = branch;
        }

        _bottom = (MemoryBranch)lowers[^1];
        var bottomFs = new UnionFileSystem(_bottom);
        bottomFs.File.WriteAllBytes(TargetPath, new byte[SmallFileSize]);

        _fs = new UnionFileSystem(new MemoryBranch(), lowers);
        if (!UnionFileExists() || UnionMissingExists() || UnionReadSmallFile().Length != SmallFileSize)
        {
            throw new InvalidOperationException("The benchmark fixture does not look as expected.");
        }
    }

    /// <summary>Baseline: stat the target directly on the branch that holds it.</summary>
    [Benchmark(Baseline = true)]
    public BranchEntry? RawBranchStat() => _bottom.Stat(TargetPath);

    /// <summary><c>File.Exists</c> through the union: upper, then every lower down to the bottom.</summary>
    [Benchmark]
    public bool UnionFileExists() => _fs.File.Exists(TargetPath);

    /// <summary><c>File.Exists</c> of a name no branch has: every branch is asked.</summary>
    [Benchmark]
    public bool UnionMissingExists() => _fs.File.Exists(MissingPath);

    /// <summary>Reads the 4 KiB target straight from the bottom branch into a new array, as ReadAllBytes does.</summary>
    [Benchmark]
    public byte[] RawBranchReadSmallFile()
    {
        using var stream = _bottom.OpenRead(TargetPath);
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }

    /// <summary><c>File.ReadAllBytes</c> of the 4 KiB target through the union.</summary>
    [Benchmark]
    public byte[] UnionReadSmallFile() => _fs.File.ReadAllBytes(TargetPath);
}
