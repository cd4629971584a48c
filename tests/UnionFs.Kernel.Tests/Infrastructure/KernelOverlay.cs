using System.Diagnostics;
using System.IO.Abstractions;

namespace UnionFs.Kernel.Tests.Infrastructure;

/// <summary>
/// One scenario's two file systems over the same lower layers: a real kernel overlay mount
/// (<c>mount -t overlay ... redirect_dir=on</c>) over kernel-format lowers, and a <see cref="UnionFileSystem"/>
/// (a <see cref="MemoryBranch"/> upper over <see cref="DirectoryBranch"/>es) over a separate OCI-format copy.
/// Everything lives in one unique directory under /tmp; <see cref="Dispose"/> unmounts by path and deletes it.
/// </summary>
public sealed class KernelOverlay : IDisposable
{
    private static readonly HashSet<string> ActiveMounts = [];

    static KernelOverlay()
    {
        // Make the modes of newly created files independent of the caller's shell (0644 files, 0755 directories).
        Native.SetUmask(0x12);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            string[] left;
            lock (ActiveMounts) left = [.. ActiveMounts];
            foreach (var mount in left) Unmount(mount);
        };
    }

    private KernelOverlay(LayerSet layers)
    {
        Layers = layers;
        Root = Path.Join(Path.GetTempPath(), "unionfs-kernel-" + Guid.NewGuid().ToString("N"));
        KernelLowers = [.. Enumerable.Range(1, layers.Lowers.Count).Select(i => Path.Join(Root, "kernel", "l" + i))];
        OciLowers = [.. Enumerable.Range(1, layers.Lowers.Count).Select(i => Path.Join(Root, "oci", "l" + i))];
        UpperDir = Path.Join(Root, "kernel", "upper");
        WorkDir = Path.Join(Root, "kernel", "work");
        // Two guard directories between the root and the mount point: a link that climbs out of the mount
        // still lands inside the scenario's own directory, where EscapedEntries finds what it left.
        MountPoint = Path.Join(Root, "guard", "guard", "merged");
    }

    public LayerSet Layers { get; }

    /// <summary>The scenario's own directory under /tmp.</summary>
    public string Root { get; }

    public IReadOnlyList<string> KernelLowers { get; }

    public IReadOnlyList<string> OciLowers { get; }

    public string UpperDir { get; }

    public string WorkDir { get; }

    public string MountPoint { get; }

    public bool IsMounted { get; private set; }

    /// <summary>Writes both copies of the layers and mounts the kernel overlay.</summary>
    public static KernelOverlay Create(LayerSet layers)
    {
        var overlay = new KernelOverlay(layers);
        try
        {
            for (var i = 0; i < layers.Lowers.Count; i++)
            {
                layers.WriteKernelLayer(i, overlay.KernelLowers[i]);
                layers.WriteOciLayer(i, overlay.OciLowers[i]);
            }
            Directory.CreateDirectory(overlay.UpperDir);
            Directory.CreateDirectory(overlay.WorkDir);
            Directory.CreateDirectory(overlay.MountPoint);
            overlay.Mount();
            return overlay;
        }
        catch
        {
            overlay.Dispose();
            throw;
        }
    }

    /// <summary>A fresh union over the OCI copies of the lowers, with an empty in-memory upper.</summary>
    public UnionFileSystem NewUnion() =>
        new(new MemoryBranch(), [.. OciLowers.Select(dir => (IBranch)new DirectoryBranch(new FileSystem(), dir))]);

    public void Mount()
    {
        var options = $"lowerdir={string.Join(':', KernelLowers)},upperdir={UpperDir},workdir={WorkDir},redirect_dir=on";
        var (code, output) = Run("/bin/mount", "-t", "overlay", "overlay", "-o", options, MountPoint);
        if (code != 0) throw new InvalidOperationException($"mount -t overlay -o {options} {MountPoint} failed ({code}): {output}");
        IsMounted = true;
        lock (ActiveMounts) ActiveMounts.Add(MountPoint);
    }

    /// <summary>Unmounts by this overlay's own path: plain first, retrying, lazily as the last resort.</summary>
    public void Unmount()
    {
        if (!IsMounted) return;
        IsMounted = !Unmount(MountPoint);
        if (!IsMounted)
        {
            lock (ActiveMounts) ActiveMounts.Remove(MountPoint);
        }
    }

    public void Dispose()
    {
        Unmount();
        // Never delete through a live mount: rather leak the directory.
        if (IsMounted || IsMountPoint(MountPoint)) return;
        if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
    }

    /// <summary>
    /// Anything the kernel side wrote outside the mount (through a symbolic link whose ".." climbed above the
    /// union root): a harness problem, never a UnionFs one.
    /// </summary>
    public IReadOnlyList<string> EscapedEntries()
    {
        var expected = new Dictionary<string, string[]>(StringComparer.Ordinal)
        {
            [Root] = ["guard", "kernel", "oci"],
            [Path.Join(Root, "guard")] = ["guard"],
            [Path.Join(Root, "guard", "guard")] = ["merged"],
            [Path.Join(Root, "kernel")] = [.. KernelLowers.Select(l => Path.GetFileName(l)), "upper", "work"],
            [Path.Join(Root, "oci")] = [.. OciLowers.Select(l => Path.GetFileName(l))],
        };
        var escaped = new List<string>();
        foreach (var (directory, names) in expected)
        {
            foreach (var entry in Directory.EnumerateFileSystemEntries(directory))
                if (!names.Contains(Path.GetFileName(entry))) escaped.Add(entry);
        }
        return escaped;
    }

    /// <summary>True when <paramref name="path"/> is listed in /proc/self/mountinfo.</summary>
    public static bool IsMountPoint(string path)
    {
        if (!File.Exists("/proc/self/mountinfo")) return false;
        foreach (var line in File.ReadLines("/proc/self/mountinfo"))
        {
            var fields = line.Split(' ');
            if (fields.Length > 4 && UnescapeMountInfo(fields[4]) == path) return true;
        }
        return false;
    }

    public static (int ExitCode, string Output) Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {program}");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, (stdout + stderr.Result).Trim());
    }

    private static bool Unmount(string mountPoint)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            if (Run("/bin/umount", mountPoint).ExitCode == 0) return true;
            if (!IsMountPoint(mountPoint)) return true;
            Thread.Sleep(50 * (attempt + 1));
        }
        return Run("/bin/umount", "-l", mountPoint).ExitCode == 0 || !IsMountPoint(mountPoint);
    }

    private static string UnescapeMountInfo(string field) =>
        field.Replace("\\040", " ", StringComparison.Ordinal)
            .Replace("\\011", "\t", StringComparison.Ordinal)
            .Replace("\\012", "\n", StringComparison.Ordinal)
            .Replace("\\134", "\\", StringComparison.Ordinal);
}
