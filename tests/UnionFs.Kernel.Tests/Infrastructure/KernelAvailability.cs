namespace UnionFs.Kernel.Tests.Infrastructure;

/// <summary>
/// Whether this machine lets the tests mount a kernel overlay: probed once per test run with a tiny mount
/// that uses every feature the harness needs (two lowers, a whiteout, an opaque directory, redirect_dir=on).
/// </summary>
public static class KernelAvailability
{
    private static readonly Lazy<string?> Reason = new(Probe);

    /// <summary>
    /// Ignores the calling test (fixture) when the kernel overlay cannot be used, or fails it when
    /// <c>UNIONFS_REQUIRE_KERNEL=1</c> says it must be usable.
    /// </summary>
    public static void RequireOrIgnore()
    {
        if (Reason.Value is not { } reason) return;
        var message = $"kernel overlay mount not permitted here: {reason}";
        if (Environment.GetEnvironmentVariable("UNIONFS_REQUIRE_KERNEL") == "1")
            Assert.Fail(message + " (UNIONFS_REQUIRE_KERNEL=1 requires it)");
        Assert.Ignore(message);
    }

    private static string? Probe()
    {
        if (!OperatingSystem.IsLinux()) return "not Linux";
        if (!Environment.IsPrivilegedProcess) return "not running as root";
        if (!File.Exists("/bin/mount") || !File.Exists("/bin/umount")) return "/bin/mount or /bin/umount is missing";
        try
        {
            var layers = new LayerSet(
                new Lower().Whiteout("/gone").Opaque("/o").File("/o/top", "top"),
                new Lower().File("/gone", "hidden").File("/o/below", "hidden"));
            using var overlay = KernelOverlay.Create(layers);
            var merged = overlay.MountPoint;
            if (File.Exists(merged + "/gone")) return "the probe mount does not honour a whiteout in a lower layer";
            if (File.Exists(merged + "/o/below") || !File.Exists(merged + "/o/top")) return "the probe mount does not honour an opaque directory";
            File.WriteAllText(merged + "/o/new", "probe");
            Directory.Move(merged + "/o", merged + "/o2");
            if (File.ReadAllText(merged + "/o2/top") != "top") return "the probe mount lost data on a directory rename";
            overlay.Unmount();
            if (overlay.IsMounted) return "the probe mount could not be unmounted";
            return null;
        }
        catch (Exception e)
        {
            return e.Message;
        }
    }
}
