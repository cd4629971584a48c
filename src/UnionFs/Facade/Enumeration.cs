using System.IO.Enumeration;
using UnionFs.Engine;

namespace UnionFs.Facade;

/// <summary>Which kinds of entries a listing returns.</summary>
[Flags]
internal enum EntryKinds
{
    Files = 1,
    Directories = 2,
    Both = Files | Directories,
}

/// <summary>One result of a listing: the path as the caller spelled it, and the union path.</summary>
internal readonly record struct ListedEntry(string DisplayPath, string UnionPath, bool IsDirectory);

/// <summary>
/// Directory listings with search patterns and <see cref="EnumerationOptions"/> as System.IO applies them on
/// Unix, over the engine's merged readdir. Results keep the caller's spelling of the directory, as .NET does.
/// </summary>
internal static class Enumeration
{
    /// <summary>Linux's PATH_MAX: recursion stops here, as the kernel would refuse longer paths.</summary>
    private const int MaxPathLength = 4096;

    /// <summary>The options .NET uses for the overloads that take a <see cref="SearchOption"/>.</summary>
    public static EnumerationOptions FromSearchOption(SearchOption searchOption)
    {
        if (searchOption is not SearchOption.TopDirectoryOnly and not SearchOption.AllDirectories)
            throw new ArgumentOutOfRangeException(nameof(searchOption), "Enum value was out of legal range.");
        return new EnumerationOptions
        {
            RecurseSubdirectories = searchOption == SearchOption.AllDirectories,
            MatchType = MatchType.Win32,
            AttributesToSkip = 0,
            IgnoreInaccessible = false,
        };
    }

    public static IEnumerable<ListedEntry> List(UnionFileSystem fs, string path, string searchPattern, EnumerationOptions options, EntryKinds kinds)
    {
        UnionPath.Validate(path);
        ArgumentNullException.ThrowIfNull(searchPattern);
        ArgumentNullException.ThrowIfNull(options);

        // A pattern may carry directories ("sub/*.txt"): they belong to the path.
        var slash = searchPattern.LastIndexOf('/');
        if (slash >= 0)
        {
            path = path.TrimEnd('/') + "/" + searchPattern[..slash];
            searchPattern = searchPattern[(slash + 1)..];
        }
        if (searchPattern.Length == 0) searchPattern = "*";
        var full = fs.Full(path);
        // opendir(2) of the path: a missing or non-directory path is a missing directory, a link loop ELOOP.
        var links = 0;
        var error = fs.Engine.Lookup.TryResolve(full, followFinal: true, ref links, out var node);
        if (error == Errno.None && !node!.IsDirectory) error = node.Exists ? Errno.ENOTDIR : Errno.ENOENT;
        if (error != Errno.None) throw UnionErrors.FromErrno(error, full, isDirectory: true);
        var expression = options.MatchType == MatchType.Win32 ? FileSystemName.TranslateWin32Expression(searchPattern) : searchPattern;
        var ignoreCase = options.MatchCasing == MatchCasing.CaseInsensitive;
        return Walk(fs, path, node!, links, expression, options, ignoreCase, kinds);
    }

    /// <summary>
    /// Lists breadth first. .NET opens each subdirectory by its whole path, so the kernel's walk of that path
    /// follows every link in it again: <c>Links</c> counts them, and a link that would take the walk past 40 links
    /// (ELOOP) is not a directory to .NET; it is listed as a file and not entered, which ends a link loop.
    /// </summary>
    private static IEnumerable<ListedEntry> Walk(UnionFileSystem fs, string displayRoot, UnionNode root, int rootLinks, string expression, EnumerationOptions options, bool ignoreCase, EntryKinds kinds)
    {
        var pending = new Queue<(string Display, UnionNode Node, int Depth, int Links)>();
        pending.Enqueue((displayRoot, root, 0, rootLinks));
        while (pending.Count > 0)
        {
            var (display, directory, depth, links) = pending.Dequeue();
            foreach (var merged in fs.Engine.Readdir.Read(directory.Stack))
            {
                var name = merged.Entry.Name;
                var childPath = BranchPath.Combine(directory.Path, name);
                // The child is looked up from its parent's merge stack, not again from the root.
                var child = fs.Engine.Lookup.LookupChild(directory.Stack, name);
                if (child.Entry is null) continue; // removed since the listing was taken
                var childNode = child.ToNode(childPath, directory.Stack);
                var childLinks = links;
                var status = EntryStatus.Of(fs.Engine, childNode, ref childLinks);
                if ((options.AttributesToSkip & status.Attributes) != 0) continue;
                var childDisplay = Path.Join(display, name);
                var isDirectory = status.IsDirectory;
                var matches = options.MatchType == MatchType.Win32
                    ? FileSystemName.MatchesWin32Expression(expression, name, ignoreCase)
                    : FileSystemName.MatchesSimpleExpression(expression, name, ignoreCase);
                if (matches && (isDirectory ? kinds.HasFlag(EntryKinds.Directories) : kinds.HasFlag(EntryKinds.Files)))
                    yield return new ListedEntry(childDisplay, childPath, isDirectory);
                if (isDirectory && options.RecurseSubdirectories && depth < options.MaxRecursionDepth && childDisplay.Length < MaxPathLength)
                {
                    var target = status.Target ?? status.Node!;
                    pending.Enqueue((childDisplay, target, depth + 1, childLinks));
                }
            }
        }
    }
}
