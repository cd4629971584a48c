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

    public static IFileSystemInfo? Resolve(UnionFileSystem fs, string path, bool returnFinalTarget, bool asDirectory)
    {
        var engine = fs.Engine;
        var error = ReadLink(engine, path, out var target);
        if (error == Errno.EINVAL) return null;
        if (error == Errno.ENOENT) throw asDirectory ? UnionErrors.DirectoryNotFound(path) : EntryStatus.NotFound(engine, path);
        if (error != Errno.None) throw UnionErrors.FromErrno(error, path, asDirectory);

        var current = Join(path, target!);
        if (returnFinalTarget)
        {
            var visited = 1;
            while (ReadLink(engine, current, out target) == Errno.None)
            {
                if (++visited > MaxFollowedLinks) throw UnionErrors.TooManyLinksToResolve(path);
                current = Join(current, target!);
            }
        }
        return asDirectory ? new UnionDirectoryInfo(fs, current) : new UnionFileInfo(fs, current);
    }

    /// <summary>readlink(2): the target as written; EINVAL when the entry is not a link.</summary>
    private static Errno ReadLink(UnionEngine engine, string path, out string? target)
    {
        target = null;
        var error = engine.Lookup.TryResolve(path, followFinal: false, out var node);
        if (error != Errno.None) return error;
        if (!node!.Exists) return Errno.ENOENT;
        if (!node.IsSymbolicLink) return Errno.EINVAL;
        target = node.Entry!.LinkTarget;
        return Errno.None;
    }

    /// <summary>A link's target as a union path: absolute from the union root, or relative to the link's directory as written.</summary>
    private static string Join(string linkPath, string target) =>
        UnionPath.Normalize(target, BranchPath.GetParent(linkPath) ?? BranchPath.Root, "linkPath");
}
