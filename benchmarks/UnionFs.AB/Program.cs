using System.Diagnostics;
using UnionFs.AB;

// Two builds of UnionFs in one process, rounds alternating A, B, A, B: both meet the same machine phases, so their
// ratio holds where separate runs on a shared, noisy machine do not. See benchmarks/ab.sh.
if (args.Length < 2 || args.Contains("--help"))
{
    Console.WriteLine("usage: UnionFs.AB A/UnionFs.dll B/UnionFs.dll [--rounds N] [--workload fixture|streams|lookups|upper|walks|threads|crowd|tree|all|usrshare]");
    return args.Contains("--help") ? 0 : 2;
}
var rounds = Option("--rounds", 200);
var chosen = OptionText("--workload", "all");
IWorkload[] all = [new FixtureWorkload(), new StreamFixtureWorkload(), new LookupWorkload(), new UpperLookupWorkload(), new DirectoryLookupWorkload(1), new DirectoryLookupWorkload(2), new DirectoryLookupWorkload(1, walkersBefore: 6), new TreeListingWorkload()];
// Only when asked for by name: it lists a real tree, which takes far longer a round than the others.
IWorkload[] named = [new RealTreeWorkload("/usr/share")];
var workloads = chosen == "all" ? all : all.Concat(named).Where(w => w.Name == chosen).ToArray();
if (workloads.Length == 0)
{
    Console.Error.WriteLine($"no workload '{chosen}'; there are: {string.Join(", ", all.Concat(named).Select(w => w.Name))}, all");
    return 2;
}
UnionBuild[] builds = [new("A", args[0]), new("B", args[1])];
Console.WriteLine($"A: {args[0]}");
Console.WriteLine($"B: {args[1]}");
foreach (var workload in workloads)
{
    foreach (var build in builds) workload.Prepare(build);
    var times = builds.Select(_ => new List<double>()).ToArray();
    var allocated = new long[builds.Length];
    var answers = new long[builds.Length];
    // The first fifth warms up (tiered JIT, caches) and is not counted.
    var warmup = rounds / 5;
    for (var round = 0; round < warmup + rounds; round++)
    {
        for (var i = 0; i < builds.Length; i++)
        {
            // Alternate which build goes first, so neither always follows the other's garbage.
            var b = round % 2 == 0 ? i : builds.Length - 1 - i;
            var before = GC.GetAllocatedBytesForCurrentThread();
            var clock = Stopwatch.StartNew();
            answers[b] = workload.Run(builds[b]);
            var elapsed = clock.Elapsed.TotalMilliseconds;
            if (round < warmup) continue;
            times[b].Add(elapsed);
            allocated[b] = GC.GetAllocatedBytesForCurrentThread() - before;
        }
    }
    if (answers.Distinct().Count() != 1) Console.WriteLine($"WARNING: the builds gave different answers: {string.Join(" / ", answers)}");
    Console.WriteLine();
    Console.WriteLine($"{workload.Name}: {workload.Unit}; {rounds} rounds each, alternating");
    Console.WriteLine("build   median ms   p10 ms   mean ms   ns/op (median)   allocated/round");
    var medians = new double[builds.Length];
    for (var b = 0; b < builds.Length; b++)
    {
        var sorted = times[b].Order().ToList();
        medians[b] = sorted[sorted.Count / 2];
        Console.WriteLine($"{builds[b].Label,-7} {medians[b],9:F3} {sorted[sorted.Count / 10],8:F3} {sorted.Average(),9:F3} {medians[b] * 1e6 / workload.Operations,14:F1}   {allocated[b],15:N0} B");
    }
    Console.WriteLine($"B / A (medians): {medians[1] / medians[0]:F3}");
}
return 0;

int Option(string name, int fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], out var value) && value > 0 ? value : fallback;
}

string OptionText(string name, string fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
}
