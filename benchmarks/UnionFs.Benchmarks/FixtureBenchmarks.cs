using System.IO.Abstractions;
using System.IO.Abstractions.TestingHelpers;
using BenchmarkDotNet.Attributes;
using UnionFs.Benchmarks.Infrastructure;

namespace UnionFs.Benchmarks;

/// <summary>
/// The test-fixture workload, one operation: build <see cref="FileCount"/> files of 100 bytes in
/// <see cref="DirectoryCount"/> directories on an empty file system, enumerate them recursively, read each one.
/// Baseline: the raw branch (IBranch members). Also: UnionFs (a fresh <c>new UnionFileSystem(new MemoryBranch())</c>),
/// MockFileSystem (what UnionFs replaces in tests), Zio's MemoryFileSystem (the other .NET virtual file system,
/// through its own API), plain tmpfs and a kernel overlay (built in its upper; the real-file runs delete the tree
/// after each iteration, untimed). Targets: at least 20x faster than MockFileSystem, and ahead of Zio.
/// </summary>
[MemoryDiagnoser]
public class FixtureBenchmarks : BenchmarkBase
{
    /// <summary>Directories in the fixture.</summary>
    public const int DirectoryCount = 1_000;

    /// <summary>Files in the fixture (10 per directory).</summary>
    public const int FileCount = 10_000;

    private const string Root = "/fixture";
    private static readonly EntryMetadata FileMetadata = EntryMetadata.NewFile(Layer.Epoch);
    private static readonly EntryMetadata DirectoryMetadata = EntryMetadata.NewDirectory(Layer.Epoch);

    private readonly byte[] _content = Layer.Content(100);
    private readonly byte[] _buffer = new byte[4096];
    private (string Directory, string[] Files)[] _tree = null!;
    private string _tmpfsRoot = null!;
    private string _kernelRoot = null!;

    /// <summary>The fixture's paths (relative to the file system's root), made once.</summary>
    [GlobalSetup(Target = nameof(RawBranchFixture))]
    public void SetupRaw()
    {
        _tree = [.. Layer.TreePaths(Root, DirectoryCount, FileCount / DirectoryCount)];
        Check(RawBranchFixture() == FileCount * _content.Length, "bytes read");
    }

    /// <summary>The fixture's paths (relative to the file system's root), made once.</summary>
    [GlobalSetup(Target = nameof(UnionFixture))]
    public void SetupUnion()
    {
        _tree = [.. Layer.TreePaths(Root, DirectoryCount, FileCount / DirectoryCount)];
        Check(UnionFixture() == FileCount * _content.Length, "bytes read");
    }

    /// <summary>The fixture's paths (relative to the file system's root), made once.</summary>
    [GlobalSetup(Target = nameof(MockFixture))]
    public void SetupMock()
    {
        _tree = [.. Layer.TreePaths(Root, DirectoryCount, FileCount / DirectoryCount)];
        Check(MockFixture() == FileCount * _content.Length, "bytes read");
    }

    /// <summary>The fixture's paths (relative to the file system's root), made once.</summary>
    [GlobalSetup(Target = nameof(ZioFixture))]
    public void SetupZio()
    {
        _tree = [.. Layer.TreePaths(Root, DirectoryCount, FileCount / DirectoryCount)];
        Check(ZioFixture() == FileCount * _content.Length, "bytes read");
    }

    /// <summary>The fixture's paths below a plain tmpfs directory.</summary>
    [GlobalSetup(Target = nameof(TmpfsFixture))]
    public void SetupTmpfs()
    {
        _tmpfsRoot = Tmpfs.Combine("plain");
        Directory.CreateDirectory(_tmpfsRoot);
        _tree = [.. Layer.TreePaths(_tmpfsRoot + Root, DirectoryCount, FileCount / DirectoryCount)];
        Check(TmpfsFixture() == FileCount * _content.Length, "bytes read");
        DeleteTmpfsTree();
    }

    /// <summary>The fixture's paths below a kernel overlay's merged directory (one empty lower).</summary>
    [GlobalSetup(Target = nameof(KernelFixture))]
    public void SetupKernel()
    {
        _kernelRoot = MountOverlay([new Layer()]).MergedDir;
        _tree = [.. Layer.TreePaths(_kernelRoot + Root, DirectoryCount, FileCount / DirectoryCount)];
        Check(KernelFixture() == FileCount * _content.Length, "bytes read");
        DeleteKernelTree();
    }

    /// <summary>Removes what the tmpfs run built (not timed).</summary>
    [IterationCleanup(Target = nameof(TmpfsFixture))]
    public void DeleteTmpfsTree() => Directory.Delete(_tmpfsRoot + Root, recursive: true);

    /// <summary>Removes what the kernel overlay run built (not timed).</summary>
    [IterationCleanup(Target = nameof(KernelFixture))]
    public void DeleteKernelTree() => Directory.Delete(_kernelRoot + Root, recursive: true);

    /// <summary>Baseline: the raw branch's own members (CreateDirectory, CreateFile + OpenWrite, List, OpenRead).</summary>
    [Benchmark(Baseline = true)]
    public long RawBranchFixture()
    {
        var branch = new MemoryBranch();
        branch.CreateDirectory(Root, DirectoryMetadata, opaque: false);
        foreach (var (directory, files) in _tree)
        {
            branch.CreateDirectory(directory, DirectoryMetadata, opaque: false);
            foreach (var file in files) Layer.WriteFile(branch, file, _content, FileMetadata);
        }

        long total = 0;
        var pending = new Stack<string>();
        pending.Push(Root);
        while (pending.TryPop(out var directory))
        {
            foreach (var entry in branch.List(directory))
            {
                var path = directory + "/" + entry.Name;
                if (entry.IsDirectory)
                {
                    pending.Push(path);
                    continue;
                }
                using var stream = branch.OpenRead(path);
                total += stream.Read(_buffer, 0, _buffer.Length);
            }
        }
        return total;
    }

    /// <summary>A fresh in-memory union (no lowers) through its IFileSystem.</summary>
    [Benchmark]
    public long UnionFixture() => BuildEnumerateRead(new UnionFileSystem(new MemoryBranch()), Root);

    /// <summary>A fresh MockFileSystem.</summary>
    [Benchmark]
    public long MockFixture() => BuildEnumerateRead(new MockFileSystem(), Root);

    /// <summary>A fresh Zio MemoryFileSystem through Zio's own API (the same steps: create, enumerate recursively, read).</summary>
    [Benchmark]
    public long ZioFixture()
    {
        var fileSystem = new Zio.FileSystems.MemoryFileSystem();
        fileSystem.CreateDirectory(Root);
        foreach (var (directory, files) in _tree)
        {
            fileSystem.CreateDirectory(directory);
            foreach (var file in files) Zio.FileSystemExtensions.WriteAllBytes(fileSystem, file, _content);
        }

        long total = 0;
        foreach (var file in fileSystem.EnumeratePaths(Root, "*", SearchOption.AllDirectories, Zio.SearchTarget.File))
            total += Zio.FileSystemExtensions.ReadAllBytes(fileSystem, file).Length;
        return total;
    }

    /// <summary>Plain tmpfs through System.IO.</summary>
    [Benchmark]
    [NeedsMount]
    public long TmpfsFixture() => BuildEnumerateRead(RealFileSystem, _tmpfsRoot + Root);

    /// <summary>A kernel overlay through System.IO.</summary>
    [Benchmark]
    [NeedsMount]
    public long KernelFixture() => BuildEnumerateRead(RealFileSystem, _kernelRoot + Root);

    private static readonly FileSystem RealFileSystem = new();

    private static readonly string Text = new('x', 100);

    /// <summary>
    /// The same fixture written and read as text (<c>WriteAllText</c>, <c>GetFiles</c> with a pattern, <c>ReadAllText</c>):
    /// how many tests build theirs. For the alternating comparison, not a BenchmarkDotNet case.
    /// </summary>
    public long BuildEnumerateReadText(IFileSystem fileSystem)
    {
        foreach (var (directory, files) in _tree)
        {
            fileSystem.Directory.CreateDirectory(directory);
            foreach (var file in files) fileSystem.File.WriteAllText(file, Text);
        }

        long total = 0;
        foreach (var file in fileSystem.Directory.GetFiles(Root, "*.txt", SearchOption.AllDirectories))
            total += fileSystem.File.ReadAllText(file).Length;
        return total;
    }

    /// <summary>
    /// The same fixture through streams (<c>File.Create</c> and a write, <c>File.OpenRead</c> and a read, each stream
    /// closed): what code does that writes through a <see cref="FileSystemStream"/>. For the alternating comparison.
    /// </summary>
    public long BuildEnumerateReadStreams(IFileSystem fileSystem)
    {
        foreach (var (directory, files) in _tree)
        {
            fileSystem.Directory.CreateDirectory(directory);
            foreach (var file in files)
            {
                using var stream = fileSystem.File.Create(file);
                stream.Write(_content);
            }
        }

        long total = 0;
        foreach (var file in fileSystem.Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories))
        {
            using var stream = fileSystem.File.OpenRead(file);
            total += stream.Read(_buffer, 0, _buffer.Length);
        }
        return total;
    }

    private long BuildEnumerateRead(IFileSystem fileSystem, string root)
    {
        fileSystem.Directory.CreateDirectory(root);
        foreach (var (directory, files) in _tree)
        {
            fileSystem.Directory.CreateDirectory(directory);
            foreach (var file in files) fileSystem.File.WriteAllBytes(file, _content);
        }

        long total = 0;
        foreach (var file in fileSystem.Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
            total += fileSystem.File.ReadAllBytes(file).Length;
        return total;
    }
}
