using System.Globalization;
using System.Text.Json;

namespace UnionFs.Benchmarks.Report;

/// <summary>What one target measured: the figure as shown, and whether it meets the target.</summary>
/// <param name="Measured">The figure (<c>1.23x</c>, <c>1.6 MB</c>).</param>
/// <param name="Pass">True when the target is met.</param>
/// <param name="Detail">The numbers it was computed from.</param>
public sealed record Outcome(string Measured, bool Pass, string Detail);

/// <summary>One row of the results table: a target of issue 5 and how to measure it.</summary>
/// <param name="Number">The target's number in issue 5 (1 to 7), or 13 for the rows issue 13 added.</param>
/// <param name="Workload">What is measured.</param>
/// <param name="Goal">The target, as a reader checks it.</param>
/// <param name="Measure">Computes the outcome; null when the benchmarks it needs did not run.</param>
public sealed record Target(int Number, string Workload, string Goal, Func<BenchmarkData, Outcome?> Measure);

/// <summary>The targets of issue 5 ("Performance: beat every alternative, measured side by side").</summary>
public static class Targets
{
    private const string Lookup = "LookupBenchmarks";
    private const string Read = "ReadBenchmarks";
    private const string CopyOnWrite = "CopyOnWriteBenchmarks";
    private const string Enumerate = "EnumerateBenchmarks";
    private const string Fixture = "FixtureBenchmarks";
    private const string Concurrency = "ConcurrencyBenchmarks";
    private const string ZioAggregate = "ZioAggregateBenchmarks";
    private const string RealTree = "RealTreeBenchmarks";

    /// <summary>The constant that a merged listing may allocate beyond the names it returns.</summary>
    public const long MergedListingConstantBytes = 64 * 1024;

    /// <summary>The time to the first entry of a merged listing, as a fraction of the whole listing, that counts as streaming.</summary>
    public const double StreamingFraction = 0.1;

    /// <summary>Every target, in the issue's order.</summary>
    public static IReadOnlyList<Target> All { get; } =
    [
        new(1, "Lookup depth: `File.Exists` of a file in the bottom of 64 lowers vs 1 lower", "≤ 1.5x",
            d => Alternated(d, "DepthPresent", "Lowers64", "Lowers1", (n, m) => AtMost(n, m, 1.5))
                ?? AtMost(d.Mean(Lookup, "UnionFileExists", ("LowerCount", 64)), d.Mean(Lookup, "UnionFileExists", ("LowerCount", 1)), 1.5)),
        new(1, "Lookup depth: `File.Exists` of a missing name, 64 lowers vs 1 lower", "≤ 1.5x",
            d => Alternated(d, "DepthMissing", "Lowers64", "Lowers1", (n, m) => AtMost(n, m, 1.5))
                ?? AtMost(d.Mean(Lookup, "UnionMissingExists", ("LowerCount", 64)), d.Mean(Lookup, "UnionMissingExists", ("LowerCount", 1)), 1.5)),
        new(2, "Union overhead: lookup of a present file, union of 1 lower vs raw branch `Stat`", "≤ 1.3x",
            d => Alternated(d, "LookupPresent", "Union", "RawBranch", (n, m) => AtMost(n, m, 1.3))
                ?? AtMost(d.Mean(Lookup, "UnionFileExists", ("LowerCount", 1)), d.Mean(Lookup, "RawBranchStat", ("LowerCount", 1)), 1.3)),
        new(2, "Union overhead: lookup of a missing name, union of 1 lower vs raw branch `Stat`", "≤ 1.3x",
            d => Alternated(d, "LookupMissing", "Union", "RawBranch", (n, m) => AtMost(n, m, 1.3))
                ?? AtMost(d.Mean(Lookup, "UnionMissingExists", ("LowerCount", 1)), d.Mean(Lookup, "RawBranchMissingStat", ("LowerCount", 1)), 1.3)),
        new(2, "Union overhead: reading a 64 MiB lower file, union vs raw branch stream", "≤ 1.1x",
            d => Alternated(d, "Read64MiB", "Union", "RawBranch", (u, r) => AtMost(u, r, 1.1))
                ?? AtMost(d.Mean(Read, "UnionRead", ("FileSize", 64 * 1024 * 1024)), d.Mean(Read, "RawBranchRead", ("FileSize", 64 * 1024 * 1024)), 1.1)),
        new(3, "Copy-on-write: append 1 byte to a 256 MiB lower file, memory upper over memory lower vs kernel overlay", "< 1/50 (0.02x)",
            d => Below(d.Mean(CopyOnWrite, "UnionMemoryLower"), d.Mean(CopyOnWrite, "KernelAppend"), 0.02)),
        new(3, "Copy-on-write: the same over a DirectoryBranch lower on tmpfs vs kernel overlay", "< 1/50 (0.02x)",
            d => Below(d.Mean(CopyOnWrite, "UnionDirectoryLower"), d.Mean(CopyOnWrite, "KernelAppend"), 0.02)),
        new(4, "Merged listing: 100k entries over 8 lowers with 10% whiteouts vs 100k entries in one branch", "≤ 2x",
            d => AtMost(d.Mean(Enumerate, "UnionMerged", ("EntryCount", 100_000)), d.Mean(Enumerate, "UnionOneBranch", ("EntryCount", 100_000)), 2)),
        new(4, "Merged listing streams: time to the first entry vs the whole listing", $"≤ {StreamingFraction.ToString(CultureInfo.InvariantCulture)}x",
            d => AtMost(d.Mean(Enumerate, "UnionMergedFirstEntry", ("EntryCount", 100_000)), d.Mean(Enumerate, "UnionMerged", ("EntryCount", 100_000)), StreamingFraction)),
        new(4, "Merged listing allocations beyond the returned names (100k entries; 10k in the detail)", $"≤ {MergedListingConstantBytes / 1024} KiB",
            MergedListingAllocations),
        new(5, "Fixture workload (build 10k files in 1k dirs, enumerate, read): MockFileSystem vs UnionFs", "≥ 20x faster",
            d => Alternated(d, "Fixture", "MockFileSystem", "UnionFs", (s, f) => AtLeast(s, f, 20))
                ?? AtLeast(d.Mean(Fixture, "MockFixture"), d.Mean(Fixture, "UnionFixture"), 20)),
        new(13, "Fixture workload: Zio's MemoryFileSystem (its own API) vs UnionFs", "UnionFs ahead (≥ 1x faster)",
            d => Alternated(d, "Fixture", "Zio", "UnionFs", (s, f) => AtLeast(s, f, 1))
                ?? AtLeast(d.Mean(Fixture, "ZioFixture"), d.Mean(Fixture, "UnionFixture"), 1)),
        new(13, "First recursive listing of a real tree (50k files in 500 directories, tmpfs) through a fresh union over a `DirectoryBranch` vs `Directory.EnumerateFiles`", "≤ 1.5x",
            d => Alternated(d, "RealTreeGenerated", "Union", "SystemIO", (u, s) => AtMost(u, s, 1.5))
                ?? AtMost(d.Mean(RealTree, "UnionGenerated"), d.Mean(RealTree, "SystemIOGenerated"), 1.5)),
        new(13, "First recursive listing of an installed system's `/usr/share` through a fresh union vs `Directory.EnumerateFiles`", "≤ 1.5x",
            d => Alternated(d, "RealTreeSharedData", "Union", "SystemIO", (u, s) => AtMost(u, s, 1.5))
                ?? AtMost(d.Mean(RealTree, "UnionSharedData"), d.Mean(RealTree, "SystemIOSharedData"), 1.5)),
        new(13, "Zio AggregateFileSystem over 8 memory layers vs a union over 8 memory lowers: lookup of a file in the bottom", "UnionFs ahead (≥ 1x faster)",
            d => AtLeast(d.Mean(ZioAggregate, "ZioExists", ("LayerCount", 8)), d.Mean(ZioAggregate, "UnionExists", ("LayerCount", 8)), 1)),
        new(13, "Zio AggregateFileSystem over 8 memory layers vs a union over 8 memory lowers: lookup of a missing name", "UnionFs ahead (≥ 1x faster)",
            d => AtLeast(d.Mean(ZioAggregate, "ZioMissing", ("LayerCount", 8)), d.Mean(ZioAggregate, "UnionMissing", ("LayerCount", 8)), 1)),
        new(13, "Zio AggregateFileSystem over 8 memory layers vs a union over 8 memory lowers: merged listing", "UnionFs ahead (≥ 1x faster)",
            d => AtLeast(d.Mean(ZioAggregate, "ZioListing", ("LayerCount", 8)), d.Mean(ZioAggregate, "UnionListing", ("LayerCount", 8)), 1)),
        new(5, "Metadata: stat of a present file (1 lower), kernel overlay vs UnionFs", "≥ 10x faster",
            d => AtLeast(d.Mean(Lookup, "KernelFileExists", ("LowerCount", 1)), d.Mean(Lookup, "UnionFileExists", ("LowerCount", 1)), 10)),
        new(5, "Metadata: stat of a missing name (1 lower), kernel overlay vs UnionFs", "≥ 10x faster",
            d => AtLeast(d.Mean(Lookup, "KernelMissingExists", ("LowerCount", 1)), d.Mean(Lookup, "UnionMissingExists", ("LowerCount", 1)), 10)),
        new(5, "Metadata: enumerate a 100k-entry directory, kernel overlay vs UnionFs", "≥ 10x faster",
            d => AtLeast(d.Mean(Enumerate, "KernelList", ("EntryCount", 100_000)), d.Mean(Enumerate, "UnionList", ("EntryCount", 100_000)), 10)),
        new(5, "Metadata: enumerate a tree recursively with `*.txt`, kernel overlay vs UnionFs", "≥ 10x faster",
            d => AtLeast(d.Mean(Enumerate, "KernelTree", ("EntryCount", 100_000)), d.Mean(Enumerate, "UnionTree", ("EntryCount", 100_000)), 10)),
        new(5, "Metadata: merged listing of 8 lowers, kernel overlay vs UnionFs", "≥ 10x faster",
            d => AtLeast(d.Mean(Enumerate, "KernelMerged", ("EntryCount", 100_000)), d.Mean(Enumerate, "UnionMerged", ("EntryCount", 100_000)), 10)),
        new(6, "Memory: 1,000 unions (empty uppers, a few lookups each) over one 100k-file lower, beyond the lower", "≤ 2 MB",
            SharedLower),
        new(6, "Memory: `MemoryBranch` bytes per entry beyond names and contents (100k empty files)", "≤ 200 B",
            d => BranchPerEntry(d, 0)),
        new(6, "Memory: `MemoryBranch` bytes per entry beyond names and contents (100k files of 64 bytes)", "≤ 200 B",
            d => BranchPerEntry(d, 64)),
        new(7, "Concurrency: read-only lookups, throughput of 2 threads vs 1 thread", "≥ 1.7x",
            d => Alternated(d, "Concurrency", "Threads1", "Threads2", (s, f) => AtLeast(s, f, 1.7))
                ?? AtLeast(d.Mean(Concurrency, "UnionLookups", ("Threads", 1)), d.Mean(Concurrency, "UnionLookups", ("Threads", 2)), 1.7)),
    ];

    /// <summary>
    /// A ratio row from the alternating-rounds measurement (both sides in one process, best round of each) when it ran;
    /// null otherwise, and the row falls back to BenchmarkDotNet's means (each side in a process of its own).
    /// </summary>
    private static Outcome? Alternated(BenchmarkData data, string comparison, string first, string second, Func<double?, double?, Outcome?> rule)
    {
        var outcome = rule(data.Best(comparison, first), data.Best(comparison, second));
        return outcome is null ? null : outcome with { Detail = outcome.Detail + ", best rounds, alternating in one process" };
    }

    /// <summary>numerator / denominator must be at most <paramref name="limit"/>.</summary>
    private static Outcome? AtMost(double? numerator, double? denominator, double limit)
    {
        if (numerator is not { } n || denominator is not { } d || d <= 0) return null;
        var ratio = n / d;
        return new Outcome(Format.Ratio(ratio), ratio <= limit, $"{Format.Time(n)} / {Format.Time(d)}");
    }

    /// <summary>numerator / denominator must be below <paramref name="limit"/>; shown also as "1/N".</summary>
    private static Outcome? Below(double? numerator, double? denominator, double limit)
    {
        if (numerator is not { } n || denominator is not { } d || d <= 0 || n <= 0) return null;
        var ratio = n / d;
        return new Outcome($"{Format.Ratio(ratio)} (1/{Format.Number(d / n)})", ratio < limit, $"{Format.Time(n)} / {Format.Time(d)}");
    }

    /// <summary>slow / fast must be at least <paramref name="limit"/>.</summary>
    private static Outcome? AtLeast(double? slow, double? fast, double limit)
    {
        if (slow is not { } s || fast is not { } f || f <= 0) return null;
        var speedup = s / f;
        var measured = speedup >= 1 ? $"{Format.Ratio(speedup)} faster" : $"{Format.Ratio(1 / speedup)} slower";
        return new Outcome(measured, speedup >= limit, $"{Format.Time(s)} / {Format.Time(f)}");
    }

    private static Outcome? MergedListingAllocations(BenchmarkData data)
    {
        if (data.Memory is not { } memory || !memory.TryGetProperty("MergedListing", out var listings)) return null;
        JsonElement? large = null, small = null;
        foreach (var listing in listings.EnumerateArray())
        {
            var entries = listing.GetProperty("EntryCount").GetInt32();
            if (entries == 100_000) large = listing;
            else if (entries == 10_000) small = listing;
        }
        if (large is not { } l) return null;
        var excess = l.GetProperty("ExcessBytes").GetInt64();
        var detail = $"{Format.Bytes(l.GetProperty("AllocatedBytes").GetInt64())} allocated, {Format.Bytes(l.GetProperty("ReturnedNameBytes").GetInt64())} of names returned";
        if (small is { } s) detail += $"; at 10k entries {Format.Bytes(s.GetProperty("ExcessBytes").GetInt64())} beyond the names";
        return new Outcome(Format.Bytes(excess), excess <= MergedListingConstantBytes, detail);
    }

    private static Outcome? SharedLower(BenchmarkData data)
    {
        if (data.Memory is not { } memory || !memory.TryGetProperty("SharedLower", out var shared)) return null;
        var bytes = shared.GetProperty("UnionsBytes").GetInt64();
        var detail = $"{shared.GetProperty("Unions").GetInt32():N0} unions, {Format.Bytes(shared.GetProperty("BytesPerUnion").GetInt64())} each; "
            + $"the lower ({shared.GetProperty("LowerEntries").GetInt32():N0} entries) takes {Format.Bytes(shared.GetProperty("LowerBytes").GetInt64())}";
        return new Outcome(Format.Bytes(bytes), bytes <= 2_000_000, detail);
    }

    private static Outcome? BranchPerEntry(BenchmarkData data, int contentBytes)
    {
        if (data.Memory is not { } memory || !memory.TryGetProperty("MemoryBranch", out var branches)) return null;
        foreach (var branch in branches.EnumerateArray())
        {
            if (branch.GetProperty("ContentBytesPerFile").GetInt32() != contentBytes) continue;
            var perEntry = branch.GetProperty("OverheadBytesPerEntry").GetDouble();
            var detail = $"{Format.Bytes(branch.GetProperty("TotalBytes").GetInt64())} for {branch.GetProperty("Entries").GetInt32():N0} entries; "
                + $"names {Format.Bytes(branch.GetProperty("NameBytes").GetInt64())}, contents {Format.Bytes(branch.GetProperty("ContentBytes").GetInt64())}";
            return new Outcome($"{perEntry.ToString("F0", CultureInfo.InvariantCulture)} B", perEntry <= 200, detail);
        }
        return null;
    }
}
