using Zio;

namespace UnionFs.Zio;

/// <summary>
/// The directory tree of a zip archive as its entry names imply it. Zio's zip file system knows only the directories
/// that have an entry of their own: <c>books/c</c> alone makes <c>/books/c</c> a file, yet <c>/books</c> neither exists nor
/// is listed. Most archives hold no directory entries, so the branch reads the tree from the names, once (and again after
/// each change it makes itself).
/// </summary>
internal sealed class ImpliedDirectories
{
    private readonly Dictionary<UPath, SortedSet<string>> _children = [];

    public ImpliedDirectories(global::Zio.IFileSystem fs, UPath root)
    {
        _children[root] = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var path in fs.EnumeratePaths(root, "*", SearchOption.AllDirectories, SearchTarget.Both))
        {
            for (var child = path; child != root && !child.IsNull && child.IsInDirectory(root, recursive: true); child = child.GetDirectory())
            {
                var parent = child.GetDirectory();
                if (!_children.TryGetValue(parent, out var names)) _children[parent] = names = new SortedSet<string>(StringComparer.Ordinal);
                if (!names.Add(child.GetName())) break; // the rest of the chain is known
            }
        }
    }

    /// <summary>True when some entry lies below <paramref name="directory"/> (or it is the root).</summary>
    public bool Contains(UPath directory) => _children.ContainsKey(directory);

    /// <summary>The names directly below <paramref name="directory"/>, ordinal order; empty when none.</summary>
    public IReadOnlyCollection<string> ChildrenOf(UPath directory) =>
        _children.TryGetValue(directory, out var names) ? names : [];
}
