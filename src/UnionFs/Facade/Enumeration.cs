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

/// <summary>
/// What a listing hands out for each entry it returns, made from the path as the caller spelled it and whether it is
/// a directory (or a link to one). A struct type argument: the listing calls it directly, with no projection on top.
/// </summary>
internal interface IListingResult<out T>
{
    static abstract T Make(UnionFileSystem fs, string displayPath, bool isDirectory);
}

/// <summary>The path (Directory.EnumerateFiles and the like).</summary>
internal readonly struct PathResult : IListingResult<string>
{
    public static string Make(UnionFileSystem fs, string displayPath, bool isDirectory) => displayPath;
}

/// <summary>A FileInfo or DirectoryInfo (DirectoryInfo.EnumerateFileSystemInfos and the like).</summary>
internal readonly struct InfoResult : IListingResult<System.IO.Abstractions.IFileSystemInfo>
{
    public static System.IO.Abstractions.IFileSystemInfo Make(UnionFileSystem fs, string displayPath, bool isDirectory) =>
        isDirectory ? new UnionDirectoryInfo(fs, displayPath) : new UnionFileInfo(fs, displayPath);
}

/// <summary>
/// Directory listings with search patterns and <see cref="EnumerationOptions"/> as System.IO applies them on
/// Unix, over the engine's merged readdir. Results keep the caller's spelling of the directory, as .NET does.
/// </summary>
internal static class Enumeration
{
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

    public static IEnumerable<T> List<T, TResult>(UnionFileSystem fs, string path, string searchPattern, EnumerationOptions options, EntryKinds kinds)
        where TResult : struct, IListingResult<T>
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(searchPattern);
        ArgumentNullException.ThrowIfNull(options);
        // .NET's enumerator names the offending directory itself as the parameter.
        if (path.Contains('\0')) throw new ArgumentException("Null character in path.", path[0] == '/' ? path : fs.CurrentDirectory.TrimEnd('/') + "/" + path);
        if (searchPattern.Contains('\0')) throw new ArgumentException("Null character in path.", searchPattern);

        // A pattern may carry directories ("sub/*.txt"): they belong to the path.
        var slash = searchPattern.LastIndexOf('/');
        if (slash >= 0)
        {
            path = path.TrimEnd('/') + "/" + searchPattern[..slash];
            searchPattern = searchPattern[(slash + 1)..];
        }
        var full = fs.Full(path);
        // opendir(2) of the path: a missing or non-directory path is a missing directory, a link loop ELOOP.
        var links = 0;
        var error = fs.Engine.Lookup.TryResolve(full, followFinal: true, ref links, out var node);
        if (error == Errno.None && !node!.IsDirectory) error = node.Exists ? Errno.ENOTDIR : Errno.ENOENT;
        if (error != Errno.None) throw UnionErrors.FromErrno(error, full, isDirectory: true);
        return Walk<T, TResult>(fs, path, node!, links, NameMatcher.For(searchPattern, options), options, kinds);
    }

    /// <summary>What <see cref="EnumerationOptions.ReturnSpecialDirectories"/> adds to each directory read.</summary>
    private static readonly string[] SpecialDirectories = [".", ".."];

    /// <summary>
    /// Lists breadth first. .NET opens each subdirectory by its whole path, so the kernel's walk of that path
    /// follows every link in it again: <c>Links</c> counts them, and a link that would take the walk past 40 links
    /// (ELOOP) is not a directory to .NET; it is listed as a file and not entered, which ends a link loop.
    /// An entry of the merged listing is judged from the listing itself; only a symbolic link is resolved, and
    /// only a directory that is entered is looked up, so a listing costs one string per name it returns.
    /// </summary>
    private static IEnumerable<T> Walk<T, TResult>(UnionFileSystem fs, string displayRoot, UnionNode root, int rootLinks, NameMatcher matcher, EnumerationOptions options, EntryKinds kinds)
        where TResult : struct, IListingResult<T>
    {
        var lookup = fs.Engine.Lookup;
        var pending = new Queue<(string Display, UnionNode Node, int Depth, int Links)>();
        pending.Enqueue((displayRoot, root, 0, rootLinks));
        while (pending.Count > 0)
        {
            var (display, directory, depth, links) = pending.Dequeue();
            var recurse = options.RecurseSubdirectories && depth < options.MaxRecursionDepth;
            if (options.ReturnSpecialDirectories && (kinds & EntryKinds.Directories) != 0)
            {
                foreach (var special in SpecialDirectories)
                    if (matcher.Matches(special))
                        yield return TResult.Make(fs, Path.Join(display, special), isDirectory: true);
            }
            // Reading a directory moves its access time, as getdents(2) does.
            fs.Engine.Times.Read(directory);
            foreach (var merged in fs.Engine.Readdir.Read(directory.Stack))
            {
                var entry = merged.Entry;
                var name = entry.Name;
                var childLinks = links;
                UnionNode? linkTarget = null;
                bool isDirectory;
                FileAttributes attributes;
                if (entry.Kind == EntryKind.SymbolicLink)
                {
                    // A link is what its target is: resolve it, with the links this walk has followed so far.
                    var link = lookup.LookupChild(directory.Stack, name);
                    if (link.Entry is null) continue; // removed since the listing was taken
                    var status = EntryStatus.Of(fs.Engine, link.ToNode(BranchPath.Combine(directory.Path, name), directory.Stack), ref childLinks);
                    isDirectory = status.IsDirectory;
                    // The target's attributes need its mode, which a listed entry may have to stat: only when something is skipped.
                    attributes = options.AttributesToSkip != 0 ? status.Attributes : 0;
                    linkTarget = status.Target;
                }
                else
                {
                    isDirectory = entry.Kind == EntryKind.Directory;
                    // The mode is read only when ReadOnly may be skipped: a listed entry's mode may cost a stat of its own.
                    var mode = (options.AttributesToSkip & FileAttributes.ReadOnly) != 0 ? entry.UnixMode : 0;
                    attributes = options.AttributesToSkip == 0 ? 0 : EntryStatus.AttributesOf(mode, isLink: false, isBrokenLink: false, isDirectory, name);
                }
                if ((options.AttributesToSkip & attributes) != 0) continue;
                var matches = (isDirectory ? (kinds & EntryKinds.Directories) != 0 : (kinds & EntryKinds.Files) != 0)
                    && matcher.Matches(name);
                var enter = isDirectory && recurse;
                if (!matches && !enter) continue;
                var childDisplay = Path.Join(display, name);
                if (matches) yield return TResult.Make(fs, childDisplay, isDirectory);
                // No PATH_MAX: a union holds paths of any length (only a DirectoryBranch is bound by its host), and lists them all.
                if (enter)
                {
                    // The caller's spelling is usually the union path itself: then one string serves as both.
                    var childPath = string.Equals(display, directory.Path, StringComparison.Ordinal) ? childDisplay : BranchPath.Combine(directory.Path, name);
                    var target = linkTarget ?? lookup.LookupChild(directory.Stack, name, childPath).ToNode(childPath, directory.Stack);
                    if (target.IsDirectory) pending.Enqueue((childDisplay, target, depth + 1, childLinks));
                }
            }
        }
    }
}
