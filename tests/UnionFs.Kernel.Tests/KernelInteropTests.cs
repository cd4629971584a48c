using UnionFs.Kernel.Tests.Infrastructure;

namespace UnionFs.Kernel.Tests;

/// <summary>
/// Issue 3, part 2: UnionFs and the kernel read each other's upper directories in the overlayfs format
/// (character-device whiteouts, trusted.overlay.opaque, trusted.overlay.redirect), and Docker overlay2
/// <c>diff/</c> directories open as lowers.
/// </summary>
[TestFixture]
[NonParallelizable]
public class KernelInteropTests
{
    private static readonly FileSystem Disk = new();
    private string _root = null!;

    [SetUp]
    public void SetUp()
    {
        KernelAvailability.RequireOrIgnore();
        _root = Path.Combine(Path.GetTempPath(), "unionfs-interop-" + Guid.NewGuid().ToString("N"));
        foreach (var name in new[] { "lower", "upper", "work", "merged" }) Directory.CreateDirectory(Path.Combine(_root, name));
        WriteLowerTree(Path.Combine(_root, "lower"));
    }

    [TearDown]
    public void TearDown()
    {
        if (_root is null) return;
        Unmount(Path.Combine(_root, "merged"));
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    [Test]
    public void OverlayUpperWrittenByUnionFs_MountedByKernel_ShouldShowTheSameTree()
    {
        var fs = new UnionFileSystem(new DirectoryBranch(Disk, Dir("upper"), WhiteoutFormat.Overlay), new DirectoryBranch(Disk, Dir("lower")));
        ApplyScript(fs, "/");
        var ours = Snapshot(fs, "/");

        Mount(Dir("lower"), Dir("upper"));
        var kernel = Snapshot(Disk, Dir("merged"));
        Unmount(Dir("merged"));

        kernel.Should().Equal(ours);
        ours.Should().Contain("/moved/f file F+").And.NotContain(line => line.StartsWith("/gone/old", StringComparison.Ordinal));
    }

    [Test]
    public void UpperWrittenThroughKernelMount_OpenedByUnionFs_ShouldShowTheSameTreeAsUpperAndAsLower()
    {
        Mount(Dir("lower"), Dir("upper"));
        ApplyScript(Disk, Dir("merged"));
        var kernel = Snapshot(Disk, Dir("merged"));
        Unmount(Dir("merged"));

        var asUpper = new UnionFileSystem(new DirectoryBranch(Disk, Dir("upper"), WhiteoutFormat.Overlay), new DirectoryBranch(Disk, Dir("lower")));
        var asLower = new UnionFileSystem(new MemoryBranch(), new DirectoryBranch(Disk, Dir("upper"), WhiteoutFormat.Overlay), new DirectoryBranch(Disk, Dir("lower")));

        Snapshot(asUpper, "/").Should().Equal(kernel);
        Snapshot(asLower, "/").Should().Equal(kernel);
    }

    [Test]
    public void KernelWrittenUpper_ChangedFurtherByUnionFs_ShouldMountAgainWithBothChanges()
    {
        Mount(Dir("lower"), Dir("upper"));
        ApplyScript(Disk, Dir("merged"));
        Unmount(Dir("merged"));

        var fs = new UnionFileSystem(new DirectoryBranch(Disk, Dir("upper"), WhiteoutFormat.Overlay), new DirectoryBranch(Disk, Dir("lower")));
        fs.File.Delete("/moved/sub/s");
        fs.Directory.Move("/moved", "/moved-again");
        fs.File.WriteAllText("/gone/second", "2");
        var ours = Snapshot(fs, "/");

        Mount(Dir("lower"), Dir("upper"));
        var kernel = Snapshot(Disk, Dir("merged"));
        Unmount(Dir("merged"));

        kernel.Should().Equal(ours);
        ours.Should().Contain("/moved-again/f file F+").And.Contain("/gone/second file 2");
    }

    [Test]
    public void DockerStyleDiffDirectories_AsLowers_ShouldMergeLikeTheKernel()
    {
        // Docker overlay2 keeps each image layer as a diff/ directory: the upper of the mount that built it.
        // Build layer 2 as the kernel would, on top of layer 1 ("lower"), then stack both under UnionFs.
        Mount(Dir("lower"), Dir("upper"));
        ApplyScript(Disk, Dir("merged"));
        Unmount(Dir("merged"));
        var layer2 = Dir("upper");
        Directory.CreateDirectory(Dir("upper2"));
        Directory.CreateDirectory(Dir("work2"));

        var fs = new UnionFileSystem(new MemoryBranch(), new DirectoryBranch(Disk, layer2, WhiteoutFormat.Overlay), new DirectoryBranch(Disk, Dir("lower"), WhiteoutFormat.Overlay));
        var ours = Snapshot(fs, "/");

        var mounted = KernelOverlay.Run("/bin/mount", "-t", "overlay", "overlay", "-o",
            $"lowerdir={layer2}:{Dir("lower")},redirect_dir=on", Dir("merged"));
        mounted.ExitCode.Should().Be(0, mounted.Output);
        var kernel = Snapshot(Disk, Dir("merged"));
        Unmount(Dir("merged"));

        kernel.Should().Equal(ours);
    }

    [Test]
    public void OverlayFormat_WhiteoutAndOpaqueOnDisk_ShouldBeTheKernelsOwn()
    {
        var upper = new DirectoryBranch(Disk, Dir("upper"), WhiteoutFormat.Overlay);
        var fs = new UnionFileSystem(upper, new DirectoryBranch(Disk, Dir("lower")));

        fs.File.Delete("/a.txt");
        fs.Directory.Delete("/gone", recursive: true);
        fs.Directory.CreateDirectory("/gone");

        var whiteout = Infrastructure.Native.LStat(Path.Combine(Dir("upper"), "a.txt"));
        whiteout.IsCharacterDevice.Should().BeTrue();
        (whiteout.RDevMajor, whiteout.RDevMinor).Should().Be((0u, 0u));
        Infrastructure.Native.ListXattrs(Path.Combine(Dir("upper"), "gone")).Should().Contain("trusted.overlay.opaque=79", "opaque is the xattr trusted.overlay.opaque=y (0x79)");
        Directory.Exists(Path.Combine(Dir("upper"), DirectoryBranchWorkArea)).Should().BeFalse("the work area exists only while a change runs");
    }

    private const string DirectoryBranchWorkArea = ".wh..wh..unionfs-work";

    /// <summary>The same changes, through any IFileSystem rooted at <paramref name="root"/>.</summary>
    private static void ApplyScript(IFileSystem fs, string root)
    {
        string P(string path) => fs.Path.Join(root, path);
        fs.File.Delete(P("a.txt"));                              // lower file: whiteout
        fs.Directory.Delete(P("gone"), recursive: true);         // lower tree: one whiteout
        fs.Directory.CreateDirectory(P("gone"));                 // made again: opaque
        fs.File.WriteAllText(P("gone/new"), "N");
        fs.File.AppendAllText(P("dir/f"), "+");                  // copy-up
        fs.Directory.Move(P("dir"), P("moved"));                 // merged directory: redirect
        fs.File.Move(P("b.txt"), P("moved/b-moved.txt"));
    }

    private static void WriteLowerTree(string lower)
    {
        Directory.CreateDirectory(Path.Combine(lower, "dir/sub"));
        Directory.CreateDirectory(Path.Combine(lower, "gone/deep"));
        File.WriteAllText(Path.Combine(lower, "a.txt"), "A");
        File.WriteAllText(Path.Combine(lower, "b.txt"), "B");
        File.WriteAllText(Path.Combine(lower, "dir/f"), "F");
        File.WriteAllText(Path.Combine(lower, "dir/sub/s"), "S");
        File.WriteAllText(Path.Combine(lower, "gone/old"), "O");
        File.WriteAllText(Path.Combine(lower, "gone/deep/d"), "D");
    }

    /// <summary>Every entry below <paramref name="root"/> as "path kind content", sorted.</summary>
    private static List<string> Snapshot(IFileSystem fs, string root)
    {
        var lines = new List<string>();
        foreach (var path in fs.Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories))
        {
            var relative = "/" + fs.Path.GetRelativePath(root, path);
            lines.Add(fs.Directory.Exists(path) ? $"{relative} dir" : $"{relative} file {fs.File.ReadAllText(path)}");
        }
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private string Dir(string name) => Path.Combine(_root, name);

    private void Mount(string lower, string upper)
    {
        var result = KernelOverlay.Run("/bin/mount", "-t", "overlay", "overlay", "-o",
            $"lowerdir={lower},upperdir={upper},workdir={Dir("work")},redirect_dir=on", Dir("merged"));
        result.ExitCode.Should().Be(0, result.Output);
    }

    private static void Unmount(string mountPoint)
    {
        if (!KernelOverlay.IsMountPoint(mountPoint)) return;
        if (KernelOverlay.Run("/bin/umount", mountPoint).ExitCode != 0) KernelOverlay.Run("/bin/umount", "-l", mountPoint);
    }
}
