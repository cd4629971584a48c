using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace UnionFs.Benchmarks;

/// <summary>
/// The ratio targets measured as a side-by-side probe measures them: each comparison in one process, its sides
/// timed in rounds that alternate, the best round of each side kept. BenchmarkDotNet runs every case in a process of
/// its own, minutes apart; on this machine two processes running the same code can differ by more than half, which
/// is more than most targets allow. The 64 MiB read and the first listings of the real trees are here too; a real-tree
/// round starts from a collected heap, as a BenchmarkDotNet iteration does, so the collections its own garbage causes
/// are counted in it (the median pause within a round is printed beside each side). Run with
/// <c>dotnet run -c Release --project benchmarks/UnionFs.Benchmarks -- --alternating [file.json]</c>; the report
/// takes these figures for the rows they cover when the file is there.
/// </summary>
internal static class AlternatingRatios
{
    /// <summary>Counted rounds per side; a fifth as many more warm up first.</summary>
    private const int Rounds = 30;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Lookups per timed round of the lookup comparisons.</summary>
    private const int LookupsPerRound = 100_000;

    public static int Run(string output)
    {
        var comparisons = new List<Comparison>
        {
            Fixture(),
            FixtureStyle("FixtureText", (b, fs) => b.BuildEnumerateReadText(fs)),
            FixtureStyle("FixtureStreams", (b, fs) => b.BuildEnumerateReadStreams(fs)),
            Lookups("LookupPresent", 1, b => b.UnionFileExists(), b => b.RawBranchStat() is not null),
            Lookups("LookupMissing", 1, b => b.UnionMissingExists(), b => b.RawBranchMissingStat() is not null),
            Depth("DepthPresent", b => b.UnionFileExists()),
            Depth("DepthMissing", b => b.UnionMissingExists()),
            Concurrency(),
            ConcurrencyRawBranch(),
            ConcurrencyArithmetic(),
            ConcurrencyChainedArithmetic(),
            LargeRead(),
        };
        comparisons.AddRange(RealTrees());
        foreach (var comparison in comparisons) comparison.Print();
        var directory = Path.GetDirectoryName(Path.GetFullPath(output));
        if (directory is not null) Directory.CreateDirectory(directory);
        File.WriteAllText(output, JsonSerializer.Serialize(new { Rounds, Comparisons = comparisons }, Indented));
        Console.WriteLine($"Wrote {output}.");
        return 0;
    }

    /// <summary>The fixture workload on MockFileSystem, Zio's MemoryFileSystem and UnionFs; a round is one build, list and read.</summary>
    private static Comparison Fixture()
    {
        var benchmarks = new FixtureBenchmarks();
        benchmarks.SetupUnion();
        return Compare("Fixture", 1,
            ("MockFileSystem", benchmarks.MockFixture),
            ("Zio", benchmarks.ZioFixture),
            ("UnionFs", benchmarks.UnionFixture));
    }

    /// <summary>The fixture built, listed and read another way (as text, through streams), on MockFileSystem and UnionFs.</summary>
    private static Comparison FixtureStyle(string name, Func<FixtureBenchmarks, System.IO.Abstractions.IFileSystem, long> style)
    {
        var benchmarks = new FixtureBenchmarks();
        benchmarks.SetupUnion();
        return Compare(name, 1,
            ("MockFileSystem", () => style(benchmarks, new System.IO.Abstractions.TestingHelpers.MockFileSystem())),
            ("UnionFs", () => style(benchmarks, new UnionFileSystem(new MemoryBranch()))));
    }

    /// <summary>A union of <paramref name="lowers"/> lowers against the raw bottom branch.</summary>
    private static Comparison Lookups(string name, int lowers, Func<LookupBenchmarks, bool> union, Func<LookupBenchmarks, bool> raw)
    {
        var benchmarks = new LookupBenchmarks { LowerCount = lowers };
        benchmarks.SetupUnion();
        return Compare(name, LookupsPerRound,
            ("Union", () => Repeat(benchmarks, union)),
            ("RawBranch", () => Repeat(benchmarks, raw)));
    }

    /// <summary>The same lookup through a union of 64 lowers and of 1.</summary>
    private static Comparison Depth(string name, Func<LookupBenchmarks, bool> lookup)
    {
        var deep = new LookupBenchmarks { LowerCount = 64 };
        deep.SetupUnion();
        var shallow = new LookupBenchmarks { LowerCount = 1 };
        shallow.SetupUnion();
        return Compare(name, LookupsPerRound,
            ("Lowers64", () => Repeat(deep, lookup)),
            ("Lowers1", () => Repeat(shallow, lookup)));
    }

    /// <summary>The concurrency benchmark's lookups (a fixed total) on 1 thread and split over 2.</summary>
    private static Comparison Concurrency() => Split("Concurrency", b => b.UnionLookups());

    /// <summary>
    /// For reference beside the union's row: the same split of lookups with the raw lower's <c>Stat</c> (no union,
    /// nothing written), and below, of calls that do arithmetic alone.
    /// </summary>
    private static Comparison ConcurrencyRawBranch() => Split("ConcurrencyRawBranch", b => b.RawBranchLookups());

    /// <summary>The same split of calls that do arithmetic alone, many chains at once (<see cref="ConcurrencyBenchmarks.ArithmeticCalls"/>).</summary>
    private static Comparison ConcurrencyArithmetic() => Split("ConcurrencyArithmetic", b => b.ArithmeticCalls(chained: false));

    /// <summary>The same split of calls that do arithmetic alone, one chain waiting on each result.</summary>
    private static Comparison ConcurrencyChainedArithmetic() => Split("ConcurrencyChainedArithmetic", b => b.ArithmeticCalls(chained: true));

    /// <summary>A fixed number of <paramref name="calls"/> on one thread and split over two.</summary>
    private static Comparison Split(string name, Func<ConcurrencyBenchmarks, int> calls)
    {
        var one = new ConcurrencyBenchmarks { Threads = 1 };
        one.Setup();
        var two = new ConcurrencyBenchmarks { Threads = 2 };
        two.Setup();
        try
        {
            return Compare(name, ConcurrencyBenchmarks.TotalLookups,
                ("Threads1", () => calls(one)),
                ("Threads2", () => calls(two)));
        }
        finally
        {
            // Stops the worker thread, which would otherwise spin on the other core into the next comparison.
            two.GlobalCleanup();
        }
    }

    /// <summary>Reading the 64 MiB lower file through the union and from the raw branch's own stream.</summary>
    private static Comparison LargeRead()
    {
        var benchmarks = new ReadBenchmarks { FileSize = 64 * 1024 * 1024 };
        benchmarks.SetupUnion();
        return Compare("Read64MiB", 1,
            ("Union", benchmarks.UnionRead),
            ("RawBranch", benchmarks.RawBranchRead));
    }

    /// <summary>
    /// The first listing of each real tree through a fresh union against System.IO's (<see cref="RealTreeBenchmarks"/>),
    /// with a full collection before every round, as BenchmarkDotNet makes between iterations: each round starts from
    /// the same heap, and the collections a side's own garbage causes fall inside its rounds (each side's median pause
    /// is printed). The /usr/share comparison is left out where there is no /usr/share.
    /// </summary>
    private static IEnumerable<Comparison> RealTrees()
    {
        var benchmarks = new RealTreeBenchmarks();
        benchmarks.Setup();
        try
        {
            var generated = Compare("RealTreeGenerated", RealTreeBenchmarks.Directories * RealTreeBenchmarks.FilesPerDirectory, collectBetweenRounds: true,
                ("Union", () => benchmarks.UnionGenerated()),
                ("SystemIO", () => benchmarks.SystemIOGenerated()));
            var shared = benchmarks.SystemIOSharedData();
            if (shared == 0) return [generated];
            return [generated, Compare("RealTreeSharedData", shared, collectBetweenRounds: true,
                ("Union", () => benchmarks.UnionSharedData()),
                ("SystemIO", () => benchmarks.SystemIOSharedData()))];
        }
        finally
        {
            benchmarks.GlobalCleanup();
        }
    }

    private static long Repeat(LookupBenchmarks benchmarks, Func<LookupBenchmarks, bool> lookup)
    {
        long found = 0;
        for (var i = 0; i < LookupsPerRound; i++)
        {
            if (lookup(benchmarks)) found++;
        }
        return found;
    }

    /// <summary>Times the sides in alternating rounds (the order turning each round, so no side always follows another).</summary>
    private static Comparison Compare(string name, int operationsPerRound, params (string Name, Func<long> Run)[] sides) =>
        Compare(name, operationsPerRound, collectBetweenRounds: false, sides);

    /// <summary>As <see cref="Compare(string, int, ValueTuple{string, Func{long}}[])"/>; with <paramref name="collectBetweenRounds"/>, each round starts from a collected heap.</summary>
    private static Comparison Compare(string name, int operationsPerRound, bool collectBetweenRounds, params (string Name, Func<long> Run)[] sides)
    {
        // What the comparison before this one left (a fixture's hundreds of megabytes) is collected now, not by a
        // background collection on the other core while these rounds run (two threads need both cores).
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var times = sides.Select(_ => new List<double>()).ToArray();
        var pauses = sides.Select(_ => new List<double>()).ToArray();
        var answers = new long[sides.Length];
        var warmup = Math.Max(Rounds / 5, 3);
        for (var round = 0; round < warmup + Rounds; round++)
        {
            for (var k = 0; k < sides.Length; k++)
            {
                var i = (k + round) % sides.Length;
                if (collectBetweenRounds)
                {
                    GC.Collect();
                    GC.WaitForPendingFinalizers();
                    GC.Collect();
                }
                var paused = GC.GetTotalPauseDuration();
                var clock = Stopwatch.StartNew();
                answers[i] = sides[i].Run();
                var elapsed = clock.Elapsed.TotalNanoseconds / operationsPerRound;
                if (round < warmup) continue;
                times[i].Add(elapsed);
                pauses[i].Add((GC.GetTotalPauseDuration() - paused).TotalMilliseconds);
            }
        }
        var results = new List<Side>();
        for (var i = 0; i < sides.Length; i++)
        {
            var sorted = times[i].Order().ToArray();
            var pause = pauses[i].Order().ToArray()[pauses[i].Count / 2];
            results.Add(new Side(sides[i].Name, sorted[0], sorted[sorted.Length / 2], answers[i], pause));
        }
        return new Comparison(name, operationsPerRound, results);
    }

    /// <summary>One comparison: its sides' best and median time per operation.</summary>
    public sealed record Comparison(string Name, int OperationsPerRound, IReadOnlyList<Side> Sides)
    {
        public void Print()
        {
            Console.WriteLine($"{Name} ({OperationsPerRound:N0} operations a round, {Rounds} rounds alternating)");
            foreach (var side in Sides)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {side.Name,-16} best {side.BestNanoseconds,12:F1} ns   median {side.MedianNanoseconds,12:F1} ns   GC pause in a round (median) {side.MedianGcPauseMilliseconds,7:F1} ms"));
        }
    }

    /// <summary>
    /// One side of a comparison; <see cref="Answer"/> is what its last round returned (a count), for a check by eye;
    /// <see cref="MedianGcPauseMilliseconds"/> the garbage collector's pauses within a round (median of the rounds).
    /// </summary>
    public sealed record Side(string Name, double BestNanoseconds, double MedianNanoseconds, long Answer, double MedianGcPauseMilliseconds);
}
