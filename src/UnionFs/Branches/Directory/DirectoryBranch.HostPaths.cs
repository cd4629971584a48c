using System.Text;
using UnionFs.Native;

namespace UnionFs;

/// <summary>Confinement: how a branch path becomes a host path inside the root, and what the host can hold.</summary>
public sealed partial class DirectoryBranch
{
    /// <summary>Linux's NAME_MAX: the longest name, in bytes, a host directory holds.</summary>
    private const int MaxNameBytes = 255;

    /// <summary>Linux's PATH_MAX less its terminating NUL: the longest host path, in bytes, a system call takes.</summary>
    private const int MaxPathBytes = 4095;

    /// <summary>Maps a branch path into the root, refusing anything that could leave it.</summary>
    private string HostPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0 || path[0] != '/' || path.Contains('\0')
            || path.Contains("/../", StringComparison.Ordinal) || path.EndsWith("/..", StringComparison.Ordinal)
            || path.Contains("/./", StringComparison.Ordinal) || path.Contains("//", StringComparison.Ordinal))
            throw new ArgumentException($"'{path}' is not a normalised branch path.", nameof(path));
        return path.Length == 1 ? Root : Root == "/" ? path : Root + path;
    }

    /// <summary>
    /// The host path of a file to open. On the real disk a named pipe, socket or device is refused rather than opened:
    /// opening a pipe blocks until a writer comes, and a device may never end; the branch shows them as files, so a
    /// caller could not know to keep away. (Other hosts cannot tell these apart from files through IFileSystem.)
    /// </summary>
    private string RegularFileHostPath(string path)
    {
        var host = HostPath(path);
        if (_onLinuxDisk && LibC.Stat(host) is { } stat && (stat.Mode & LibC.TypeMask) != LibC.RegularFile)
            throw new IOException($"'{path}' is a named pipe, socket or device in the branch; only regular files can be opened.", LibC.ENXIO);
        return host;
    }

    /// <summary>A host path for a change: names the format reserves for its markers cannot be stored.</summary>
    private string WritableHostPath(string path, bool allowReserved = false)
    {
        var name = BranchPath.GetName(path);
        if (!allowReserved && (_format.IsReserved(name) || name == WorkDirectoryName))
            throw new IOException($"The name '{name}' is reserved for union markers in a {WhiteoutFormat}-format branch and cannot be stored.");
        var host = HostPath(path);
        return HostCanHold(host) ? host : throw TooLong(path);
    }

    /// <summary>
    /// True when the host can hold <paramref name="hostPath"/>: each name within <see cref="MaxNameBytes"/> and the
    /// whole path within <see cref="MaxPathBytes"/>, in UTF-8, as Linux counts them.
    /// </summary>
    internal static bool HostCanHold(string hostPath)
    {
        // A UTF-16 unit is at most 3 UTF-8 bytes: a short path needs no counting.
        if (hostPath.Length <= MaxNameBytes / 3) return true;
        if (hostPath.Length > MaxPathBytes || Encoding.UTF8.GetByteCount(hostPath) > MaxPathBytes) return false;
        var start = 0;
        for (var i = 0; i <= hostPath.Length; i++)
        {
            if (i < hostPath.Length && hostPath[i] != '/') continue;
            var length = i - start;
            if (length > MaxNameBytes / 3 && Encoding.UTF8.GetByteCount(hostPath.AsSpan(start, length)) > MaxNameBytes) return false;
            start = i + 1;
        }
        return true;
    }

    /// <summary>What System.IO throws for ENAMETOOLONG, naming the branch path.</summary>
    private static PathTooLongException TooLong(string path) =>
        new($"The path '{path}' is too long, or a component of the specified path is too long.");
}
