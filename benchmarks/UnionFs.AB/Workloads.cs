using System.IO.Abstractions;

namespace UnionFs.AB;

/// <summary>One timed unit of work on one build; returns a number that proves the work was done.</summary>
internal interface IWorkload
{
    /// <summary>The name given on the command line.</summary>
    string Name { get; }

    /// <summary>What one round does, for the report.</summary>
    string Unit { get; }

    /// <summary>How many operations a round makes (the report gives the time per operation too).</summary>
    int Operations { get; }

    /// <summary>Whatever a round needs made beforehand (not timed).</summary>
    void Prepare(UnionBuild build);

    /// <summary>One round.</summary>
    long Run(UnionBuild build);
}

/// <summary>
/// The test-fixture workload of <c>FixtureBenchmarks.UnionFixture</c>: a fresh memory union, 10,000 files of 100 bytes
/// in 1,000 directories written, listed recursively and read back.
/// </summary>
internal sealed class FixtureWorkload : IWorkload
{
    /// <summary>The fixture's directories and the paths of their files, made once for every fixture workload.</summary>
    internal static readonly (string Directory, string[] Files)[] Tree = [.. Enumerable.Range(0, 1_000)
        .Select(d => ($"/fixture/d{d}", Enumerable.Range(0, 10).Select(f => $"/fixture/d{d}/f{f}.txt").ToArray()))];

    private readonly byte[] _content = new byte[100];

    /// <summary>Writes <see cref="Tree"/> into <paramref name="fs"/>, each file holding <paramref name="content"/>.</summary>
    internal static void Write(IFileSystem fs, byte[] content)
    {
        foreach (var (directory, files) in Tree)
        {
            fs.Directory.CreateDirectory(directory);
            foreach (var file in files) fs.File.WriteAllBytes(file, content);
        }
    }

    public string Name => "fixture";

    public string Unit => "write 10k files in 1k directories, list them recursively, read each";

    public int Operations => 10_000;

    public void Prepare(UnionBuild build)
    {
    }

    public long Run(UnionBuild build)
    {
        var fs = build.NewUnion(build.NewMemoryBranch());
        fs.Directory.CreateDirectory("/fixture");
        Write(fs, _content);
        long total = 0;
        foreach (var file in fs.Directory.EnumerateFiles("/fixture", "*", SearchOption.AllDirectories)) total += fs.File.ReadAllBytes(file).Length;
        return total;
    }
}

/// <summary>
/// The fixture of <see cref="FixtureWorkload"/> written and read through streams, as <c>FixtureBenchmarks</c>'
/// <c>BuildEnumerateReadStreams</c> does: each file made by <c>File.Create</c> and one write, and read by
/// <c>File.OpenRead</c> and one read, each stream closed.
/// </summary>
internal sealed class StreamFixtureWorkload : IWorkload
{
    private readonly byte[] _content = new byte[100];
    private readonly byte[] _buffer = new byte[4096];
    private readonly (string Directory, string[] Files)[] _tree = FixtureWorkload.Tree;

    public string Name => "streams";

    public string Unit => "write 10k files in 1k directories through streams, list them recursively, read each through a stream";

    public int Operations => 10_000;

    public void Prepare(UnionBuild build)
    {
    }

    public long Run(UnionBuild build)
    {
        var fs = build.NewUnion(build.NewMemoryBranch());
        foreach (var (directory, files) in _tree)
        {
            fs.Directory.CreateDirectory(directory);
            foreach (var file in files)
            {
                using var stream = fs.File.Create(file);
                stream.Write(_content);
            }
        }
        long total = 0;
        foreach (var file in fs.Directory.EnumerateFiles("/fixture", "*", SearchOption.AllDirectories))
        {
            using var stream = fs.File.OpenRead(file);
            total += stream.Read(_buffer, 0, _buffer.Length);
        }
        return total;
    }
}

/// <summary>
/// <c>File.Exists</c> of a present file and of a missing name in a union of an empty memory upper over one memory lower
/// (the lookups of <c>LookupBenchmarks</c>), 50,000 of each per round.
/// </summary>
internal sealed class LookupWorkload : IWorkload
{
    private const int Each = 50_000;
    private readonly Dictionary<UnionBuild, IFileSystem> _unions = [];

    public string Name => "lookups";

    public string Unit => $"{Each:N0} File.Exists of a present lower file and {Each:N0} of a missing name";

    public int Operations => 2 * Each;

    public void Prepare(UnionBuild build)
    {
        var lower = build.NewMemoryBranch();
        var writer = build.NewUnion(lower);
        writer.Directory.CreateDirectory("/dir/sub");
        for (var i = 0; i < 100; i++) writer.File.WriteAllText($"/dir/sub/file{i}.txt", "x");
        _unions[build] = build.NewUnion(build.NewMemoryBranch(), lower);
    }

    public long Run(UnionBuild build)
    {
        var file = _unions[build].File;
        long found = 0;
        for (var i = 0; i < Each; i++)
        {
            if (file.Exists("/dir/sub/file50.txt")) found++;
            if (file.Exists("/dir/sub/missing.txt")) found++;
        }
        return found;
    }
}

/// <summary>
/// <c>File.Exists</c> of each of the fixture's 10,000 files (<see cref="FixtureWorkload.Tree"/>) in a memory union with
/// no lowers, where the upper holds every name: the walk the fixture's reads make, without the reads.
/// </summary>
internal sealed class UpperLookupWorkload : IWorkload
{
    private readonly Dictionary<UnionBuild, IFileSystem> _unions = [];

    public string Name => "upper";

    public string Unit => $"{Operations:N0} File.Exists of the fixture's files in a memory union";

    public int Operations => FixtureWorkload.Tree.Sum(directory => directory.Files.Length);

    public void Prepare(UnionBuild build)
    {
        var union = build.NewUnion(build.NewMemoryBranch());
        FixtureWorkload.Write(union, new byte[100]);
        _unions[build] = union;
    }

    public long Run(UnionBuild build)
    {
        var file = _unions[build].File;
        long found = 0;
        foreach (var (_, files) in FixtureWorkload.Tree)
            foreach (var path in files)
                if (file.Exists(path)) found++;
        return found;
    }
}

/// <summary>
/// The lookups of <c>ConcurrencyBenchmarks</c>: 262,144 <c>File.Exists</c> (nine present files and one missing name in
/// each of 1,000 directories of a memory lower, so a walk changes directory every tenth lookup), on one thread
/// ("walks") or half on each of two, the second started for the round ("threads": what threads walking different
/// directories of one union cost each other); "crowd" is "walks" on a union that <paramref name="walkersBefore"/>
/// other threads, still alive, walked first (the cost to a thread past the walks a union keeps for its threads).
/// </summary>
internal sealed class DirectoryLookupWorkload(int threads, int walkersBefore = 0) : IWorkload
{
    private const int Total = 1 << 18;
    private readonly string[] _paths = [.. Enumerable.Range(0, 1_000)
        .SelectMany(d => Enumerable.Range(0, 9).Select(f => $"/tree/d{d}/f{f}.txt").Append($"/tree/d{d}/missing"))];

    private readonly Dictionary<UnionBuild, IFileSystem> _unions = [];

    public string Name => threads != 1 ? "threads" : walkersBefore > 0 ? "crowd" : "walks";

    public string Unit => $"{Total:N0} File.Exists in 1,000 directories of a lower, on {threads} thread{(threads == 1 ? "" : "s")}";

    public int Operations => Total;

    public void Prepare(UnionBuild build)
    {
        var union = build.NewUnion(build.NewMemoryBranch(), Tree.Lower(build));
        _unions[build] = union;
        using var walked = new CountdownEvent(walkersBefore);
        for (var i = 0; i < walkersBefore; i++)
        {
            // Each walks once and then waits for good (a background thread: the process does not wait for it).
            new Thread(() =>
            {
                union.File.Exists(_paths[0]);
                walked.Signal();
                Thread.Sleep(Timeout.Infinite);
            }) { IsBackground = true }.Start();
        }
        walked.Wait();
    }

    public long Run(UnionBuild build)
    {
        var file = _unions[build].File;
        if (threads == 1) return Lookups(file, 0, Total);
        long other = 0;
        var worker = new Thread(() => other = Lookups(file, Total / 2, Total / 2)) { IsBackground = true };
        worker.Start();
        var mine = Lookups(file, 0, Total / 2);
        worker.Join();
        return mine + other;
    }

    private long Lookups(IFile file, int start, int count)
    {
        long found = 0;
        for (var i = start; i < start + count; i++)
        {
            if (file.Exists(_paths[i % _paths.Length])) found++;
        }
        return found;
    }
}

/// <summary>
/// The recursive listing of <c>EnumerateBenchmarks.UnionTree</c>: every <c>*.txt</c> under a memory lower of 1,000
/// directories of 10 files, through a union with an empty memory upper.
/// </summary>
internal sealed class TreeListingWorkload : IWorkload
{
    private readonly Dictionary<UnionBuild, IFileSystem> _unions = [];

    public string Name => "tree";

    public string Unit => "list *.txt recursively in 1,000 directories of 10 files of a lower";

    public int Operations => 10_000;

    public void Prepare(UnionBuild build) => _unions[build] = build.NewUnion(build.NewMemoryBranch(), Tree.Lower(build));

    public long Run(UnionBuild build) =>
        _unions[build].Directory.EnumerateFiles("/tree", "*.txt", SearchOption.AllDirectories).LongCount();
}

/// <summary>
/// <c>RealTreeBenchmarks.UnionSharedData</c>: the first recursive listing of a real directory (an installed system's
/// <c>/usr/share</c>) through a fresh union, a memory upper over a <c>DirectoryBranch</c> of it, every round.
/// </summary>
internal sealed class RealTreeWorkload(string root) : IWorkload
{
    private static readonly EnumerationOptions Everything = new() { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = true };
    private int _files;

    public string Name => "usrshare";

    public string Unit => $"first recursive listing of {root} ({_files:N0} files) through a fresh union";

    public int Operations => Math.Max(_files, 1);

    public void Prepare(UnionBuild build) =>
        _files = Directory.Exists(root) ? Directory.EnumerateFiles(root, "*", Everything).Count() : throw new DirectoryNotFoundException(root);

    public long Run(UnionBuild build) =>
        build.NewUnion(build.NewMemoryBranch(), build.NewDirectoryBranch(root)).Directory.EnumerateFiles("/", "*", Everything).LongCount();
}

/// <summary>The lower that the directory lookups and the tree listing read: /tree/dN/fM.txt and fM.dat, 1,000 directories of 10 files.</summary>
internal static class Tree
{
    public static object Lower(UnionBuild build)
    {
        var lower = build.NewMemoryBranch();
        var writer = build.NewUnion(lower);
        for (var d = 0; d < 1_000; d++)
        {
            writer.Directory.CreateDirectory($"/tree/d{d}");
            for (var f = 0; f < 10; f++) writer.File.WriteAllText($"/tree/d{d}/f{f}.{(f % 2 == 0 ? "txt" : "dat")}", "x");
        }
        return lower;
    }
}
