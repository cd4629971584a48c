using System.IO.Abstractions;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using UnionFs.Benchmarks.Infrastructure;

namespace UnionFs.Benchmarks;

/// <summary>
/// The first recursive listing of a real tree through a fresh union (a memory upper over a <see cref="DirectoryBranch"/>
/// of the tree), against <c>Directory.EnumerateFiles</c> of the same tree with System.IO. Two trees: 50,000 files in
/// 500 directories made on a tmpfs (a temporary directory where mounting is not permitted), and the machine's own
/// <c>/usr/share</c> (an installed system's shared data: links, deep paths, odd names). Target: at most 1.5x System.IO.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class RealTreeBenchmarks : BenchmarkBase
{
    /// <summary>Directories of the generated tree.</summary>
    public const int Directories = 500;

    /// <summary>Files per directory of the generated tree.</summary>
    public const int FilesPerDirectory = 100;

    private const string GeneratedCategory = "Generated";
    private const string SharedDataCategory = "SharedData";
    private const string SharedData = "/usr/share";

    private static readonly FileSystem Disk = new();
    private string _generated = null!;
    private string? _temporary;

    /// <summary>Makes the generated tree (on a tmpfs when this machine may mount one).</summary>
    [GlobalSetup]
    public void Setup()
    {
        if (Mounts.Available)
        {
            _generated = Tmpfs.Combine("tree");
        }
        else
        {
            _temporary = Path.Join(Path.GetTempPath(), $"ufsb-tree-{Environment.ProcessId}");
            _generated = _temporary;
        }
        var content = Layer.Content(16);
        for (var d = 0; d < Directories; d++)
        {
            var directory = Path.Join(_generated, $"dir{d:D4}");
            Directory.CreateDirectory(directory);
            for (var f = 0; f < FilesPerDirectory; f++) File.WriteAllBytes(Path.Join(directory, $"file{f:D3}.txt"), content);
        }
        Check(SystemIOGenerated() == Directories * FilesPerDirectory, "files listed by System.IO");
        Check(UnionGenerated() == Directories * FilesPerDirectory, "files listed by the union");
        // Absolute links resolve inside a union's root (as in a container) and outside it for System.IO: a few names differ.
        if (Directory.Exists(SharedData)) Check(Math.Abs(UnionSharedData() - SystemIOSharedData()) <= SystemIOSharedData() / 100, "files of /usr/share listed by the union and by System.IO (within 1 %)");
    }

    /// <summary>Removes a generated tree that lives outside a tmpfs.</summary>
    protected override void Cleanup()
    {
        if (_temporary is not null && Directory.Exists(_temporary)) Directory.Delete(_temporary, recursive: true);
    }

    /// <summary>Baseline: System.IO's recursive listing of the generated tree.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory(GeneratedCategory)]
    public int SystemIOGenerated() => Count(Disk, _generated);

    /// <summary>A fresh union over the generated tree: its first recursive listing.</summary>
    [Benchmark]
    [BenchmarkCategory(GeneratedCategory)]
    public int UnionGenerated() => Count(FreshUnion(_generated), "/");

    /// <summary>Baseline: System.IO's recursive listing of <c>/usr/share</c>.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory(SharedDataCategory)]
    public int SystemIOSharedData() => _generated is null ? 0 : Directory.Exists(SharedData) ? Count(Disk, SharedData) : 0;

    /// <summary>A fresh union over <c>/usr/share</c>: its first recursive listing.</summary>
    [Benchmark]
    [BenchmarkCategory(SharedDataCategory)]
    public int UnionSharedData() => _generated is null ? 0 : Directory.Exists(SharedData) ? Count(FreshUnion(SharedData), "/") : 0;

    private static UnionFileSystem FreshUnion(string root) => new(new MemoryBranch(), new DirectoryBranch(Disk, root));

    // IgnoreInaccessible and no attributes skipped: both sides list the same names, unreadable directories included.
    private static readonly EnumerationOptions Everything = new() { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = true };

    private static int Count(IFileSystem fileSystem, string root)
    {
        var count = 0;
        foreach (var _ in fileSystem.Directory.EnumerateFiles(root, "*", Everything)) count++;
        return count;
    }
}
