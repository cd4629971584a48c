using System.IO.Abstractions.TestingHelpers;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using UnionFs.Benchmarks.Infrastructure;

namespace UnionFs.Benchmarks;

/// <summary>
/// Writing in the upper (no copy-up: the file was created through the union): replacing a whole 4 KiB file,
/// and appending 16 bytes to it. Baseline: the raw branch (<c>CreateFile</c> + <c>OpenWrite</c>; <c>OpenWrite</c> + seek to the end).
/// Also: UnionFs (a memory upper over one lower), MockFileSystem, plain tmpfs and a kernel overlay. Every
/// iteration is <see cref="InvocationsPerIteration"/> calls; appends start each iteration from the 4 KiB file.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
[InvocationCount(InvocationsPerIteration)]
public class WriteBenchmarks : BenchmarkBase
{
    /// <summary>Calls per iteration (fixed, so that appends grow the file by the same amount every iteration).</summary>
    public const int InvocationsPerIteration = 4096;

    private const string Write = "Write";
    private const string Append = "Append";
    private const string FilePath = "/data/file";
    private static readonly EntryMetadata FileMetadata = EntryMetadata.NewFile(Layer.Epoch);

    private readonly byte[] _content = Layer.Content(4096);
    private readonly byte[] _appendix = Layer.Content(16);

    private MemoryBranch? _raw;
    private UnionFileSystem? _union;
    private MockFileSystem? _mock;
    private string? _tmpfsPath;
    private string? _kernelPath;

    private static Layer Lower() => new Layer().Directory("/data");

    /// <summary>A raw branch with the file.</summary>
    [GlobalSetup(Targets = [nameof(RawBranchWrite), nameof(RawBranchAppend)])]
    public void SetupRaw()
    {
        _raw = Lower().ToMemoryBranch();
        RawBranchWrite();
    }

    /// <summary>A union (memory upper over one memory lower) whose upper has the file.</summary>
    [GlobalSetup(Targets = [nameof(UnionWrite), nameof(UnionAppend)])]
    public void SetupUnion()
    {
        _union = new UnionFileSystem(new MemoryBranch(), Lower().ToMemoryBranch());
        UnionWrite();
        Check(_union.Upper!.Stat(FilePath) is not null, "the file is in the upper");
    }

    /// <summary>A MockFileSystem with the file.</summary>
    [GlobalSetup(Targets = [nameof(MockWrite), nameof(MockAppend)])]
    public void SetupMock()
    {
        _mock = Lower().ToMockFileSystem();
        MockWrite();
    }

    /// <summary>The file in a plain tmpfs directory.</summary>
    [GlobalSetup(Targets = [nameof(TmpfsWrite), nameof(TmpfsAppend)])]
    public void SetupTmpfs()
    {
        _tmpfsPath = PlainDirectory(Lower()) + FilePath;
        TmpfsWrite();
    }

    /// <summary>The file in the upper of a kernel overlay (created through the mount).</summary>
    [GlobalSetup(Targets = [nameof(KernelWrite), nameof(KernelAppend)])]
    public void SetupKernel()
    {
        var overlay = MountOverlay([Lower()]);
        _kernelPath = overlay.Merged(FilePath);
        KernelWrite();
        Check(File.Exists(overlay.UpperDir + FilePath), "the file is in the upper");
    }

    /// <summary>Puts the 4 KiB file back before each iteration of appends.</summary>
    [IterationSetup(Targets = [nameof(RawBranchAppend), nameof(UnionAppend), nameof(MockAppend), nameof(TmpfsAppend), nameof(KernelAppend)])]
    public void ResetFile()
    {
        if (_raw is not null) RawBranchWrite();
        if (_union is not null) UnionWrite();
        if (_mock is not null) MockWrite();
        if (_tmpfsPath is not null) TmpfsWrite();
        if (_kernelPath is not null) KernelWrite();
    }

    /// <summary>Baseline: the raw branch replaces the file (an empty file, then its bytes through OpenWrite).</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory(Write)]
    public void RawBranchWrite() => Layer.WriteFile(_raw!, FilePath, _content, FileMetadata);

    /// <summary><c>File.WriteAllBytes</c> through the union.</summary>
    [Benchmark]
    [BenchmarkCategory(Write)]
    public void UnionWrite() => _union!.File.WriteAllBytes(FilePath, _content);

    /// <summary><c>File.WriteAllBytes</c> on MockFileSystem.</summary>
    [Benchmark]
    [BenchmarkCategory(Write)]
    public void MockWrite() => _mock!.File.WriteAllBytes(FilePath, _content);

    /// <summary><c>File.WriteAllBytes</c> on plain tmpfs.</summary>
    [Benchmark]
    [BenchmarkCategory(Write)]
    [NeedsMount]
    public void TmpfsWrite() => File.WriteAllBytes(_tmpfsPath!, _content);

    /// <summary><c>File.WriteAllBytes</c> on the kernel overlay.</summary>
    [Benchmark]
    [BenchmarkCategory(Write)]
    [NeedsMount]
    public void KernelWrite() => File.WriteAllBytes(_kernelPath!, _content);

    /// <summary>Baseline: the raw branch's write stream, positioned at the end.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory(Append)]
    public void RawBranchAppend()
    {
        using var stream = _raw!.OpenWrite(FilePath);
        stream.Seek(0, SeekOrigin.End);
        stream.Write(_appendix);
    }

    /// <summary>Opens with <see cref="FileMode.Append"/> through the union and writes 16 bytes.</summary>
    [Benchmark]
    [BenchmarkCategory(Append)]
    public void UnionAppend()
    {
        using var stream = _union!.File.Open(FilePath, FileMode.Append, FileAccess.Write);
        stream.Write(_appendix);
    }

    /// <summary>The same on MockFileSystem.</summary>
    [Benchmark]
    [BenchmarkCategory(Append)]
    public void MockAppend()
    {
        using var stream = _mock!.File.Open(FilePath, FileMode.Append, FileAccess.Write);
        stream.Write(_appendix);
    }

    /// <summary>The same on plain tmpfs.</summary>
    [Benchmark]
    [BenchmarkCategory(Append)]
    [NeedsMount]
    public void TmpfsAppend()
    {
        using var stream = new FileStream(_tmpfsPath!, FileMode.Append, FileAccess.Write);
        stream.Write(_appendix);
    }

    /// <summary>The same on the kernel overlay.</summary>
    [Benchmark]
    [BenchmarkCategory(Append)]
    [NeedsMount]
    public void KernelAppend()
    {
        using var stream = new FileStream(_kernelPath!, FileMode.Append, FileAccess.Write);
        stream.Write(_appendix);
    }
}
