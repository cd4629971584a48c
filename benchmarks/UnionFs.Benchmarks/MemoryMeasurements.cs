using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using UnionFs.Benchmarks.Infrastructure;

namespace UnionFs.Benchmarks;

/// <summary>
/// Memory figures that are not timings (<c>-- --memory [file.json]</c>), measured with
/// <see cref="GC.GetTotalMemory(bool)"/> (full collections) before and after, and
/// <see cref="GC.GetAllocatedBytesForCurrentThread"/> around one call:
/// <list type="bullet">
/// <item>one lower of 100,000 files shared by 1,000 unions with empty uppers, each having done a few lookups:
/// the bytes beyond the lower itself (target: at most 2 MB);</item>
/// <item>a <see cref="MemoryBranch"/> of 100,000 files in 1,000 directories: the bytes per entry beyond the
/// names (a string of n chars is 22 + 2n bytes rounded up to 8) and the contents (target: at most 200);</item>
/// <item>the merged listing of <see cref="EnumerateBenchmarks"/>' 8-lower directory: bytes allocated beyond the
/// returned names, at two sizes (target: a constant).</item>
/// </list>
/// Prints the figures and writes them as JSON for the report.
/// </summary>
public static class MemoryMeasurements
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>Runs every measurement and writes the JSON to <paramref name="output"/>.</summary>
    public static int Run(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var watch = Stopwatch.StartNew();
        var results = new MemoryResults(
            SharedLower(unions: 1_000, directories: 1_000, filesPerDirectory: 100),
            [BranchPerEntry(1_000, 100, contentBytes: 0), BranchPerEntry(1_000, 100, contentBytes: 64)],
            [MergedListing(10_000), MergedListing(100_000)]);
        var json = JsonSerializer.Serialize(results, Json);
        var directory = Path.GetDirectoryName(Path.GetFullPath(output));
        if (directory is not null) Directory.CreateDirectory(directory);
        File.WriteAllText(output, json);
        Console.WriteLine(json);
        Console.WriteLine($"Memory measurements written to {output} in {watch.Elapsed.TotalSeconds:F1} s.");
        return 0;
    }

    /// <summary>The managed size of a string of <paramref name="length"/> chars on a 64-bit runtime.</summary>
    public static long StringSize(int length) => (22L + (2L * length) + 7) & ~7L;

    private static SharedLowerResult SharedLower(int unions, int directories, int filesPerDirectory)
    {
        var baseline = Settle();
        var lower = Layer.Tree("/usr", directories, filesPerDirectory, Layer.Content(16)).ToMemoryBranch();
        var withLower = Settle();
        var all = new UnionFileSystem[unions];
        var withArray = Settle();
        for (var i = 0; i < unions; i++)
        {
            var union = new UnionFileSystem(new MemoryBranch(), lower);
            var d = i % directories;
            if (!union.File.Exists($"/usr/d{d:D4}/f00.txt") || union.File.Exists($"/usr/d{d:D4}/missing") || !union.Directory.Exists("/usr"))
                throw new InvalidOperationException("The shared lower does not look as expected.");
            all[i] = union;
        }
        var withUnions = Settle();
        GC.KeepAlive(all);
        GC.KeepAlive(lower);
        var bytes = withUnions - withArray;
        return new SharedLowerResult(unions, directories * (filesPerDirectory + 1) + 1, withLower - baseline, bytes, bytes / unions);
    }

    private static BranchResult BranchPerEntry(int directories, int filesPerDirectory, int contentBytes)
    {
        var layer = Layer.Tree("/usr", directories, filesPerDirectory, Layer.Content(contentBytes));
        long names = 0, contents = 0;
        foreach (var path in layer.Directories) names += StringSize(Name(path));
        foreach (var (path, content) in layer.Files)
        {
            names += StringSize(Name(path));
            contents += content.Length;
        }
        var entries = layer.Directories.Count + layer.Files.Count;

        var before = Settle();
        var branch = layer.ToMemoryBranch();
        var after = Settle();
        GC.KeepAlive(branch);
        GC.KeepAlive(layer);
        var total = after - before;
        return new BranchResult(entries, contentBytes, total, names, contents, (double)(total - names - contents) / entries);
    }

    private static MergedListingResult MergedListing(int entryCount)
    {
        var (upper, lowers) = EnumerateBenchmarks.MergedDirectory(entryCount);
        var union = new UnionFileSystem(upper.ToMemoryBranch(), [.. lowers.Select(l => (IBranch)l.ToMemoryBranch())]);
        for (var warm = 0; warm < 3; warm++) Consume(union, out _, out _);

        var before = GC.GetAllocatedBytesForCurrentThread();
        Consume(union, out var count, out var names);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        if (count != EnumerateBenchmarks.MergedVisible(entryCount)) throw new InvalidOperationException("The merged directory does not look as expected.");
        return new MergedListingResult(entryCount, EnumerateBenchmarks.MergedLowers, count, allocated, names, allocated - names);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Consume(UnionFileSystem union, out int count, out long names)
    {
        count = 0;
        names = 0;
        foreach (var entry in union.Directory.EnumerateFileSystemEntries("/big"))
        {
            count++;
            names += StringSize(entry.Length);
        }
    }

    private static int Name(string path) => path.Length - path.LastIndexOf('/') - 1;

    private static long Settle()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    /// <summary>Everything the report reads.</summary>
    public sealed record MemoryResults(SharedLowerResult SharedLower, IReadOnlyList<BranchResult> MemoryBranch, IReadOnlyList<MergedListingResult> MergedListing);

    /// <summary>One lower shared by many unions.</summary>
    public sealed record SharedLowerResult(int Unions, int LowerEntries, long LowerBytes, long UnionsBytes, long BytesPerUnion);

    /// <summary>A memory branch's cost per entry beyond names and contents.</summary>
    public sealed record BranchResult(int Entries, int ContentBytesPerFile, long TotalBytes, long NameBytes, long ContentBytes, double OverheadBytesPerEntry);

    /// <summary>Bytes allocated by one merged listing beyond the names it returns.</summary>
    public sealed record MergedListingResult(int EntryCount, int Lowers, int Returned, long AllocatedBytes, long ReturnedNameBytes, long ExcessBytes);
}
