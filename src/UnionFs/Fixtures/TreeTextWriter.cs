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

    private static void WriteTree(StringBuilder builder, TextNode directory, string prefix)
    {
        var entries = Sorted(directory);
        for (var i = 0; i < entries.Count; i++)
        {
            var last = i == entries.Count - 1;
            var entry = entries[i];
            builder.Append(prefix).Append(last ? "└── " : "├── ");
            EntrySyntax.Append(builder, entry);
            builder.Append('\n');
            if (entry is { Kind: TextNodeKind.Directory }) WriteTree(builder, entry, prefix + (last ? "    " : "│   "));
        }
    }

    private static void WriteIndented(StringBuilder builder, TextNode directory, int depth)
    {
        foreach (var entry in Sorted(directory))
        {
            builder.Append(' ', depth * 2);
            EntrySyntax.Append(builder, entry);
            builder.Append('\n');
            if (entry is { Kind: TextNodeKind.Directory }) WriteIndented(builder, entry, depth + 1);
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
