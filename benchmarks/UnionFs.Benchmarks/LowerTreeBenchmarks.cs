using System.IO.Abstractions.TestingHelpers;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using UnionFs.Benchmarks.Infrastructure;

namespace UnionFs.Benchmarks;

/// <summary>
/// Structural changes to a tree that lives in the lower (100 directories of 10 files): delete it recursively,
/// rename its top directory. Each changes what it runs on, so every iteration is one call on a fresh set-up made
/// by an [IterationSetup] (untimed): a new raw branch holding the tree (baseline: <c>Remove</c>, <c>Rename</c>),
/// a new union over the same prebuilt lower, a new MockFileSystem, the tree put back on plain tmpfs, the kernel
/// overlay remounted with an empty upper.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class LowerTreeBenchmarks : BenchmarkBase
{
    private const string DeleteCategory = "Delete";
    private const string RenameCategory = "Rename";
    private const string TreePath = "/tree";
    private const string MovedPath = "/moved";

    private Layer _layer = null!;
    private MemoryBranch _lower = null!;
    private MemoryBranch _raw = null!;
    private UnionFileSystem _union = null!;
    private MockFileSystem _mock = null!;
    private string _plainRoot = null!;
    private KernelOverlay _overlay = null!;

    /// <summary>Directories in the tree.</summary>
    [Params(100)]
    public int TreeDirectories { get; set; }

    private Layer Tree() => Layer.Tree(TreePath, TreeDirectories, 10, Layer.Content(16)).Directory("/other");

    /// <summary>The layer that every raw branch is built from.</summary>
    [GlobalSetup(Targets = [nameof(RawBranchDelete), nameof(RawBranchRename)])]
    public void SetupRaw() => _layer = Tree();

    /// <summary>The prebuilt lower that every union shares.</summary>
    [GlobalSetup(Targets = [nameof(UnionDelete), nameof(UnionRename)])]
    public void SetupUnion() => _lower = Tree().ToMemoryBranch();

    /// <summary>The layer that every MockFileSystem is built from.</summary>
    [GlobalSetup(Targets = [nameof(MockDelete), nameof(MockRename)])]
    public void SetupMock() => _layer = Tree();

    /// <summary>The tree on plain tmpfs.</summary>
    [GlobalSetup(Targets = [nameof(TmpfsDelete), nameof(TmpfsRename)])]
    public void SetupTmpfs()
    {
        _layer = Tree();
        _plainRoot = PlainDirectory(_layer);
    }

    /// <summary>The tree in the lower of a kernel overlay.</summary>
    [GlobalSetup(Targets = [nameof(KernelDelete), nameof(KernelRename)])]
    public void SetupKernel() => _overlay = MountOverlay([Tree()]);

    /// <summary>A fresh raw branch holding the tree.</summary>
    [IterationSetup(Targets = [nameof(RawBranchDelete), nameof(RawBranchRename)])]
    public void FreshRaw() => _raw = _layer.ToMemoryBranch();

    /// <summary>A fresh union (empty upper) over the shared lower.</summary>
    [IterationSetup(Targets = [nameof(UnionDelete), nameof(UnionRename)])]
    public void FreshUnion() => _union = new UnionFileSystem(new MemoryBranch(), _lower);

    /// <summary>A fresh MockFileSystem holding the tree.</summary>
    [IterationSetup(Targets = [nameof(MockDelete), nameof(MockRename)])]
    public void FreshMock() => _mock = _layer.ToMockFileSystem();

    /// <summary>Puts the tree back on tmpfs: renamed back, or written again after a delete.</summary>
    [IterationSetup(Targets = [nameof(TmpfsDelete), nameof(TmpfsRename)])]
    public void FreshTmpfs()
    {
        if (Directory.Exists(_plainRoot + MovedPath)) Directory.Move(_plainRoot + MovedPath, _plainRoot + TreePath);
        if (!Directory.Exists(_plainRoot + TreePath))
        {
            Directory.Delete(_plainRoot, recursive: true);
            _layer.WriteTo(_plainRoot);
        }
    }

    /// <summary>Remounts the kernel overlay with an empty upper.</summary>
    [IterationSetup(Targets = [nameof(KernelDelete), nameof(KernelRename)])]
    public void FreshKernel() => _overlay.Remount();

    /// <summary>Baseline: the raw branch removes the tree.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory(DeleteCategory)]
    public void RawBranchDelete() => _raw.Remove(TreePath);

    /// <summary><c>Directory.Delete(tree, recursive)</c> through the union: one whiteout at the top.</summary>
    [Benchmark]
    [BenchmarkCategory(DeleteCategory)]
    public void UnionDelete() => _union.Directory.Delete(TreePath, recursive: true);

    /// <summary>The same on MockFileSystem.</summary>
    [Benchmark]
    [BenchmarkCategory(DeleteCategory)]
    public void MockDelete() => _mock.Directory.Delete(TreePath, recursive: true);

    /// <summary>The same on plain tmpfs.</summary>
    [Benchmark]
    [BenchmarkCategory(DeleteCategory)]
    [NeedsMount]
    public void TmpfsDelete() => Directory.Delete(_plainRoot + TreePath, recursive: true);

    /// <summary>The same on the kernel overlay (a whiteout for every entry, then one for the top).</summary>
    [Benchmark]
    [BenchmarkCategory(DeleteCategory)]
    [NeedsMount]
    public void KernelDelete() => Directory.Delete(_overlay.Merged(TreePath), recursive: true);

    /// <summary>Baseline: the raw branch renames the tree's top directory.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory(RenameCategory)]
    public void RawBranchRename() => _raw.Rename(TreePath, MovedPath);

    /// <summary><c>Directory.Move</c> of the lower directory through the union (a redirect, not a copy).</summary>
    [Benchmark]
    [BenchmarkCategory(RenameCategory)]
    public void UnionRename() => _union.Directory.Move(TreePath, MovedPath);

    /// <summary>The same on MockFileSystem.</summary>
    [Benchmark]
    [BenchmarkCategory(RenameCategory)]
    public void MockRename() => _mock.Directory.Move(TreePath, MovedPath);

    /// <summary>The same on plain tmpfs.</summary>
    [Benchmark]
    [BenchmarkCategory(RenameCategory)]
    [NeedsMount]
    public void TmpfsRename() => Directory.Move(_plainRoot + TreePath, _plainRoot + MovedPath);

    /// <summary>The same on the kernel overlay (<c>redirect_dir=on</c>).</summary>
    [Benchmark]
    [BenchmarkCategory(RenameCategory)]
    [NeedsMount]
    public void KernelRename() => Directory.Move(_overlay.Merged(TreePath), _overlay.Merged(MovedPath));
}
