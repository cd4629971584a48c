using System.Globalization;
using System.Text.Json;

namespace UnionFs.Benchmarks.Report;

/// <summary>One benchmark case from BenchmarkDotNet's JSON export.</summary>
/// <param name="Type">The class name (<c>LookupBenchmarks</c>).</param>
/// <param name="Method">The method name (<c>UnionFileExists</c>).</param>
/// <param name="Parameters">The <c>[Params]</c> values by name.</param>
/// <param name="ParametersText">The parameters as BenchmarkDotNet prints them (<c>LowerCount=1</c>).</param>
/// <param name="MeanNanoseconds">Mean time per operation; null when the case did not run.</param>
/// <param name="StandardErrorNanoseconds">Standard error of the mean; null when unknown.</param>
/// <param name="AllocatedBytes">Bytes allocated per operation; null without MemoryDiagnoser.</param>
/// <param name="Job">The job's description (<c>ShortRun(IterationCount=3, ...)</c>).</param>
public sealed record BenchmarkCase(
    string Type,
    string Method,
    IReadOnlyDictionary<string, string> Parameters,
    string ParametersText,
    double? MeanNanoseconds,
    double? StandardErrorNanoseconds,
    double? AllocatedBytes,
    string Job);

/// <summary>
/// Everything the report reads: the cases of every <c>*-report-full*.json</c> under a results directory, the
/// host description BenchmarkDotNet recorded, and the memory mode's JSON. Parsed with System.Text.Json only.
/// </summary>
public sealed class BenchmarkData
{
    private readonly List<BenchmarkCase> _cases = [];

    /// <summary>Every case, in the order of the files and of the cases in them.</summary>
    public IReadOnlyList<BenchmarkCase> Cases => _cases;

    /// <summary>BenchmarkDotNet's <c>HostEnvironmentInfo</c> values (strings and numbers as text).</summary>
    public Dictionary<string, string> Host { get; } = new(StringComparer.Ordinal);

    /// <summary>The memory mode's results; null when its file is missing.</summary>
    public JsonElement? Memory { get; private set; }

    /// <summary>The alternating-rounds measurements (<c>UnionFs.Benchmarks -- --alternating</c>); null when its file is missing.</summary>
    public JsonElement? Alternating { get; private set; }

    /// <summary>The JSON files read.</summary>
    public List<string> Files { get; } = [];

    /// <summary>Reads every full JSON export under <paramref name="resultsDirectory"/> and the memory file.</summary>
    public static BenchmarkData Load(string resultsDirectory, string? memoryFile, string? alternatingFile = null)
    {
        var data = new BenchmarkData();
        if (Directory.Exists(resultsDirectory))
        {
            var files = Directory.EnumerateFiles(resultsDirectory, "*-report-full*.json", SearchOption.AllDirectories)
                .Order(StringComparer.Ordinal)
                .ToList();
            // Prefer the indented full export when both it and the compressed one exist for a class.
            var chosen = files
                .GroupBy(f => Path.GetFileName(f).Split("-report-full", 2)[0], StringComparer.Ordinal)
                .Select(g => g.FirstOrDefault(f => f.EndsWith("-report-full.json", StringComparison.Ordinal)) ?? g.First());
            foreach (var file in chosen) data.Read(file);
        }
        if (memoryFile is not null && File.Exists(memoryFile))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(memoryFile));
            data.Memory = document.RootElement.Clone();
        }
        if (alternatingFile is not null && File.Exists(alternatingFile))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(alternatingFile));
            data.Alternating = document.RootElement.Clone();
        }
        return data;
    }

    /// <summary>The best time per operation, in nanoseconds, of one side of an alternating comparison, if it ran.</summary>
    public double? Best(string comparison, string side)
    {
        if (Alternating is not { } alternating || !alternating.TryGetProperty("Comparisons", out var comparisons)) return null;
        foreach (var c in comparisons.EnumerateArray())
        {
            if (c.GetProperty("Name").GetString() != comparison) continue;
            foreach (var s in c.GetProperty("Sides").EnumerateArray())
                if (s.GetProperty("Name").GetString() == side) return s.GetProperty("BestNanoseconds").GetDouble();
        }
        return null;
    }

    /// <summary>The case of <paramref name="type"/>.<paramref name="method"/> with the given parameter values, if it ran.</summary>
    public BenchmarkCase? Find(string type, string method, params (string Name, object Value)[] parameters) =>
        _cases.FirstOrDefault(c => c.Type == type && c.Method == method && c.MeanNanoseconds is not null
            && parameters.All(p => c.Parameters.TryGetValue(p.Name, out var v)
                && v == Convert.ToString(p.Value, CultureInfo.InvariantCulture)));

    /// <summary>The mean time of a case in nanoseconds, if it ran.</summary>
    public double? Mean(string type, string method, params (string Name, object Value)[] parameters) =>
        Find(type, method, parameters)?.MeanNanoseconds;

    private void Read(string file)
    {
        Files.Add(file);
        using var document = JsonDocument.Parse(File.ReadAllText(file));
        var root = document.RootElement;
        if (root.TryGetProperty("HostEnvironmentInfo", out var host) && host.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in host.EnumerateObject())
            {
                if (property.Value.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False)
                    Host[property.Name] = property.Value.ToString();
            }
        }
        if (!root.TryGetProperty("Benchmarks", out var benchmarks) || benchmarks.ValueKind != JsonValueKind.Array) return;
        foreach (var benchmark in benchmarks.EnumerateArray())
        {
            var parametersText = String(benchmark, "Parameters") ?? string.Empty;
            _cases.Add(new BenchmarkCase(
                String(benchmark, "Type") ?? "?",
                String(benchmark, "Method") ?? "?",
                ParseParameters(parametersText),
                parametersText,
                Number(benchmark, "Statistics", "Mean"),
                Number(benchmark, "Statistics", "StandardError"),
                Number(benchmark, "Memory", "BytesAllocatedPerOperation"),
                JobOf(String(benchmark, "DisplayInfo"))));
        }
    }

    /// <summary><c>A=1&amp;B=2</c> or <c>A=1, B=2</c> into a dictionary.</summary>
    private static Dictionary<string, string> ParseParameters(string text)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in text.Split(['&', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0) result[part[..equals].Trim()] = part[(equals + 1)..].Trim();
        }
        return result;
    }

    /// <summary>"LookupBenchmarks.X: ShortRun(IterationCount=3) [LowerCount=1]" gives "ShortRun(IterationCount=3)".</summary>
    private static string JobOf(string? displayInfo)
    {
        if (displayInfo is null) return string.Empty;
        var colon = displayInfo.IndexOf(": ", StringComparison.Ordinal);
        var job = colon < 0 ? displayInfo : displayInfo[(colon + 2)..];
        var bracket = job.LastIndexOf(" [", StringComparison.Ordinal);
        return bracket < 0 ? job : job[..bracket];
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static double? Number(JsonElement element, string objectName, string name) =>
        element.TryGetProperty(objectName, out var inner) && inner.ValueKind == JsonValueKind.Object
            && inner.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            ? value.GetDouble()
            : null;
}
