using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace UnionFs.Images.Tests.Infrastructure;

/// <summary>
/// The kernel as the oracle: extracts layer tars with GNU tar into directories in overlay format (whiteouts
/// as character devices 0/0, opaque directories with trusted.overlay.opaque=y) and mounts them.
/// </summary>
public static class KernelOverlay
{
    private const uint S_IFCHR = 0x2000;

    [DllImport("libc", SetLastError = true)]
    private static extern int mknod([MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint mode, ulong dev);

    [DllImport("libc", SetLastError = true)]
    private static extern int lsetxattr([MarshalAs(UnmanagedType.LPUTF8Str)] string path, [MarshalAs(UnmanagedType.LPUTF8Str)] string name, byte[] value, nuint size, int flags);

    [DllImport("libc")]
    private static extern uint geteuid();

    private static readonly Lazy<bool> Mountable = new(ProbeMount);

    /// <summary>True as root on Linux (mknod and trusted.* xattrs work).</summary>
    public static bool CanUseOverlayFormat() => OperatingSystem.IsLinux() && geteuid() == 0;

    /// <summary>Ignores the test when the kernel overlay cannot be mounted, or fails it when UNIONFS_REQUIRE_KERNEL=1.</summary>
    public static void Require()
    {
        if (Mountable.Value) return;
        const string message = "The kernel overlay cannot be mounted here (needs Linux, root and overlayfs).";
        if (Environment.GetEnvironmentVariable("UNIONFS_REQUIRE_KERNEL") == "1") Assert.Fail(message + " (UNIONFS_REQUIRE_KERNEL=1 requires it)");
        Assert.Ignore(message);
    }

    /// <summary>Extracts a layer tar with GNU tar, then turns its OCI whiteouts into overlay format.</summary>
    public static void ExtractAsOverlay(byte[] layer, string directory)
    {
        Directory.CreateDirectory(directory);
        var tarFile = directory.TrimEnd('/') + ".layer.tar";
        File.WriteAllBytes(tarFile, layer);
        try
        {
            Run("tar", "-xpf", tarFile, "-C", directory, "--numeric-owner");
        }
        finally
        {
            File.Delete(tarFile);
        }
        ConvertWhiteouts(directory);
    }

    /// <summary>OCI markers to overlay markers; a name the layer has itself stays (a directory becomes opaque).</summary>
    public static void ConvertWhiteouts(string directory)
    {
        foreach (var sub in Directory.GetDirectories(directory))
            if (new DirectoryInfo(sub).LinkTarget is null) ConvertWhiteouts(sub);
        foreach (var file in Directory.GetFiles(directory, ".wh.*"))
        {
            var name = Path.GetFileName(file);
            File.Delete(file);
            if (name == ".wh..wh..opq")
            {
                SetOpaque(directory);
                continue;
            }
            var hidden = Path.Combine(directory, name[4..]);
            if (Directory.Exists(hidden) && new DirectoryInfo(hidden).LinkTarget is null) SetOpaque(hidden);
            else if (!File.Exists(hidden) && new FileInfo(hidden).LinkTarget is null) MakeWhiteout(hidden);
        }
    }

    public static void MakeWhiteout(string path)
    {
        if (mknod(path, S_IFCHR, 0) != 0) throw new IOException($"mknod {path}: errno {Marshal.GetLastPInvokeError()}");
    }

    public static void SetOpaque(string directory)
    {
        var value = "y"u8.ToArray();
        if (lsetxattr(directory, "trusted.overlay.opaque", value, (nuint)value.Length, 0) != 0)
            throw new IOException($"setxattr {directory}: errno {Marshal.GetLastPInvokeError()}");
    }

    /// <summary>Mounts the directories (topmost first) read-only at <paramref name="mountPoint"/>; dispose to unmount.</summary>
    public static IDisposable Mount(IReadOnlyList<string> lowerTopFirst, string mountPoint)
    {
        Directory.CreateDirectory(mountPoint);
        var lowers = lowerTopFirst.ToList();
        if (lowers.Count == 1)
        {
            // The kernel wants two lowers without an upper: add an empty one at the bottom.
            var empty = mountPoint.TrimEnd('/') + ".empty";
            Directory.CreateDirectory(empty);
            lowers.Add(empty);
        }
        Run("mount", "-t", "overlay", "overlay", "-o", "lowerdir=" + string.Join(':', lowers), mountPoint);
        return new Unmount(mountPoint);
    }

    private sealed class Unmount(string mountPoint) : IDisposable
    {
        public void Dispose() => Run("umount", mountPoint);
    }

    private static bool ProbeMount()
    {
        if (!CanUseOverlayFormat()) return false;
        var probe = Directory.CreateTempSubdirectory("unionfs-probe-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(probe, "a"));
            Directory.CreateDirectory(Path.Combine(probe, "b"));
            using (Mount([Path.Combine(probe, "a"), Path.Combine(probe, "b")], Path.Combine(probe, "m")))
            {
            }
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        finally
        {
            Directory.Delete(probe, recursive: true);
        }
    }

    public static void Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new IOException($"Cannot start {program}.");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            throw new IOException($"{program} timed out.");
        }
        if (process.ExitCode != 0) throw new IOException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {error.Result}{output.Result}");
    }
}

/// <summary>Builds a Docker overlay2 storage directory: overlay2/&lt;id&gt;/{diff,link,lower} and l/&lt;short id&gt; links.</summary>
public static class Overlay2Fixture
{
    /// <summary>Creates one overlay2 layer per tar (base first); returns the layer ids, base first.</summary>
    public static IReadOnlyList<string> Create(string dockerRoot, IReadOnlyList<byte[]> layers)
    {
        var storage = Path.Combine(dockerRoot, "overlay2");
        Directory.CreateDirectory(Path.Combine(storage, "l"));
        var ids = new List<string>();
        var shorts = new List<string>();
        for (var i = 0; i < layers.Count; i++)
        {
            var id = LayerBuilder.Sha256(Encoding.UTF8.GetBytes("cache" + i))[7..];
            var shortId = ("L" + id.ToUpperInvariant())[..26];
            var layerDir = Path.Combine(storage, id);
            KernelOverlay.ExtractAsOverlay(layers[i], Path.Combine(layerDir, "diff"));
            File.WriteAllText(Path.Combine(layerDir, "link"), shortId);
            File.CreateSymbolicLink(Path.Combine(storage, "l", shortId), "../" + id + "/diff");
            if (i > 0) File.WriteAllText(Path.Combine(layerDir, "lower"), string.Join(':', shorts.AsEnumerable().Reverse().Select(s => "l/" + s)));
            Directory.CreateDirectory(Path.Combine(layerDir, "work"));
            ids.Add(id);
            shorts.Add(shortId);
        }
        return ids;
    }
}
