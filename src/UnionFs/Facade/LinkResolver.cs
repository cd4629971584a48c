using System.IO.Abstractions;
using UnionFs.Engine;

namespace UnionFs.Facade;

/// <summary>ResolveLinkTarget for files and directories: the link's immediate target or its final one, inside the union.</summary>
internal static class LinkResolver
{
    public static IFileSystemInfo? Resolve(UnionFileSystem fs, string path, bool returnFinalTarget, bool asDirectory)
    {
        var node = fs.Engine.Lookup.Resolve(path, followFinal: false);
        if (!node.Exists) throw UnionErrors.FileNotFound(path);
        if (!node.IsSymbolicLink) return null;
        string target;
        if (returnFinalTarget)
        {
            var final = fs.Engine.Lookup.Resolve(node.Path, followFinal: true);
            target = final.Path;
        }
        else
        {
            var link = node.Entry!.LinkTarget!;
            target = link.StartsWith('/') ? UnionPath.Normalize(link, BranchPath.Root) : UnionPath.Normalize(link, BranchPath.GetParent(node.Path)!);
        }
        var status = EntryStatus.Of(fs.Engine, target);
        return asDirectory || status.IsDirectory ? new UnionDirectoryInfo(fs, target) : new UnionFileInfo(fs, target);
    }
}
