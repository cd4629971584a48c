using System.IO.Abstractions.TestingHelpers;
using BenchmarkDotNet.Attributes;
using UnionFs.Benchmarks.Infrastructure;

namespace UnionFs.Benchmarks;

/// <summary>
/// Reading a whole file of <see cref="FileSize"/> bytes that lives in the lower: open, read in 64 KiB chunks into
/// one reused buffer, close. Baseline: the raw lower branch's own stream. Also: a union of that one lower,
/// MockFileSystem, plain tmpfs and a kernel overlay (one lower on tmpfs). Target: the union reads large files
/// in at most 1.1x the raw branch's time.
/// </summary>
[MemoryDiagnoser]
public class ReadBenchmarks : BenchmarkBase
{
    private const string FilePath = "/data/file";
    private readonly byte[] _buffer = new byte[64 * 1024];

    private MemoryBranch _lower = null!;
    private UnionFileSystem _union = null!;
    private MockFileSystem _mock = null!;
    private string _tmpfsPath = null!;
    private string _kernelPath = null!;

    /// <summary>The file's size: a small file (4 KiB) and a large one (64 MiB).</summary>
    [Params(4096, 64 * 1024 * 1024)]
    public int FileSize { get; set; }

    private Layer Data() => new Layer().Directory("/data").File(FilePath, Layer.Content(FileSize));

    /// <summary>The lower branch and a union with an empty upper over it.</summary>
    [GlobalSetup(Targets = [nameof(RawBranchRead), nameof(UnionRead)])]
    public void SetupUnion()
    {
        _lower = Data().ToMemoryBranch();
        _union = new UnionFileSystem(new MemoryBranch(), _lower);
        Check(RawBranchRead() == FileSize && UnionRead() == FileSize, "file size");
    }

    /// <summary>A MockFileSystem with the file.</summary>
    [GlobalSetup(Target = nameof(MockRead))]
    public void SetupMock()
    {
        _mock = Data().ToMockFileSystem();
        Check(MockRead() == FileSize, "file size");
    }

    /// <summary>The file in a plain tmpfs directory.</summary>
    [GlobalSetup(Target = nameof(TmpfsRead))]
    public void SetupTmpfs()
    {
        _tmpfsPath = PlainDirectory(Data()) + FilePath;
        Check(TmpfsRead() == FileSize, "file size");
    }

    /// <summary>The file in the lower of a kernel overlay.</summary>
    [GlobalSetup(Target = nameof(KernelRead))]
    public void SetupKernel()
    {
        _kernelPath = MountOverlay([Data()]).Merged(FilePath);
        Check(KernelRead() == FileSize, "file size");
    }

    /// <summary>Baseline: the lower branch's own read stream.</summary>
    [Benchmark(Baseline = true)]
    public long RawBranchRead()
    {
        using var stream = _lower.OpenRead(FilePath);
        return Drain(stream);
    }

    /// <summary>Through the union (<c>File.OpenRead</c>).</summary>
    [Benchmark]
    public long UnionRead()
    {
        using var stream = _union.File.OpenRead(FilePath);
        return Drain(stream);
    }

    /// <summary>Through MockFileSystem.</summary>
    [Benchmark]
    public long MockRead()
    {
        using var stream = _mock.File.OpenRead(FilePath);
        return Drain(stream);
    }

    /// <summary>Plain tmpfs through System.IO: the floor for real files.</summary>
    [Benchmark]
    [NeedsMount]
    public long TmpfsRead()
    {
        using var stream = File.OpenRead(_tmpfsPath);
        return Drain(stream);
    }

    /// <summary>The kernel overlay's merged view through System.IO.</summary>
    [Benchmark]
    [NeedsMount]
    public long KernelRead()
    {
        using var stream = File.OpenRead(_kernelPath);
        return Drain(stream);
    }

    private long Drain(Stream stream)
    {
        long total = 0;
        int read;
        while ((read = stream.Read(_buffer, 0, _buffer.Length)) > 0) total += read;
        return total;
    }
}
