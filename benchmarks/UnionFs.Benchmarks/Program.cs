using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using UnionFs.Benchmarks.Infrastructure;

namespace UnionFs.Benchmarks;

/// <summary>
/// Entry point. <c>dotnet run -c Release --project benchmarks/UnionFs.Benchmarks -- --filter '*Lookup*'</c> runs
/// benchmarks (BenchmarkDotNet's switches); <c>-- --memory [file.json]</c> runs the memory measurements
/// instead (<see cref="MemoryMeasurements"/>); <c>-- --alternating [file.json]</c> the ratio targets in alternating
/// rounds in one process (<see cref="AlternatingRatios"/>). Benchmarks that mount (plain tmpfs, kernel overlay) are left
/// out, with a message, when this machine does not allow mounting. The exit code is 1 when a benchmark failed.
/// </summary>
public static class Program
{
    /// <summary>Runs the benchmarks selected by the command line, or the memory measurements.</summary>
    public static int Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length > 0 && args[0] == "--memory")
            return MemoryMeasurements.Run(args.Length > 1 ? args[1] : Path.Join("BenchmarkDotNet.Artifacts", "memory.json"));
        if (args.Length > 0 && args[0] == "--alternating")
            return AlternatingRatios.Run(args.Length > 1 ? args[1] : Path.Join("BenchmarkDotNet.Artifacts", "alternating.json"));

        var config = ManualConfig.Create(DefaultConfig.Instance).AddFilter(Markers.FirstParamsOnly);
        if (!IsListing(args) && !Mounts.Available)
        {
            Console.WriteLine($"Mounting is not permitted here ({Mounts.Reason}): the plain tmpfs and kernel overlay benchmarks are skipped.");
            config = config.AddFilter(Markers.WithoutMounts);
        }
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config).ToList();
        var failed = summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success));
        if (failed) Console.WriteLine("Some benchmarks failed or did not validate: see the log above.");
        return failed ? 1 : 0;
    }

    private static bool IsListing(string[] args) => args.Any(a => a is "--list" or "--help" or "-h" or "--version");
}
