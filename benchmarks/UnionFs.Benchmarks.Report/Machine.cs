using System.Runtime.InteropServices;

namespace UnionFs.Benchmarks.Report;

/// <summary>The machine the figures come from: cores, CPU model, kernel, .NET version.</summary>
/// <param name="Cores">Logical cores.</param>
/// <param name="Cpu">The CPU's model name.</param>
/// <param name="Kernel">The kernel release (<c>uname -r</c>).</param>
/// <param name="Os">The operating system.</param>
/// <param name="DotNet">The .NET runtime the benchmarks ran on.</param>
/// <param name="BenchmarkDotNet">BenchmarkDotNet's version, when the results say.</param>
public sealed record Machine(string Cores, string Cpu, string Kernel, string Os, string DotNet, string BenchmarkDotNet)
{
    /// <summary>Reads this machine (the one the report runs on: the same as the benchmarks' in the script), preferring what BenchmarkDotNet recorded.</summary>
    public static Machine Describe(IReadOnlyDictionary<string, string> host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var cores = host.TryGetValue("LogicalCoreCount", out var logical) ? logical : Environment.ProcessorCount.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (host.TryGetValue("PhysicalCoreCount", out var physical) && physical != cores) cores += $" logical ({physical} physical)";
        var cpu = CpuModel() ?? (host.TryGetValue("ProcessorName", out var name) ? name : RuntimeInformation.ProcessArchitecture.ToString());
        var kernel = ReadFirstLine("/proc/sys/kernel/osrelease") ?? RuntimeInformation.OSDescription;
        var os = host.TryGetValue("OsVersion", out var osVersion) ? osVersion : RuntimeInformation.OSDescription;
        var dotnet = host.TryGetValue("RuntimeVersion", out var runtime) ? runtime : RuntimeInformation.FrameworkDescription;
        var bdn = host.TryGetValue("BenchmarkDotNetVersion", out var version) ? version : "?";
        return new Machine(cores, cpu, kernel, os, dotnet, bdn);
    }

    private static string? CpuModel()
    {
        const string CpuInfo = "/proc/cpuinfo";
        if (!File.Exists(CpuInfo)) return null;
        foreach (var line in File.ReadLines(CpuInfo))
        {
            if (!line.StartsWith("model name", StringComparison.Ordinal)) continue;
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon >= 0) return line[(colon + 1)..].Trim();
        }
        return null;
    }

    private static string? ReadFirstLine(string path) => File.Exists(path) ? File.ReadLines(path).FirstOrDefault()?.Trim() : null;
}
