using System.IO.Abstractions;

namespace UnionFs.Cli.Inspection;

/// <summary>
/// Resolves the symbolic links among a union path's parent directories (like <c>realpath</c> on everything but
/// the last segment), so the path can be looked up branch by branch, where links are never followed.
/// </summary>
internal static class PathResolver
{
    private const int MaxLinks = 40; // the kernel's MAXSYMLINKS

    /// <summary>The path with every parent segment's links resolved; the last segment is kept as it is.</summary>
    /// <exception cref="CliException">More than 40 links (a loop).</exception>
    public static string ResolveParents(IFileSystem fs, string path)
    {
        var pending = new List<string>(Split(path));
        var resolved = "/";
        var links = 0;
        while (pending.Count > 0)
        {
            var segment = pending[0];
            pending.RemoveAt(0);
            if (segment == ".") continue;
            if (segment == "..")
            {
                resolved = BranchPath.GetParent(resolved) ?? "/";
                continue;
            }
            var next = BranchPath.Combine(resolved, segment);
            if (pending.Count > 0 && fs.FileInfo.New(next).LinkTarget is { } target)
            {
                if (++links > MaxLinks) throw CliException.NotFound($"'{path}': too many levels of symbolic links");
                pending.InsertRange(0, Split(target));
                if (target.StartsWith('/')) resolved = "/";
                continue;
            }
            resolved = next;
        }
        return resolved;
    }

    private static string[] Split(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries);
}
