using System.IO.Abstractions;
using System.IO.Abstractions.TestingHelpers;
using BenchmarkDotNet.Attributes;
using UnionFs.Benchmarks.Infrastructure;

namespace UnionFs.Benchmarks;

/// <summary>
/// The first write to a large lower file: append 1 byte to a <see cref="FileSize"/>-byte file that lives in the
/// lower, which copies it up. Every iteration is one append on a fresh union or a freshly remounted overlay (an
/// [IterationSetup], untimed). UnionFs with a memory upper over a memory lower and over a DirectoryBranch lower on
/// tmpfs; the kernel overlay over tmpfs, which copies the whole file up. Baseline: appending straight to the raw
/// memory branch (no copy-up); the floor: appending on plain tmpfs. Target: UnionFs pays less than 1/50 of what
/// the kernel pays.
/// </summary>
[MemoryDiagnoser]
public class CopyOnWriteBenchmarks : BenchmarkBase
{
    private const string FilePath = "/data/big";

    private MemoryBranch _memoryLower = null!;
    private DirectoryBranch _directoryLower = null!;
    private UnionFileSystem _union = null!;
    private MockFileSystem _mock = null!;
    private string _plainPath = null!;
    private KernelOverlay _overlay = null!;

    /// <summary>Size of the lower file.</summary>
    [Params(256 * 1024 * 1024)]
    public int FileSize { get; set; }

    private Layer Data() => new Layer().Directory("/data").File(FilePath, Layer.Content(FileSize));

    /// <summary>The file in a memory branch, appended to directly.</summary>
    [GlobalSetup(Target = nameof(RawBranchAppend))]
    public void SetupRaw() => _memoryLower = Data().ToMemoryBranch();

    /// <summary>The file in a memory lower.</summary>
    [GlobalSetup(Target = nameof(UnionMemoryLower))]
    public void SetupMemoryLower()
    {
        _memoryLower = Data().ToMemoryBranch();
        FreshMemoryUnion();
        UnionMemoryLower();
        Check(_union.Upper!.Stat(FilePath)?.Length == FileSize + 1 && _memoryLower.Stat(FilePath)?.Length == FileSize, "copied up");
    }

    /// <summary>The file in a DirectoryBranch lower on tmpfs.</summary>
    [GlobalSetup(Target = nameof(UnionDirectoryLower))]
    public void SetupDirectoryLower()
    {
        _directoryLower = new DirectoryBranch(new FileSystem(), PlainDirectory(Data()));
        FreshDirectoryUnion();
        UnionDirectoryLower();
        Check(_union.Upper!.Stat(FilePath)?.Length == FileSize + 1 && _directoryLower.Stat(FilePath)?.Length == FileSize, "copied up");
    }

    /// <summary>The file in MockFileSystem, appended to in place.</summary>
    [GlobalSetup(Target = nameof(MockAppend))]
    public void SetupMock() => _mock = Data().ToMockFileSystem();

    /// <summary>The file on plain tmpfs, appended to in place.</summary>
    [GlobalSetup(Target = nameof(TmpfsAppend))]
    public void SetupTmpfs() => _plainPath = PlainDirectory(Data()) + FilePath;

    /// <summary>The file in the lower of a kernel overlay.</summary>
    [GlobalSetup(Target = nameof(KernelAppend))]
    public void SetupKernel()
    {
        _overlay = MountOverlay([Data()]);
        KernelAppend();
        Check(new FileInfo(_overlay.UpperDir + FilePath).Length == FileSize + 1, "copied up");
    }

    /// <summary>A fresh union (empty memory upper) over the memory lower.</summary>
    [IterationSetup(Target = nameof(UnionMemoryLower))]
    public void FreshMemoryUnion() => _union = new UnionFileSystem(new MemoryBranch(), _memoryLower);

    /// <summary>A fresh union (empty memory upper) over the DirectoryBranch lower.</summary>
    [IterationSetup(Target = nameof(UnionDirectoryLower))]
    public void FreshDirectoryUnion() => _union = new UnionFileSystem(new MemoryBranch(), _directoryLower);

    /// <summary>The overlay remounted with an empty upper.</summary>
    [IterationSetup(Target = nameof(KernelAppend))]
    public void FreshKernel() => _overlay.Remount();

    /// <summary>Baseline: appending 1 byte straight to the memory branch's file (no copy-up).</summary>
    [Benchmark(Baseline = true)]
    public void RawBranchAppend()
    {
        using var stream = _memoryLower.OpenWrite(FilePath);
        stream.Seek(0, SeekOrigin.End);
        stream.WriteByte(1);
    }

    /// <summary>Append 1 byte through a union whose memory lower has the file: copy-up into the memory upper.</summary>
    [Benchmark]
    public void UnionMemoryLower() => AppendThroughUnion();

    /// <summary>Append 1 byte through a union whose DirectoryBranch lower (tmpfs) has the file.</summary>
    [Benchmark]
    [NeedsMount]
    public void UnionDirectoryLower() => AppendThroughUnion();

    /// <summary>Append 1 byte to the file in MockFileSystem.</summary>
    [Benchmark]
    public void MockAppend()
    {
        using var stream = _mock.File.Open(FilePath, FileMode.Append, FileAccess.Write);
        stream.WriteByte(1);
    }

    /// <summary>Append 1 byte on plain tmpfs (no copy-up): the floor.</summary>
    [Benchmark]
    [NeedsMount]
    public void TmpfsAppend() => AppendOnDisk(_plainPath);

    /// <summary>Append 1 byte through the kernel overlay: the kernel copies the whole file up.</summary>
    [Benchmark]
    [NeedsMount]
    public void KernelAppend() => AppendOnDisk(_overlay.Merged(FilePath));

    private void AppendThroughUnion()
    {
        using var stream = _union.File.Open(FilePath, FileMode.Append, FileAccess.Write);
        stream.WriteByte(1);
    }

    private static void AppendOnDisk(string path)
    {
        using var stream = new FileStream(path, FileMode.Append, FileAccess.Write);
        stream.WriteByte(1);
    }
}
