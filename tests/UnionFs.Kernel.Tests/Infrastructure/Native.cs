using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Text;

namespace UnionFs.Kernel.Tests.Infrastructure;

/// <summary>The few libc calls the harness needs and .NET does not offer: device nodes, xattrs, lstat.</summary>
internal static class Native
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxBasicStats = 0x7ff;
    private const uint CharacterDevice = 0x2000; // S_IFCHR

    /// <summary>The file type bits of <c>st_mode</c>.</summary>
    public const uint TypeMask = 0xF000;

    [DllImport("libc", SetLastError = true)]
    private static extern int mknod([MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint mode, ulong dev);

    [DllImport("libc", SetLastError = true)]
    private static extern int lsetxattr([MarshalAs(UnmanagedType.LPUTF8Str)] string path, [MarshalAs(UnmanagedType.LPUTF8Str)] string name, byte[] value, nuint size, int flags);

    [DllImport("libc", SetLastError = true)]
    private static extern nint lgetxattr([MarshalAs(UnmanagedType.LPUTF8Str)] string path, [MarshalAs(UnmanagedType.LPUTF8Str)] string name, byte[]? value, nuint size);

    [DllImport("libc", SetLastError = true)]
    private static extern nint llistxattr([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte[]? list, nuint size);

    [DllImport("libc", SetLastError = true)]
    private static extern int statx(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, byte[] buffer);

    [DllImport("libc")]
    private static extern uint umask(uint mask);

    /// <summary>Makes a kernel overlayfs whiteout: a character device 0/0.</summary>
    public static void MakeWhiteout(string path)
    {
        if (mknod(path, CharacterDevice, 0) != 0) throw Error($"mknod {path}");
    }

    /// <summary>Sets an extended attribute on the entry itself (not a link's target).</summary>
    public static void SetXattr(string path, string name, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        if (lsetxattr(path, name, bytes, (nuint)bytes.Length, 0) != 0) throw Error($"setxattr {name} {path}");
    }

    /// <summary>Every extended attribute of the entry, name=value, sorted by name.</summary>
    public static IReadOnlyList<string> ListXattrs(string path)
    {
        var size = llistxattr(path, null, 0);
        if (size < 0) throw Error($"llistxattr {path}");
        if (size == 0) return [];
        var list = new byte[size];
        size = llistxattr(path, list, (nuint)list.Length);
        if (size < 0) throw Error($"llistxattr {path}");
        var names = Encoding.UTF8.GetString(list, 0, (int)size).Split('\0', StringSplitOptions.RemoveEmptyEntries);
        var result = new List<string>();
        foreach (var name in names.Order(StringComparer.Ordinal))
        {
            var length = lgetxattr(path, name, null, 0);
            if (length < 0) throw Error($"lgetxattr {name} {path}");
            var value = new byte[length];
            if (length > 0 && lgetxattr(path, name, value, (nuint)value.Length) < 0) throw Error($"lgetxattr {name} {path}");
            result.Add($"{name}={Convert.ToHexString(value)}");
        }
        return result;
    }

    /// <summary>lstat through statx (its layout is the same on every architecture).</summary>
    public static StatResult LStat(string path)
    {
        var buffer = new byte[256];
        if (statx(AtFdCwd, path, AtSymlinkNoFollow, StatxBasicStats, buffer) != 0) throw Error($"statx {path}");
        return new StatResult(
            Mode: BitConverter.ToUInt16(buffer, 0x1C),
            Size: BitConverter.ToInt64(buffer, 0x28),
            MTimeSeconds: BitConverter.ToInt64(buffer, 0x70),
            MTimeNanoseconds: BitConverter.ToUInt32(buffer, 0x78),
            RDevMajor: BitConverter.ToUInt32(buffer, 0x80),
            RDevMinor: BitConverter.ToUInt32(buffer, 0x84));
    }

    /// <summary>Sets the process umask and returns the old one.</summary>
    public static uint SetUmask(uint mask) => umask(mask);

    private static Win32Exception Error(string what)
    {
        var errno = Marshal.GetLastPInvokeError();
        return new Win32Exception(errno, $"{what}: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})");
    }
}

/// <summary>The parts of <c>struct statx</c> the harness compares.</summary>
internal readonly record struct StatResult(uint Mode, long Size, long MTimeSeconds, uint MTimeNanoseconds, uint RDevMajor, uint RDevMinor)
{
    public bool IsCharacterDevice => (Mode & Native.TypeMask) == 0x2000;

    public bool IsDirectory => (Mode & Native.TypeMask) == 0x4000;

    public bool IsRegular => (Mode & Native.TypeMask) == 0x8000;

    public bool IsSymbolicLink => (Mode & Native.TypeMask) == 0xA000;
}
