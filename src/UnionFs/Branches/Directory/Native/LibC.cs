using System.Runtime.InteropServices;

namespace UnionFs.Native;

/// <summary>
/// The few Linux libc calls the overlayfs on-disk format needs, and nothing else: file type and device
/// numbers (statx, also what keeps a branch on the real disk from opening pipes and devices), character-device
/// whiteouts (mknod), <c>trusted.overlay.*</c> xattrs and atomic exchange/whiteout renames (renameat2). Every
/// call works on a path and never follows a final link.
/// </summary>
internal static partial class LibC
{
    private const string Library = "libc";
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxType = 0x1;
    private const uint StatxMode = 0x2;
    private const uint StatxSize = 0x200;
    private const int StatxBufferSize = 256;

    /// <summary>File-type bits of a mode.</summary>
    public const int TypeMask = 0xF000;

    /// <summary>Regular file type bits.</summary>
    public const int RegularFile = 0x8000;

    /// <summary>Character device type bits.</summary>
    public const int CharacterDevice = 0x2000;

    /// <summary>renameat2: swap the two names atomically.</summary>
    public const uint RenameExchange = 2;

    /// <summary>renameat2: move and leave a whiteout (character device 0/0) at the old name.</summary>
    public const uint RenameWhiteout = 4;

    /// <summary>No such device or address: what open(2) answers for a socket.</summary>
    public const int ENXIO = 6;

    /// <summary>No such attribute.</summary>
    public const int ENODATA = 61;

    /// <summary>Type bits, permission bits and device numbers of <paramref name="path"/> (not following a link); null when absent.</summary>
    public static unsafe (int Mode, long Size, uint DeviceMajor, uint DeviceMinor)? Stat(string path)
    {
        var buffer = stackalloc byte[StatxBufferSize];
        if (statx(AtFdCwd, path, AtSymlinkNoFollow, StatxType | StatxMode | StatxSize, buffer) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno is 2 or 20) return null; // ENOENT, ENOTDIR
            throw Error(errno, "statx", path);
        }
        // struct statx is the same on every architecture: stx_mode at 28, stx_size at 40, stx_rdev_major/minor at 128/132.
        var mode = *(ushort*)(buffer + 28);
        return (mode, *(long*)(buffer + 40), *(uint*)(buffer + 128), *(uint*)(buffer + 132));
    }

    /// <summary>Makes an overlayfs whiteout: a character device 0/0 with mode 000.</summary>
    public static void MakeWhiteout(string path)
    {
        if (mknod(path, (uint)CharacterDevice, 0) != 0) throw Error(Marshal.GetLastPInvokeError(), "mknod", path);
    }

    /// <summary>The value of an extended attribute (not following a link); null when it is not set.</summary>
    public static unsafe byte[]? GetAttribute(string path, string name)
    {
        var buffer = stackalloc byte[4096];
        var length = lgetxattr(path, name, buffer, 4096);
        if (length < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno is ENODATA or 95 or 2) return null; // ENODATA, EOPNOTSUPP, ENOENT
            throw Error(errno, "lgetxattr", path);
        }
        return new ReadOnlySpan<byte>(buffer, (int)length).ToArray();
    }

    /// <summary>Sets an extended attribute (not following a link).</summary>
    public static unsafe void SetAttribute(string path, string name, ReadOnlySpan<byte> value)
    {
        fixed (byte* data = value)
        {
            if (lsetxattr(path, name, data, (nuint)value.Length, 0) != 0) throw Error(Marshal.GetLastPInvokeError(), "lsetxattr", path);
        }
    }

    /// <summary>Removes an extended attribute if it is set.</summary>
    public static void RemoveAttribute(string path, string name)
    {
        if (lremovexattr(path, name) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno != ENODATA) throw Error(errno, "lremovexattr", path);
        }
    }

    /// <summary>renameat2 with flags (exchange or whiteout).</summary>
    public static void Rename(string source, string destination, uint flags)
    {
        if (renameat2(AtFdCwd, source, AtFdCwd, destination, flags) != 0)
            throw Error(Marshal.GetLastPInvokeError(), "renameat2", source);
    }

    /// <summary>The effective user id.</summary>
    public static uint EffectiveUserId() => geteuid();

    private static IOException Error(int errno, string call, string path) =>
        new($"{call} failed for '{path}': {Marshal.GetPInvokeErrorMessage(errno)}", errno);

    [LibraryImport(Library, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int statx(int dirfd, string path, int flags, uint mask, byte* buffer);

    [LibraryImport(Library, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int mknod(string path, uint mode, ulong device);

    [LibraryImport(Library, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial nint lgetxattr(string path, string name, byte* value, nuint size);

    [LibraryImport(Library, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int lsetxattr(string path, string name, byte* value, nuint size, int flags);

    [LibraryImport(Library, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int lremovexattr(string path, string name);

    [LibraryImport(Library, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int renameat2(int oldDirectory, string oldPath, int newDirectory, string newPath, uint flags);

    [LibraryImport(Library)]
    private static partial uint geteuid();
}
