using System.Globalization;
using System.Text;

namespace UnionFs.Benchmarks.Report;

/// <summary>Writes <c>docs/performance.md</c>: the targets table, the lookup chart, the machine, every timing.</summary>
public static class ReportWriter
{
    /// <summary>The markdown for <paramref name="data"/>; <paramref name="chartFile"/> is the chart's file name next to it, or null.</summary>
    public static string Write(BenchmarkData data, Machine machine, string? chartFile, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(machine);
        var md = new StringBuilder();
        var jobs = data.Cases.Select(c => c.Job).Where(j => j.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        Line(md, "# Performance");
        Line(md);
        Line(md, "UnionFs against the alternatives, measured side by side (issue 5). Each figure is a ratio of two");
        Line(md, "measurements from the same run: a raw `MemoryBranch` used directly (the union's overhead), `MockFileSystem`,");
        Line(md, "a kernel overlay mount over tmpfs used through System.IO, and plain tmpfs through System.IO (the floor");
        Line(md, "for real files). Written by `benchmarks/run-comparison.sh`; do not edit by hand.");
        Line(md);
        if (data.Alternating is not null)
        {
            Line(md, "The ratio rows marked \"alternating in one process\" (fixture, union overhead and the 64 MiB read, depth, concurrency, real trees) time both");
            Line(md, "sides in one process, rounds alternating, and compare the best round of each: BenchmarkDotNet runs every");
            Line(md, "case in a process of its own, and on this machine two processes running the same code can differ by more");
            Line(md, "than half. Their BenchmarkDotNet means are in the timings below. The real-tree rounds each start from a collected");
            Line(md, "heap, as BenchmarkDotNet's iterations do.");
            Line(md);
        }
        if (jobs.Any(j => j.StartsWith("Dry", StringComparison.Ordinal)))
        {
            Line(md, "> **Dry run.** These figures come from BenchmarkDotNet's dry job (one cold invocation per case): they check");
            Line(md, "> that every benchmark runs, they are not measurements. Run `benchmarks/run-comparison.sh` for real figures.");
            Line(md);
        }

        var outcomes = Targets.All.Select(t => (Target: t, Outcome: t.Measure(data))).ToList();
        var met = outcomes.Count(o => o.Outcome?.Pass == true);
        var missing = outcomes.Count(o => o.Outcome is null);
        Line(md, "## Targets");
        Line(md);
        Line(md, $"{met} of {outcomes.Count} targets met" + (missing > 0 ? $"; {missing} not measured in this run." : "."));
        Line(md);
        Line(md, "| # | Workload | Target | Measured | Result | From |");
        Line(md, "|---|---|---|---|---|---|");
        foreach (var (target, outcome) in outcomes)
        {
            var result = outcome is null ? "not measured" : outcome.Pass ? "**pass**" : "**FAIL**";
            Line(md, $"| {target.Number} | {target.Workload} | {target.Goal} | {outcome?.Measured ?? "–"} | {result} | {outcome?.Detail ?? "–"} |");
        }
        Line(md);

        if (data.Best("FixtureText", "UnionFs") is not null || data.Best("FixtureStreams", "UnionFs") is not null)
        {
            Line(md, "## The fixture written other ways");
            Line(md);
            Line(md, "Not targets: the fixture's files written and read as text (`WriteAllText`, `GetFiles(\"*.txt\")`, `ReadAllText`)");
            Line(md, "and through streams (`File.Create` and a write, `File.OpenRead` and a read), alternating in one process, best rounds.");
            Line(md);
            Line(md, "| Style | MockFileSystem | UnionFs | MockFileSystem / UnionFs |");
            Line(md, "|---|---:|---:|---:|");
            foreach (var (comparison, style) in new[] { ("FixtureText", "text"), ("FixtureStreams", "streams") })
            {
                if (data.Best(comparison, "MockFileSystem") is not { } mock || data.Best(comparison, "UnionFs") is not { } union) continue;
                Line(md, $"| {style} | {Format.Time(mock)} | {Format.Time(union)} | {(mock / union).ToString("F1", CultureInfo.InvariantCulture)}x |");
            }
            Line(md);
        }

        if (data.Best("ConcurrencyArithmetic", "Threads2") is not null)
        {
            Line(md, "## Two threads on this machine");
            Line(md);
            Line(md, "Target 7 beside calls that share nothing with the union, in the same harness (a fixed number of calls on one");
            Line(md, "thread and split over two, alternating in one process, best rounds): the raw lower's `Stat`, and arithmetic");
            Line(md, "alone, eight independent chains of multiplications or one chain. The union's one-thread side is a union no");
            Line(md, "second thread has walked, which keeps its one walker's remembered directory in itself; the two-thread side one");
            Line(md, "walked by both, which keeps one for each, and each thread finds its own by where its stack is.");
            Line(md);
            Line(md, "| Calls | 1 thread, per call | 2 threads, per call | 2 threads / 1 thread |");
            Line(md, "|---|---:|---:|---:|");
            foreach (var (comparison, calls) in new[]
            {
                ("Concurrency", "union `File.Exists`"),
                ("ConcurrencyRawBranch", "raw lower `Stat`"),
                ("ConcurrencyArithmetic", "arithmetic, eight chains"),
                ("ConcurrencyChainedArithmetic", "arithmetic, one chain"),
            })
            {
                if (data.Best(comparison, "Threads1") is not { } one || data.Best(comparison, "Threads2") is not { } two) continue;
                Line(md, $"| {calls} | {Format.Time(one)} | {Format.Time(two)} | {(one / two).ToString("F2", CultureInfo.InvariantCulture)}x |");
            }
            Line(md);
        }

        Line(md, "## Lookup cost against layer count");
        Line(md);
        if (chartFile is not null)
        {
            Line(md, $"![File.Exists cost against the number of lower layers, UnionFs and kernel overlay]({chartFile})");
            Line(md);
        }
        Line(md, "`File.Exists` of a file in the bottom lower (present) and of a name no layer has (missing), every lower");
        Line(md, "holding 16 other files in the same directory; the union has an empty memory upper, the kernel overlay an");
        Line(md, "empty upper on the same tmpfs as its lowers.");
        Line(md);
        Line(md, "| Lowers | UnionFs, present | UnionFs, missing | Kernel, present | Kernel, missing | Raw branch `Stat` |");
        Line(md, "|---:|---:|---:|---:|---:|---:|");
        foreach (var count in LookupChart.LayerCounts)
        {
            string Cell(string method) => data.Mean("LookupBenchmarks", method, ("LowerCount", count)) is { } mean ? Format.Time(mean) : "–";
            Line(md, $"| {count} | {Cell("UnionFileExists")} | {Cell("UnionMissingExists")} | {Cell("KernelFileExists")} | {Cell("KernelMissingExists")} | {Cell("RawBranchStat")} |");
        }
        Line(md);

        Line(md, "## Machine");
        Line(md);
        Line(md, $"- Date: {nowUtc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC");
        Line(md, $"- Cores: {machine.Cores}");
        Line(md, $"- CPU: {machine.Cpu}");
        Line(md, $"- Kernel: {machine.Kernel} ({machine.Os})");
        Line(md, $"- .NET: {machine.DotNet}");
        Line(md, $"- BenchmarkDotNet: {machine.BenchmarkDotNet}; job: {(jobs.Count == 0 ? "–" : string.Join("; ", jobs.Select(j => $"`{j}`")))}");
        Line(md);

        Line(md, "## All timings");
        Line(md);
        Line(md, "Mean time per operation (± standard error) and bytes allocated per operation, by benchmark class.");
        Line(md, "The ratio is against the baseline of the same class, category and parameters (the raw branch, except");
        Line(md, "in the merged-listing category, whose baseline is the one-branch listing through the union).");
        foreach (var group in data.Cases.GroupBy(c => c.Type, StringComparer.Ordinal))
        {
            Line(md);
            Line(md, $"### {group.Key}");
            Line(md);
            Line(md, "| Method | Parameters | Mean | ± | Ratio | Allocated |");
            Line(md, "|---|---|---:|---:|---:|---:|");
            foreach (var c in group)
            {
                var mean = c.MeanNanoseconds is { } m ? Format.Time(m) : "did not run";
                var error = c.StandardErrorNanoseconds is { } e && e > 0 ? Format.Time(e) : "–";
                var ratio = Baseline(data, c) is { } b && c.MeanNanoseconds is { } value && b > 0 ? Format.Ratio(value / b) : "–";
                var allocated = c.AllocatedBytes is { } a ? Format.Bytes(a) : "–";
                Line(md, $"| {c.Method} | {(c.ParametersText.Length == 0 ? "–" : c.ParametersText)} | {mean} | {error} | {ratio} | {allocated} |");
            }
        }
        Line(md);

        Line(md, "## Reproduce");
        Line(md);
        Line(md, "As root (the kernel overlay and tmpfs need `mount`), on a quiet machine:");
        Line(md);
        Line(md, "```sh");
        Line(md, "benchmarks/run-comparison.sh");
        Line(md, "```");
        Line(md);
        Line(md, "Without permission to mount, the tmpfs and kernel overlay benchmarks are skipped and their targets show");
        Line(md, "as not measured. Memory figures come from `dotnet run -c Release --project benchmarks/UnionFs.Benchmarks -- --memory`,");
        Line(md, "the alternating-rounds ratios from `dotnet run -c Release --project benchmarks/UnionFs.Benchmarks -- --alternating`.");
        return md.ToString();
    }

    /// <summary>The mean of the baseline that BenchmarkDotNet compares <paramref name="c"/> with.</summary>
    private static double? Baseline(BenchmarkData data, BenchmarkCase c)
    {
        var baseline = BaselineMethod(c.Type, c.Method);
        if (baseline is null) return null;
        return data.Cases.FirstOrDefault(o => o.Type == c.Type && o.Method == baseline && o.ParametersText == c.ParametersText)?.MeanNanoseconds;
    }

    private static string? BaselineMethod(string type, string method) => (type, method) switch
    {
        ("LookupBenchmarks", _) when method.Contains("Missing", StringComparison.Ordinal) => "RawBranchMissingStat",
        ("LookupBenchmarks", _) => "RawBranchStat",
        ("ReadBenchmarks", _) => "RawBranchRead",
        ("WriteBenchmarks", _) when method.EndsWith("Append", StringComparison.Ordinal) => "RawBranchAppend",
        ("WriteBenchmarks", _) => "RawBranchWrite",
        ("FixtureBenchmarks", _) => "RawBranchFixture",
        ("EnumerateBenchmarks", "UnionOneBranch" or "UnionMerged" or "UnionMergedFirstEntry" or "UnionOneBranchFirstEntry" or "KernelMerged") => "UnionOneBranch",
        ("EnumerateBenchmarks", _) when method.EndsWith("Tree", StringComparison.Ordinal) => "RawBranchTree",
        ("EnumerateBenchmarks", _) => "RawBranchList",
        ("LowerTreeBenchmarks", _) when method.EndsWith("Rename", StringComparison.Ordinal) => "RawBranchRename",
        ("LowerTreeBenchmarks", _) => "RawBranchDelete",
        ("CopyOnWriteBenchmarks", _) => "RawBranchAppend",
        ("ConcurrencyBenchmarks", _) => "RawBranchLookups",
        ("TarIndexBenchmarks", _) => "OpenTarLayerBranch",
        ("ZioAggregateBenchmarks", _) when method.EndsWith("Listing", StringComparison.Ordinal) => "ZioListing",
        ("ZioAggregateBenchmarks", _) when method.EndsWith("Missing", StringComparison.Ordinal) => "ZioMissing",
        ("ZioAggregateBenchmarks", _) => "ZioExists",
        _ => null,
    };

    private static void Line(StringBuilder md, string text = "") => md.Append(text).Append('\n');
}
