namespace UnionFs;

/// <summary>
/// Reads a directory of an <see cref="IBranch"/> into <see cref="TextNode"/>s, markers included: whiteouts and
/// opaque directories, as the branch itself stores them. Directory redirects have no text form and are left out.
/// </summary>
internal static class BranchTreeReader
{
    /// <summary>The tree below the branch directory <paramref name="path"/> (a normalised branch path).</summary>
    public static TextNode Read(IBranch branch, string path, TreeTextOptions options)
    {
        var entry = branch.Stat(path);
        if (entry is not { IsDirectory: true })
            throw new DirectoryNotFoundException($"'{path}' is not a directory in the branch.");
        var root = new TextNode(string.Empty, TextNodeKind.Directory);
        if (entry.IsOpaque) root.MarkOpaque();
        // A work list, not recursion: a tree of any depth fits the stack.
        var pending = new Stack<(string Path, TextNode Node)>();
        pending.Push((path, root));
        while (pending.TryPop(out var directory)) Fill(branch, directory.Path, directory.Node, options, pending);
        return root;
    }

    /// <summary>Adds the entries of the branch directory <paramref name="path"/> to <paramref name="node"/>; its directories are left in <paramref name="pending"/>.</summary>
    private static void Fill(IBranch branch, string path, TextNode node, TreeTextOptions options, Stack<(string Path, TextNode Node)> pending)
    {
        foreach (var entry in branch.List(path))
        {
            var childPath = BranchPath.Combine(path, entry.Name);
            switch (entry.Kind)
            {
                case EntryKind.Directory:
                    var child = new TextNode(entry.Name, TextNodeKind.Directory);
                    if (entry.IsOpaque) child.MarkOpaque();
                    node.Add(child);
                    pending.Push((childPath, child));
                    break;
                case EntryKind.SymbolicLink:
                    node.Add(new TextNode(entry.Name, TextNodeKind.SymbolicLink) { LinkTarget = entry.LinkTarget ?? string.Empty });
                    break;
                case EntryKind.Whiteout:
                    node.Add(new TextNode(entry.Name, TextNodeKind.Whiteout));
                    break;
                default:
                    node.Add(new TextNode(entry.Name, TextNodeKind.File) { Content = Content(branch, childPath, entry, options) });
                    break;
            }
        }
    }

    private static byte[]? Content(IBranch branch, string path, BranchEntry entry, TreeTextOptions options)
    {
        if (!options.IncludeContents || entry.Length > options.MaxContentLength) return null;
        using var stream = branch.OpenRead(path);
        using var copy = new MemoryStream((int)entry.Length);
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
