namespace UnionFs.Benchmarks.Report;

/// <summary>
/// Turns a comparison run into <c>docs/performance.md</c> and its chart:
/// <c>dotnet run --project benchmarks/UnionFs.Benchmarks.Report -- RESULTS_DIR MEMORY_JSON OUTPUT_MD [ALTERNATING_JSON]</c>.
/// RESULTS_DIR holds BenchmarkDotNet's <c>*-report-full*.json</c> exports (searched recursively), MEMORY_JSON is
/// what <c>UnionFs.Benchmarks -- --memory</c> wrote, ALTERNATING_JSON what <c>-- --alternating</c> wrote (the ratio
/// rows it covers take its figures); the chart is written next to OUTPUT_MD as <c>NAME-lookup.png</c>.
/// </summary>
public static class Program
{
    /// <summary>Reads the results and writes the report; 2 on bad arguments, 1 when there are no results at all.</summary>
    public static int Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length is not (3 or 4))
        {
            Console.Error.WriteLine("usage: UnionFs.Benchmarks.Report RESULTS_DIR MEMORY_JSON OUTPUT_MD [ALTERNATING_JSON]");
            return 2;
        }
        var (results, memory, output) = (args[0], args[1], args[2]);
        var data = BenchmarkData.Load(results, memory, args.Length == 4 ? args[3] : null);
        if (data.Cases.Count == 0 && data.Memory is null)
        {
            Console.Error.WriteLine($"No BenchmarkDotNet JSON exports under {results} and no memory results at {memory}.");
            return 1;
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(output)) ?? ".";
        Directory.CreateDirectory(directory);
        var chartFile = Path.GetFileNameWithoutExtension(output) + "-lookup.png";
        var chartPath = Path.Join(directory, chartFile);
        string? chart = null;
        try
        {
            if (LookupChart.Write(data, chartPath)) chart = chartFile;
            else Console.Error.WriteLine("No lookup results: no chart.");
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or InvalidOperationException or IOException)
        {
            Console.Error.WriteLine($"The chart could not be drawn ({e.GetType().Name}: {e.Message}); the report has none.");
        }

        var markdown = ReportWriter.Write(data, Machine.Describe(data.Host), chart, DateTime.UtcNow);
        File.WriteAllText(output, markdown);
        Console.WriteLine($"Read {data.Files.Count} result files ({data.Cases.Count} cases){(data.Memory is null ? ", no memory results" : " and the memory results")}.");
        Console.WriteLine($"Wrote {output}{(chart is null ? string.Empty : " and " + chartPath)}.");
        return 0;
    }
}
