using BenchmarkDotNet.Attributes;
using UnionFs.Benchmarks.Infrastructure;

namespace UnionFs.Benchmarks;

/// <summary>
/// Read-only lookups from several threads: a fixed total of <see cref="TotalLookups"/> lookups (nine in ten of
/// present files, one in ten of missing names, in 1,000 directories of a lower) split evenly over
/// <see cref="Threads"/> threads. The figure is per lookup, so throughput with 2 threads over 1 thread is
/// Mean(Threads=1) / Mean(Threads=2). Baseline: <c>Stat</c> on the raw lower; for comparison, <c>File.Exists</c>
/// on a kernel overlay of the same lower. Target: at least 1.7x.
/// </summary>
[MemoryDiagnoser]
public class ConcurrencyBenchmarks : BenchmarkBase
{
    /// <summary>Lookups per call, whatever the number of threads.</summary>
    public const int TotalLookups = 1 << 18;

    private MemoryBranch _lower = null!;
    private UnionFileSystem _union = null!;
    private string[] _paths = null!;
    private Func<string, bool> _rawLookup = null!;
    private Func<string, bool> _unionLookup = null!;
    private Func<string, bool> _kernelLookup = null!;

    /// <summary>Threads that share the lookups.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    private static Layer Lower() => Layer.Tree("/tree", 1_000, 10, Layer.Content(16));

    private static string[] Paths(string prefix) =>
        [.. Layer.TreePaths(prefix + "/tree", 1_000, 10).SelectMany(d => d.Files.Take(9).Append(d.Directory + "/missing"))];

    /// <summary>A lower of 10,000 files in 1,000 directories, a union with an empty upper over it, and the paths.</summary>
    [GlobalSetup(Targets = [nameof(RawBranchLookups), nameof(UnionLookups)])]
    public void Setup()
    {
        _lower = Lower().ToMemoryBranch();
        _union = new UnionFileSystem(new MemoryBranch(), _lower);
        _paths = Paths(string.Empty);
        _rawLookup = path => _lower.Stat(path) is not null;
        _unionLookup = _union.File.Exists;
        Check(RawBranchLookups() == UnionLookups() && UnionLookups() > TotalLookups / 2, "lookups");
    }

    /// <summary>The same lower in a kernel overlay, and the paths in its merged view.</summary>
    [GlobalSetup(Target = nameof(KernelLookups))]
    public void SetupKernel()
    {
        _paths = Paths(MountOverlay([Lower()]).MergedDir);
        _kernelLookup = File.Exists;
        Check(KernelLookups() > TotalLookups / 2, "lookups");
    }

    /// <summary>Baseline: <c>Stat</c> on the raw lower branch.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = TotalLookups)]
    public int RawBranchLookups() => Run(_rawLookup);

    /// <summary><c>File.Exists</c> through the union.</summary>
    [Benchmark(OperationsPerInvoke = TotalLookups)]
    public int UnionLookups() => Run(_unionLookup);

    /// <summary><c>File.Exists</c> on the kernel overlay.</summary>
    [Benchmark(OperationsPerInvoke = TotalLookups)]
    [NeedsMount]
    public int KernelLookups() => Run(_kernelLookup);

    /// <summary>
    /// For reference, not a lookup: the same split of calls, each call arithmetic alone, sharing nothing and touching no
    /// memory: eight independent chains of multiplications (<paramref name="chained"/> false), which keep a core's
    /// multiplier busy, or one chain that waits on each result. What two threads give over one for work that cannot
    /// contend, on this machine and in this harness. For the alternating comparison, not a BenchmarkDotNet case.
    /// </summary>
    public int ArithmeticCalls(bool chained) => Run(chained ? ChainedArithmeticCall : ArithmeticCall);

    private static readonly Func<string, bool> ArithmeticCall = static path =>
    {
        long a = path.Length, b = a + 1, c = a + 2, d = a + 3, e = a + 4, f = a + 5, g = a + 6, h = a + 7;
        for (var i = 0; i < 16; i++)
        {
            a = a * 3 + i;
            b = b * 5 + i;
            c = c * 7 + i;
            d = d * 9 + i;
            e = e * 11 + i;
            f = f * 13 + i;
            g = g * 15 + i;
            h = h * 17 + i;
        }
        return ((a ^ b ^ c ^ d ^ e ^ f ^ g ^ h) & 1) == 0;
    };

    private static readonly Func<string, bool> ChainedArithmeticCall = static path =>
    {
        long a = path.Length;
        for (var i = 0; i < 32; i++) a = a * 3 + i;
        return (a & 1) == 0;
    };

    /// <summary>
    /// Splits the lookups evenly: slice 0 on the calling thread, every other slice on a worker thread of its own,
    /// started once and set going for each call (see <see cref="Worker"/>), so that the threads really run at the same
    /// time whatever the thread pool is doing, and a call times lookups, not the start and join of a thread (which fell
    /// on the 2-thread side alone).
    /// </summary>
    private int Run(Func<string, bool> lookup)
    {
        var perThread = TotalLookups / Threads;
        _workers ??= [.. Enumerable.Range(1, Threads - 1).Select(slice => new Worker(this, slice * perThread, perThread))];
        foreach (var worker in _workers) worker.Start(lookup);
        var found = Lookups(lookup, 0, perThread);
        foreach (var worker in _workers) found += worker.Finish();
        return found;
    }

    private Worker[]? _workers;

    /// <summary>Stops the worker threads.</summary>
    protected override void Cleanup()
    {
        foreach (var worker in _workers ?? []) worker.Dispose();
        _workers = null;
    }

    /// <summary>
    /// A background thread that runs one slice of the lookups each time it is started. In between it spins for a while
    /// before it blocks, as a thread pool's workers do: a call then finds it running on its core, where waking a
    /// blocked thread on this virtual machine's idle core took from tens of microseconds to milliseconds, and put
    /// the median 2-thread call near the 1-thread one (a comparison outside the repo of the ways to start the slice).
    /// </summary>
    private sealed class Worker : IDisposable
    {
        private const int SpinMilliseconds = 50;

        private readonly SemaphoreSlim _wake = new(0);
        private readonly Thread _thread;
        private Func<string, bool>? _lookup;
        private int _go;
        private int _done;
        private int _sleeping;
        private int _found;

        public Worker(ConcurrencyBenchmarks owner, int start, int count)
        {
            _thread = new Thread(() =>
            {
                while (true)
                {
                    var waiting = System.Diagnostics.Stopwatch.StartNew();
                    while (Volatile.Read(ref _go) == 0)
                    {
                        if (waiting.ElapsedMilliseconds < SpinMilliseconds)
                        {
                            Thread.SpinWait(20);
                            continue;
                        }
                        // A full fence each side (here and in Start): either this sees the start, or Start sees the sleeper.
                        Interlocked.Exchange(ref _sleeping, 1);
                        if (Volatile.Read(ref _go) == 0) _wake.Wait();
                        Interlocked.Exchange(ref _sleeping, 0);
                    }
                    Volatile.Write(ref _go, 0);
                    // Started with no lookup: stop.
                    if (_lookup is not { } lookup) return;
                    _found = owner.Lookups(lookup, start, count);
                    Volatile.Write(ref _done, 1);
                }
            }) { IsBackground = true };
            _thread.Start();
        }

        public void Start(Func<string, bool>? lookup)
        {
            _lookup = lookup;
            Volatile.Write(ref _done, 0);
            Interlocked.Exchange(ref _go, 1);
            if (Volatile.Read(ref _sleeping) == 1) _wake.Release();
        }

        public int Finish()
        {
            while (Volatile.Read(ref _done) == 0) Thread.SpinWait(20);
            return _found;
        }

        public void Dispose()
        {
            Start(null);
            _thread.Join();
            _wake.Dispose();
        }
    }

    private int Lookups(Func<string, bool> lookup, int start, int count)
    {
        var paths = _paths;
        var found = 0;
        for (var i = start; i < start + count; i++)
        {
            if (lookup(paths[i % paths.Length])) found++;
        }
        return found;
    }
}
