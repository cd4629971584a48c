using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace UnionFs.Benchmarks.Infrastructure;

/// <summary>
/// A tmpfs mounted at a fresh directory under /tmp: the floor for real files, and the home of every kernel
/// overlay's lowers, upper and work directory. <see cref="Dispose"/> unmounts it by its own path and removes
/// the directory.
/// </summary>
public sealed class TmpfsMount : IDisposable
{
    private static int _sequence;

    /// <summary>Mounts a tmpfs (no size limit beyond the machine's memory) at a new directory.</summary>
    public TmpfsMount()
    {
        Root = Path.Join(Path.GetTempPath(), $"ufsb-{Environment.ProcessId}-{Interlocked.Increment(ref _sequence)}");
        Directory.CreateDirectory(Root);
        try
        {
            Mounts.Mount(Root, "-t", "tmpfs", "-o", "size=90%,mode=0755", "tmpfs", Root);
        }
        catch
        {
            Directory.Delete(Root);
            throw;
        }
    }

    /// <summary>The mount point; everything below it lives in memory.</summary>
    public string Root { get; }

    /// <summary>A path below the mount point (<paramref name="relative"/> uses <c>/</c> separators).</summary>
    public string Combine(string relative) => Root + "/" + relative.TrimStart('/');

    /// <summary>Unmounts the tmpfs and removes its mount point (never deletes through a live mount).</summary>
    public void Dispose()
    {
        if (Mounts.Unmount(Root) && Directory.Exists(Root) && !Mounts.IsMountPoint(Root)) Directory.Delete(Root);
    }
}

/// <summary>
/// A kernel overlay mount over directories of a <see cref="TmpfsMount"/>: <c>l/0</c> (topmost) to
/// <c>l/N-1</c> as lowers, <c>u</c> as upper, <c>w</c> as work directory, mounted at <c>m</c> with
/// <c>redirect_dir=on</c>. Fill <see cref="LowerDir"/>s (and <see cref="UpperDir"/>) before <see cref="Mount"/>;
/// <see cref="Remount"/> gives a fresh, empty upper (what a benchmark that writes needs before each iteration).
/// </summary>
public sealed class KernelOverlay : IDisposable
{
    private readonly TmpfsMount _tmpfs;
    private readonly string _name;

    /// <summary>Creates the directories of an overlay with <paramref name="lowerCount"/> lowers; mounts nothing yet.</summary>
    public KernelOverlay(TmpfsMount tmpfs, int lowerCount, string name = "o")
    {
        ArgumentNullException.ThrowIfNull(tmpfs);
        ArgumentOutOfRangeException.ThrowIfLessThan(lowerCount, 1);
        _tmpfs = tmpfs;
        _name = name;
        LowerDirs = [.. Enumerable.Range(0, lowerCount).Select(i => tmpfs.Combine($"{name}/l/{i}"))];
        UpperDir = tmpfs.Combine($"{name}/u");
        WorkDir = tmpfs.Combine($"{name}/w");
        MergedDir = tmpfs.Combine($"{name}/m");
        foreach (var lower in LowerDirs) Directory.CreateDirectory(lower);
        Directory.CreateDirectory(UpperDir);
        Directory.CreateDirectory(WorkDir);
        Directory.CreateDirectory(MergedDir);
    }

    /// <summary>The lower directories, topmost first.</summary>
    public IReadOnlyList<string> LowerDirs { get; }

    /// <summary>The upper directory.</summary>
    public string UpperDir { get; }

    /// <summary>The overlay's work directory.</summary>
    public string WorkDir { get; }

    /// <summary>The mount point: the merged view, used through System.IO.</summary>
    public string MergedDir { get; }

    /// <summary>True while the overlay is mounted.</summary>
    public bool IsMounted { get; private set; }

    /// <summary>A path in the merged view (<paramref name="relative"/> uses <c>/</c> separators).</summary>
    public string Merged(string relative) => MergedDir + "/" + relative.TrimStart('/');

    /// <summary>Mounts the overlay.</summary>
    public void Mount()
    {
        if (IsMounted) return;
        var options = $"lowerdir={string.Join(':', LowerDirs)},upperdir={UpperDir},workdir={WorkDir},redirect_dir=on";
        Mounts.Mount(MergedDir, "-t", "overlay", "overlay", "-o", options, MergedDir);
        IsMounted = true;
    }

    /// <summary>Unmounts the overlay, empties the upper and work directories and mounts it again.</summary>
    public void Remount()
    {
        Unmount();
        Recreate(UpperDir);
        Recreate(WorkDir);
        Mount();
    }

    /// <summary>Unmounts the overlay (by its own path).</summary>
    public void Unmount()
    {
        if (!IsMounted) return;
        if (!Mounts.Unmount(MergedDir)) throw new InvalidOperationException($"cannot unmount {MergedDir}");
        IsMounted = false;
    }

    /// <summary>Unmounts the overlay and removes its directories (the tmpfs itself stays).</summary>
    public void Dispose()
    {
        Unmount();
        if (!Mounts.IsMountPoint(MergedDir)) Directory.Delete(_tmpfs.Combine(_name), recursive: true);
    }

    private static void Recreate(string directory)
    {
        Directory.Delete(directory, recursive: true);
        Directory.CreateDirectory(directory);
    }
}

/// <summary>
/// <c>mount</c>/<c>umount</c> through the system's own tools, the probe that tells whether this process may
/// mount (root, not in a restricted container), and a last-chance unmount of whatever is still mounted
/// when the process exits.
/// </summary>
public static partial class Mounts
{
    /// <summary>Set to 1 to skip every benchmark that mounts, as if this machine did not allow it.</summary>
    public const string DisableVariable = "UNIONFS_BENCH_NO_MOUNT";

    private static readonly HashSet<string> Active = [];
    private static readonly Lazy<string?> UnavailableReason = new(Probe);

    static Mounts()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            string[] left;
            lock (Active) left = [.. Active];
            // Innermost (longest) first: an overlay inside a tmpfs goes before the tmpfs.
            foreach (var mountPoint in left.OrderByDescending(p => p.Length)) Unmount(mountPoint);
        };
    }

    /// <summary>True when tmpfs and overlay mounts (with <c>redirect_dir=on</c>) work here.</summary>
    public static bool Available => UnavailableReason.Value is null;

    /// <summary>Why mounting does not work here; null when it does.</summary>
    public static string? Reason => UnavailableReason.Value;

    /// <summary>Runs <c>mount</c> with <paramref name="arguments"/>; <paramref name="mountPoint"/> is remembered for the exit hook.</summary>
    public static void Mount(string mountPoint, params string[] arguments)
    {
        var (code, output) = Run("mount", arguments);
        if (code != 0) throw new InvalidOperationException($"mount {string.Join(' ', arguments)} failed ({code}): {output}");
        lock (Active) Active.Add(mountPoint);
    }

    /// <summary>Unmounts <paramref name="mountPoint"/>: plainly, retrying, lazily as the last resort. True when it is gone.</summary>
    public static bool Unmount(string mountPoint)
    {
        var gone = false;
        for (var attempt = 0; attempt < 5 && !gone; attempt++)
        {
            gone = Run("umount", mountPoint).ExitCode == 0 || !IsMountPoint(mountPoint);
            if (!gone) Thread.Sleep(50 * (attempt + 1));
        }
        gone = gone || Run("umount", "-l", mountPoint).ExitCode == 0 || !IsMountPoint(mountPoint);
        if (gone)
        {
            lock (Active) Active.Remove(mountPoint);
        }
        return gone;
    }

    /// <summary>True when <paramref name="path"/> is a mount point of this process's mount namespace.</summary>
    public static bool IsMountPoint(string path)
    {
        const string MountInfo = "/proc/self/mountinfo";
        if (!File.Exists(MountInfo)) return false;
        foreach (var line in File.ReadLines(MountInfo))
        {
            var fields = line.Split(' ');
            if (fields.Length > 4 && Unescape(fields[4]) == path) return true;
        }
        return false;
    }

    /// <summary>Makes an overlayfs whiteout (a character device 0/0) at <paramref name="path"/>.</summary>
    public static void MakeWhiteout(string path)
    {
        const uint CharacterDevice = 0x2000; // S_IFCHR
        if (NativeMethods.mknod(path, CharacterDevice, 0) != 0)
            throw new IOException($"mknod {path}: {new Win32Exception(Marshal.GetLastPInvokeError()).Message}");
    }

    /// <summary>Mounts a tmpfs with a two-lower overlay in it, writes through it and unmounts both.</summary>
    private static string? Probe()
    {
        if (!OperatingSystem.IsLinux()) return "not Linux";
        if (Environment.GetEnvironmentVariable(DisableVariable) == "1") return $"{DisableVariable}=1";
        try
        {
            using var tmpfs = new TmpfsMount();
            using var overlay = new KernelOverlay(tmpfs, 2, "probe");
            File.WriteAllText(Path.Join(overlay.LowerDirs[1], "a"), "a");
            MakeWhiteout(Path.Join(overlay.LowerDirs[0], "a"));
            overlay.Mount();
            File.WriteAllText(overlay.Merged("b"), "b");
            var ok = !File.Exists(overlay.Merged("a")) && File.Exists(Path.Join(overlay.UpperDir, "b"));
            overlay.Unmount();
            return ok ? null : "the overlay mount does not behave as expected";
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException or Win32Exception)
        {
            return e.Message;
        }
    }

    private static (int ExitCode, string Output) Run(string program, params string[] arguments)
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

    private static string Unescape(string field) =>
        field.Replace("\\040", " ", StringComparison.Ordinal)
            .Replace("\\011", "\t", StringComparison.Ordinal)
            .Replace("\\012", "\n", StringComparison.Ordinal)
            .Replace("\\134", "\\", StringComparison.Ordinal);

    private static partial class NativeMethods
    {
        [LibraryImport("libc", EntryPoint = "mknod", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        public static partial int mknod(string path, uint mode, ulong dev);
    }
}
