using System.Runtime.InteropServices;

namespace UnionFs.Native;

/// <summary>The kind a directory entry of the host announces (getdents' <c>d_type</c>).</summary>
internal enum HostEntryType : byte
{
    /// <summary>The file system did not say: an lstat must tell.</summary>
    Unknown = 0,

    /// <summary>A named pipe.</summary>
    Fifo = 1,

    /// <summary>A character device (an overlayfs whiteout is one).</summary>
    CharacterDevice = 2,

    /// <summary>A directory.</summary>
    Directory = 4,

    /// <summary>A block device.</summary>
    BlockDevice = 6,

    /// <summary>A regular file.</summary>
    RegularFile = 8,

    /// <summary>A symbolic link.</summary>
    SymbolicLink = 10,

    /// <summary>A socket.</summary>
    Socket = 12,
}

/// <summary>
/// Reads a directory of the real Linux file system with getdents64 (readdir(3) where the C library lacks it): each
/// name with the kind the directory entry carries, so a listing costs an open, a few getdents calls for the whole
/// directory and a close, and no lstat per name.
/// </summary>
internal static partial class HostDirectoryReader
{
    private const string Library = "libc";

    // struct dirent64 on Linux, every architecture: d_ino (8), d_off (8), d_reclen (2), d_type (1), d_name.
    private const int RecordLengthOffset = 16;
    private const int TypeOffset = 18;
    private const int NameOffset = 19;

    private static int s_unavailable;

    /// <summary>False where readdir cannot be called (not Linux, or a C library without it): callers list another way.</summary>
    public static bool IsAvailable => OperatingSystem.IsLinux() && Volatile.Read(ref s_unavailable) == 0;

    /// <summary>
    /// The names in <paramref name="hostDirectory"/> (without <c>.</c> and <c>..</c>) with their kinds, added to
    /// <paramref name="entries"/> (which the caller empties and reuses: a tree's listing then grows no list per
    /// directory); false when the directory is missing or not a directory (ENOENT, ENOTDIR) or readdir is not available here.
    /// </summary>
    /// <exception cref="UnauthorizedAccessException">The directory cannot be read (EACCES).</exception>
    /// <remarks>
    /// With <paramref name="noFollow"/>, a symbolic link at <paramref name="hostDirectory"/> itself is not followed: it is
    /// no directory (false), as lstat would say, checked by the same open(2) that reads the directory where this
    /// architecture's open flags are known, else by an lstat first.
    /// </remarks>
    /// <exception cref="IOException">Any other error of opendir or readdir.</exception>
    public static unsafe bool Read(string hostDirectory, List<(string Name, HostEntryType Type)> entries, bool noFollow = false)
    {
        if (Volatile.Read(ref s_noGetdents) == 0 && OpenFlags(noFollow) is { } flags)
        {
            try
            {
                return ReadWithGetdents(hostDirectory, entries, flags, noFollow);
            }
            catch (EntryPointNotFoundException)
            {
                // A C library older than getdents64(3) (glibc 2.30): readdir(3) below.
                Volatile.Write(ref s_noGetdents, 1);
            }
            catch (DllNotFoundException)
            {
                Volatile.Write(ref s_unavailable, 1);
                return false;
            }
        }
        IntPtr directory;
        var notDirectory = false;
        try
        {
            directory = noFollow ? OpenNoFollow(hostDirectory, out notDirectory) : opendir(hostDirectory);
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            Volatile.Write(ref s_unavailable, 1);
            return false;
        }
        if (notDirectory) return false;
        if (directory == IntPtr.Zero) return NoDirectory(hostDirectory, Marshal.GetLastPInvokeError(), linkIsNoDirectory: false);
        try
        {
            while (true)
            {
                Marshal.SetLastPInvokeError(0);
                var entry = (byte*)readdir64(directory);
                if (entry is null)
                {
                    var errno = Marshal.GetLastPInvokeError();
                    if (errno != 0) throw new IOException($"readdir '{hostDirectory}' failed (errno {errno}).", errno);
                    return true;
                }
                var name = entry + NameOffset;
                if (IsDotOrDotDot(name)) continue;
                entries.Add((Marshal.PtrToStringUTF8((IntPtr)name)!, (HostEntryType)entry[TypeOffset]));
            }
        }
        finally
        {
            _ = closedir(directory);
        }
    }

    private static int s_noGetdents;

    /// <summary>The buffer getdents64 fills, one per thread (as large as the one readdir uses), pinned for the call.</summary>
    [ThreadStatic]
    private static byte[]? t_buffer;

    private const int BufferSize = 32 * 1024;

    /// <summary>
    /// <see cref="Read"/> with open(2) and getdents64(2) and nothing between: readdir(3) would add fdopendir's checks
    /// (two fcntl and an fstat per directory, which the open flags already settle) and a call per name.
    /// </summary>
    private static unsafe bool ReadWithGetdents(string hostDirectory, List<(string Name, HostEntryType Type)> entries, int flags, bool noFollow)
    {
        var descriptor = open(hostDirectory, flags);
        if (descriptor < 0) return NoDirectory(hostDirectory, Marshal.GetLastPInvokeError(), linkIsNoDirectory: noFollow);
        try
        {
            var buffer = t_buffer ??= GC.AllocateUninitializedArray<byte>(BufferSize, pinned: true);
            fixed (byte* start = buffer)
            {
                while (true)
                {
                    var read = getdents64(descriptor, start, (nuint)buffer.Length);
                    if (read == 0) return true;
                    if (read < 0)
                    {
                        var errno = Marshal.GetLastPInvokeError();
                        throw new IOException($"readdir '{hostDirectory}' failed (errno {errno}).", errno);
                    }
                    for (nint offset = 0; offset < read;)
                    {
                        var entry = start + offset;
                        int length = *(ushort*)(entry + RecordLengthOffset);
                        if (length <= NameOffset) throw new IOException($"readdir '{hostDirectory}' read a malformed entry.");
                        offset += length;
                        var name = entry + NameOffset;
                        if (IsDotOrDotDot(name)) continue;
                        // The name ends at its NUL, within the record (which pads it to eight bytes).
                        var nameLength = new ReadOnlySpan<byte>(name, length - NameOffset).IndexOf((byte)0);
                        entries.Add((System.Text.Encoding.UTF8.GetString(name, nameLength), (HostEntryType)entry[TypeOffset]));
                    }
                }
            }
        }
        finally
        {
            _ = close(descriptor);
        }
    }

    /// <summary>
    /// opendir(3) of <paramref name="path"/> unless it is a symbolic link or no directory (by lstat):
    /// <paramref name="notDirectory"/> then. Zero with errno set when the open fails otherwise.
    /// </summary>
    private static IntPtr OpenNoFollow(string path, out bool notDirectory)
    {
        notDirectory = false;
        if (OpenFlags(noFollow: true) is not { } flags)
        {
            notDirectory = LibC.Stat(path) is not { } self || (self.Mode & LibC.TypeMask) != 0x4000;
            return notDirectory ? IntPtr.Zero : opendir(path);
        }
        var descriptor = open(path, flags);
        if (descriptor < 0)
        {
            // ELOOP: the last name is a link; ENOTDIR: it (or a name on the way) is no directory.
            notDirectory = Marshal.GetLastPInvokeError() is 40 or 20;
            return IntPtr.Zero;
        }
        var directory = fdopendir(descriptor);
        if (directory == IntPtr.Zero)
        {
            var errno = Marshal.GetLastPInvokeError();
            _ = close(descriptor);
            Marshal.SetLastPInvokeError(errno);
        }
        return directory;
    }

    /// <summary>
    /// O_RDONLY | O_DIRECTORY | O_CLOEXEC, with O_NOFOLLOW when asked, where their values are known (they differ
    /// between architectures).
    /// </summary>
    private static int? OpenFlags(bool noFollow) => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 or Architecture.X86 => 0x10000 | (noFollow ? 0x20000 : 0) | 0x80000,
        Architecture.Arm64 or Architecture.Arm => 0x4000 | (noFollow ? 0x8000 : 0) | 0x80000,
        _ => null,
    };

    /// <summary>
    /// False (no directory to list) for an open that failed with ENOENT or ENOTDIR (a name that is no directory, or one
    /// on the way), or with ELOOP when the last name is a link not followed; the exception for any other error.
    /// </summary>
    private static bool NoDirectory(string hostDirectory, int errno, bool linkIsNoDirectory)
    {
        if (errno is 2 or 20 || (linkIsNoDirectory && errno == 40)) return false;
        throw errno == 13
            ? new UnauthorizedAccessException($"Access to the path '{hostDirectory}' is denied.")
            : new IOException($"opendir '{hostDirectory}' failed (errno {errno}).", errno);
    }

    /// <summary>True for the names <c>.</c> and <c>..</c> (NUL-terminated), which a listing leaves out.</summary>
    private static unsafe bool IsDotOrDotDot(byte* name) => name[0] == (byte)'.' && (name[1] == 0 || (name[1] == (byte)'.' && name[2] == 0));

    [LibraryImport(Library, SetLastError = true)]
    private static unsafe partial nint getdents64(int descriptor, byte* buffer, nuint count);

    [LibraryImport(Library, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr opendir(string name);

    [LibraryImport(Library, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int open(string path, int flags);

    [LibraryImport(Library, SetLastError = true)]
    private static partial IntPtr fdopendir(int descriptor);

    [LibraryImport(Library)]
    private static partial int close(int descriptor);

    [LibraryImport(Library, SetLastError = true)]
    private static partial IntPtr readdir64(IntPtr directory);

    [LibraryImport(Library)]
    private static partial int closedir(IntPtr directory);
}
