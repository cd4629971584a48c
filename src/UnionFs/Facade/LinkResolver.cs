using System.IO.Abstractions;
using UnionFs.Engine;

namespace UnionFs.Facade;

/// <summary>
/// ResolveLinkTarget as .NET does it on Unix: readlink of the path; for the final target, readlink again on each
/// target path until one is not a link (or cannot be read: a missing target is returned as it is), giving up
/// after 40 links. File.* returns a file info and Directory.* a directory info, whatever the target is.
/// </summary>
internal static class LinkResolver
{
    /// <summary>.NET's own limit on the links it reads one by one (Linux's MAXSYMLINKS).</summary>
    private const int MaxFollowedLinks = 40;

    /// <param name="fs">The union.</param>
    /// <param name="linkPath">The link's path as the caller wrote it: readlink(2) is given it, and so are the errors.</param>
    /// <param name="returnFinalTarget">Follow links until one is not a link.</param>
    /// <param name="asDirectory">Directory.ResolveLinkTarget rather than File's.</param>
    public static IFileSystemInfo? Resolve(UnionFileSystem fs, string linkPath, bool returnFinalTarget, bool asDirectory)
    {
        var engine = fs.Engine;
        // readlink(2) is given the path as written: only its own check of the characters names linkPath.
        ArgumentNullException.ThrowIfNull(linkPath);
        if (linkPath.Contains('\0')) throw new ArgumentException("Null character in path.", nameof(linkPath));
        var path = fs.Full(linkPath, nameof(linkPath));
        var error = ReadLink(engine, path, UnionPath.EndsInSeparator(linkPath), out var target);
        if (error == Errno.EINVAL) return null;
        // A missing link is a missing directory when the directory of the path as written is not one ("" is not).
        if (error == Errno.ENOENT)
            throw asDirectory || !linkPath.Contains('/') || !EntryStatus.ParentIsDirectory(engine, path)
                ? UnionErrors.DirectoryNotFound(linkPath)
                : UnionErrors.FileNotFound(linkPath);
        if (error != Errno.None) throw UnionErrors.FromErrno(error, linkPath, asDirectory);

        var current = Join(path, target!);
        if (returnFinalTarget)
        {
            var visited = 1;
            while (ReadLink(engine, current, directoryOnly: false, out target) == Errno.None)
            {
                if (++visited > MaxFollowedLinks) throw UnionErrors.TooManyLinksToResolve(path);
                current = Join(current, target!);
            }
        }
        return asDirectory ? new UnionDirectoryInfo(fs, current) : new UnionFileInfo(fs, current);
    }

    /// <summary>
    /// readlink(2): the target as written; EINVAL when the entry is not a link. A path written with a trailing
    /// separator is resolved through a final link and must be a directory (so it is never a link itself).
    /// </summary>
    private static Errno ReadLink(UnionEngine engine, string path, bool directoryOnly, out string? target)
    {
        target = null;
        var error = engine.Lookup.TryResolve(path, followFinal: directoryOnly, out var node);
        if (error != Errno.None) return error;
        if (!node!.Exists) return Errno.ENOENT;
        if (directoryOnly) return node.IsDirectory ? Errno.EINVAL : Errno.ENOTDIR;
        if (!node.IsSymbolicLink) return Errno.EINVAL;
        target = node.Entry!.LinkTarget;
        return Errno.None;
    }

    /// <summary>A link's target as a union path: absolute from the union root, or relative to the link's directory as written.</summary>
    private static string Join(string linkPath, string target) =>
        UnionPath.Normalize(target, BranchPath.GetParent(linkPath) ?? BranchPath.Root, "linkPath");
}
