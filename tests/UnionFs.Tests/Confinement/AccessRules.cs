using System.Reflection;

namespace UnionFs.Tests.Confinement;

/// <summary>
/// How a <see cref="SpyFileSystem"/> reads a call: which string arguments are host paths, whether the call changes
/// anything, and whether the host follows a symbolic link in the last segment of the path.
/// </summary>
public static class AccessRules
{
    /// <summary>String parameters that are not paths the call touches (contents, patterns, link targets as text).</summary>
    public static readonly IReadOnlySet<string> NotPaths = new HashSet<string>(StringComparer.Ordinal)
    {
        "contents", "searchPattern", "pathToTarget", "prefix", "value", "filter",
    };

    /// <summary>String parameters that are paths the call touches.</summary>
    public static readonly IReadOnlySet<string> Paths = new HashSet<string>(StringComparer.Ordinal)
    {
        "path", "linkPath", "sourceDirName", "destDirName", "sourceFileName", "destFileName", "destinationFileName",
        "destinationBackupFileName", "fileName", "driveName",
    };

    private static readonly string[] WritePrefixes =
        ["Append", "Copy", "Create", "Decrypt", "Delete", "Encrypt", "Move", "Replace", "Set", "Write", "set_", "OpenWrite"];

    /// <summary>
    /// Members that act on a final symbolic link itself (lstat, readlink, unlink, rename, utimensat with
    /// AT_SYMLINK_NOFOLLOW, symlink) rather than on what it points at. Everything else is taken to follow it.
    /// </summary>
    private static readonly HashSet<string> ActOnLinkItself = new(StringComparer.Ordinal)
    {
        "IFile.Delete", "IFile.Move", "IFile.CreateSymbolicLink", "IFile.GetAttributes",
        "IFile.GetCreationTime", "IFile.GetCreationTimeUtc", "IFile.GetLastAccessTime", "IFile.GetLastAccessTimeUtc",
        "IFile.GetLastWriteTime", "IFile.GetLastWriteTimeUtc",
        "IFile.SetCreationTime", "IFile.SetCreationTimeUtc", "IFile.SetLastAccessTime", "IFile.SetLastAccessTimeUtc",
        "IFile.SetLastWriteTime", "IFile.SetLastWriteTimeUtc",
        "IDirectory.Delete", "IDirectory.Move", "IDirectory.CreateSymbolicLink",
        "IFileInfoFactory.New", "IDirectoryInfoFactory.New",
        "IFileSystemInfo.Delete", "IFileInfo.Delete", "IDirectoryInfo.Delete",
        "IFileSystemInfo.Refresh", "IFileInfo.Refresh", "IDirectoryInfo.Refresh",
        "IFileInfo.MoveTo", "IDirectoryInfo.MoveTo",
        "IFileSystemInfo.CreateAsSymbolicLink", "IFileInfo.CreateAsSymbolicLink", "IDirectoryInfo.CreateAsSymbolicLink",
    };

    /// <summary>True when the call can change the host file system.</summary>
    public static bool Writes(MethodInfo method, object?[]? args)
    {
        var name = method.Name;
        if (name is "Open" or "New" && method.DeclaringType != typeof(IFileInfoFactory) && method.DeclaringType != typeof(IDirectoryInfoFactory))
            return OpensForWriting(method, args);
        return WritePrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal));
    }

    /// <summary>True when the host follows a symbolic link in the last segment of the path.</summary>
    public static bool FollowsFinalLink(string member, MethodInfo method, object?[]? args)
    {
        if (method.Name.StartsWith("get_", StringComparison.Ordinal)) return false;
        if (method.Name == "ResolveLinkTarget") return args is [.., bool returnFinal] && returnFinal;
        return !ActOnLinkItself.Contains(member);
    }

    /// <summary>FileStream's rules: a mode without an access opens for reading and writing (writing only for Append).</summary>
    private static bool OpensForWriting(MethodInfo method, object?[]? args)
    {
        FileMode? mode = null;
        FileAccess? access = null;
        foreach (var arg in args ?? [])
        {
            switch (arg)
            {
                case FileMode m: mode = m; break;
                case FileAccess a: access = a; break;
                case FileStreamOptions o: mode = o.Mode; access = o.Access; break;
            }
        }
        if (mode is null) return false;
        access ??= mode == FileMode.Append ? FileAccess.Write : FileAccess.ReadWrite;
        return mode != FileMode.Open || (access & FileAccess.Write) != 0 || method.Name == "OpenWrite";
    }
}
