using System.Text;
using BenchmarkDotNet.Attributes;

namespace UnionFs.Benchmarks;

/// <summary>
/// Issue 7: building a test fixture from text takes milliseconds. The baseline builds the same branch through
/// <see cref="IBranch"/> calls directly, so the ratio is the cost of reading the text.
/// </summary>
[MemoryDiagnoser]
public class FixtureFromTextBenchmarks
{
    private string _text = null!;
    private (string Path, byte[] Content)[] _files = null!;

    /// <summary>How many files the fixture has (in directories of 100).</summary>
    [Params(10_000)]
    public int FileCount { get; set; }

    /// <summary>Writes the fixture as indented text with contents.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var text = new StringBuilder();
        var files = new List<(string, byte[])>();
        for (var d = 0; d < FileCount / 100; d++)
        {
            text.Append("dir").Append(d).Append("/\n");
            for (var f = 0; f < 100; f++)
            {
                var content = $"content of {d}/{f}";
                text.Append("  file").Append(f).Append(": ").Append(content).Append('\n');
                files.Add(($"/dir{d}/file{f}", Encoding.UTF8.GetBytes(content)));
            }
        }
        _text = text.ToString();
        _files = [.. files];
    }

    /// <summary>Baseline: the same directories and files made with branch calls.</summary>
    [Benchmark(Baseline = true)]
    public MemoryBranch RawBranchCalls()
    {
        var branch = new MemoryBranch();
        var now = DateTime.UtcNow;
        for (var d = 0; d < FileCount / 100; d++) branch.CreateDirectory($"/dir{d}", EntryMetadata.NewDirectory(now), opaque: false);
        foreach (var (path, content) in _files) branch.CreateFile(path, new MemoryStream(content), EntryMetadata.NewFile(now));
        return branch;
    }

    /// <summary><c>MemoryBranch.FromTree</c> of the whole text.</summary>
    [Benchmark]
    public MemoryBranch FromTree() => MemoryBranch.FromTree(_text);
}
