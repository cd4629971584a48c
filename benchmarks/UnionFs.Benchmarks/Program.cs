using BenchmarkDotNet.Running;

namespace UnionFs.Benchmarks;

/// <summary>Entry point: <c>dotnet run -c Release --project benchmarks/UnionFs.Benchmarks -- --filter '*'</c>.</summary>
public static class Program
{
    /// <summary>Runs the benchmarks selected by the command line (BenchmarkDotNet's switches).</summary>
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
