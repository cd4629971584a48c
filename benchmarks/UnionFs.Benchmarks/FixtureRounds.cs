using System.Diagnostics;
using System.Globalization;

namespace UnionFs.Benchmarks;

/// <summary>
/// The fixture workload of <see cref="FixtureBenchmarks"/> measured the way a side-by-side probe does: one process,
/// rounds alternating MockFileSystem, Zio's MemoryFileSystem and UnionFs, so all three meet the same phases of a
/// shared machine; the ratios of their best and of their median rounds. BenchmarkDotNet runs each in a process of its
/// own, minutes apart, and on this machine two processes can differ by more than half. Run with
/// <c>dotnet run -c Release --project benchmarks/UnionFs.Benchmarks -- --fixture-rounds [rounds]</c>.
/// </summary>
internal static class FixtureRounds
{
    public static int Run(int rounds)
    {
        var benchmarks = new FixtureBenchmarks();
        benchmarks.SetupUnion();
        (string Name, Func<long> Run)[] peers =
        [
            ("MockFileSystem", benchmarks.MockFixture),
            ("Zio MemoryFileSystem", benchmarks.ZioFixture),
            ("UnionFs", benchmarks.UnionFixture),
        ];
        var times = peers.Select(_ => new List<double>()).ToArray();
        // The first fifth warms up (tiered JIT) and is not counted.
        var warmup = Math.Max(rounds / 5, 3);
        for (var round = 0; round < warmup + rounds; round++)
        {
            for (var i = 0; i < peers.Length; i++)
            {
                var clock = Stopwatch.StartNew();
                var bytes = peers[i].Run();
                var elapsed = clock.Elapsed.TotalMilliseconds;
                if (bytes != FixtureBenchmarks.FileCount * 100L) throw new InvalidOperationException($"{peers[i].Name} read {bytes} bytes.");
                if (round >= warmup) times[i].Add(elapsed);
            }
        }
        var sorted = times.Select(t => t.Order().ToArray()).ToArray();
        var union = sorted[^1];
        Console.WriteLine($"Fixture workload ({FixtureBenchmarks.FileCount:N0} files in {FixtureBenchmarks.DirectoryCount:N0} directories: build, enumerate, read), {rounds} rounds alternating");
        Console.WriteLine("peer                    best ms   median ms   UnionFs faster (best)   (median)");
        for (var i = 0; i < peers.Length; i++)
        {
            var best = sorted[i][0];
            var median = sorted[i][sorted[i].Length / 2];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{peers[i].Name,-22} {best,8:F2} {median,11:F2} {best / union[0],22:F2}x {median / union[union.Length / 2],9:F2}x"));
        }
        return 0;
    }
}
