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
/// Reads a directory of the real Linux file system with readdir(3): each name with the kind the directory entry
/// carries, so a listing costs a few getdents calls for the whole directory and no lstat per name.
/// </summary>
internal static partial class HostDirectoryReader
{
    private const string Library = "libc";

    // struct dirent64 on Linux, every architecture: d_ino (8), d_off (8), d_reclen (2), d_type (1), d_name.
    private const int TypeOffset = 18;
    private const int NameOffset = 19;

    private static int s_unavailable;

    /// <summary>False where readdir cannot be called (not Linux, or a C library without it): callers list another way.</summary>
    public static bool IsAvailable => OperatingSystem.IsLinux() && Volatile.Read(ref s_unavailable) == 0;

    /// <summary>
    /// The names in <paramref name="hostDirectory"/> (without <c>.</c> and <c>..</c>) with their kinds; null when the
    /// directory is missing or not a directory (ENOENT, ENOTDIR) or readdir is not available here.
    /// </summary>
    /// <exception cref="UnauthorizedAccessException">The directory cannot be read (EACCES).</exception>
    /// <exception cref="IOException">Any other error of opendir or readdir.</exception>
    public static unsafe List<(string Name, HostEntryType Type)>? Read(string hostDirectory)
    {
        IntPtr directory;
        try
        {
            directory = opendir(hostDirectory);
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            Volatile.Write(ref s_unavailable, 1);
            return null;
        }
        if (directory == IntPtr.Zero)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno is 2 or 20) return null; // ENOENT, ENOTDIR
            throw errno == 13
                ? new UnauthorizedAccessException($"Access to the path '{hostDirectory}' is denied.")
                : new IOException($"opendir '{hostDirectory}' failed (errno {errno}).", errno);
        }
        try
        {
            var entries = new List<(string, HostEntryType)>();
            while (true)
            {
                Marshal.SetLastPInvokeError(0);
                var entry = (byte*)readdir64(directory);
                if (entry is null)
                {
                    var errno = Marshal.GetLastPInvokeError();
                    if (errno != 0) throw new IOException($"readdir '{hostDirectory}' failed (errno {errno}).", errno);
                    return entries;
                }
                var name = entry + NameOffset;
                if (name[0] == (byte)'.' && (name[1] == 0 || (name[1] == (byte)'.' && name[2] == 0))) continue;
                entries.Add((Marshal.PtrToStringUTF8((IntPtr)name)!, (HostEntryType)entry[TypeOffset]));
            }
        }
        finally
        {
            _ = closedir(directory);
        }
    }

    [LibraryImport(Library, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr opendir(string name);

    [LibraryImport(Library, SetLastError = true)]
    private static partial IntPtr readdir64(IntPtr directory);

    [LibraryImport(Library)]
    private static partial int closedir(IntPtr directory);
}
