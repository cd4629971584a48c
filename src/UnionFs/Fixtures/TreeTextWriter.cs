using System.Text;

namespace UnionFs;

/// <summary>
/// Writes <see cref="TextNode"/>s as text, entries sorted by ordinal name, lines ending in <c>\n</c>.
/// The tree form starts with the root line and draws <c>├── </c>/<c>└── </c> under <c>│   </c>/<c>    </c>; the
/// indented form has no root line and indents two spaces per level. Directories end with <c>/</c>.
/// </summary>
internal static class TreeTextWriter
{
    /// <summary>The text of <paramref name="root"/>'s entries, headed by <paramref name="rootLine"/> in the tree form.</summary>
    public static string Write(string rootLine, TextNode root, TreeTextStyle style)
    {
        var builder = new StringBuilder();
        if (style == TreeTextStyle.Indented)
        {
            WriteIndented(builder, root, 0);
        }
        else
        {
            builder.Append(rootLine).Append('\n');
            WriteTree(builder, root, string.Empty);
        }
        return builder.ToString();
    }

    /// <summary>The <c>tree</c> form, depth first with a work list (one open listing per level), not recursion.</summary>
    private static void WriteTree(StringBuilder builder, TextNode root, string rootPrefix)
    {
        var open = new Stack<(List<TextNode?> Entries, int Next, string Prefix)>();
        open.Push((Sorted(root), 0, rootPrefix));
        while (open.TryPop(out var level))
        {
            if (level.Next == level.Entries.Count) continue;
            var last = level.Next == level.Entries.Count - 1;
            var entry = level.Entries[level.Next];
            open.Push(level with { Next = level.Next + 1 });
            builder.Append(level.Prefix).Append(last ? "└── " : "├── ");
            EntrySyntax.Append(builder, entry);
            builder.Append('\n');
            if (entry is { Kind: TextNodeKind.Directory }) open.Push((Sorted(entry), 0, level.Prefix + (last ? "    " : "│   ")));
        }
    }

    /// <summary>The indented form, depth first with a work list, not recursion.</summary>
    private static void WriteIndented(StringBuilder builder, TextNode root, int rootDepth)
    {
        var open = new Stack<(List<TextNode?> Entries, int Next, int Depth)>();
        open.Push((Sorted(root), 0, rootDepth));
        while (open.TryPop(out var level))
        {
            if (level.Next == level.Entries.Count) continue;
            var entry = level.Entries[level.Next];
            open.Push(level with { Next = level.Next + 1 });
            builder.Append(' ', level.Depth * 2);
            EntrySyntax.Append(builder, entry);
            builder.Append('\n');
            if (entry is { Kind: TextNodeKind.Directory }) open.Push((Sorted(entry), 0, level.Depth + 1));
        }
    }

    /// <summary>The entries of a directory by ordinal name, the opaque marker (a null entry) among them.</summary>
    private static List<TextNode?> Sorted(TextNode directory)
    {
        var entries = new List<TextNode?>(directory.Children?.Count + 1 ?? 1);
        if (directory.Children is not null) entries.AddRange(directory.Children.Where(c => c.Kind != TextNodeKind.Metadata));
        if (directory.IsOpaque) entries.Add(null);
        entries.Sort(static (a, b) => string.CompareOrdinal(EntrySyntax.DisplayName(a), EntrySyntax.DisplayName(b)));
        return entries;
    }
}
