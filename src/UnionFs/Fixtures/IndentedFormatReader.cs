namespace UnionFs;

/// <summary>
/// Reads the indented form: one entry per line, a deeper indentation than the line above puts the entry in it,
/// the same indentation makes a sibling, and a shallower one must return to an indentation used above. Any
/// consistent step works (two spaces, four, a tab); a tab advances to the next multiple of four columns and every
/// other blank counts one column. The first entry's indentation is the root level.
/// </summary>
internal static class IndentedFormatReader
{
    private const int TabStop = 4;

    /// <summary>Reads <paramref name="lines"/>.</summary>
    public static TextNode Read(IReadOnlyList<string> lines)
    {
        var root = new TextNode(string.Empty, TextNodeKind.Directory);
        var open = new List<(int Column, TextNode? Node)>();
        for (var n = 0; n < lines.Count; n++)
        {
            var line = lines[n];
            if (string.IsNullOrWhiteSpace(line)) continue;
            var (column, start) = Indentation(line);
            var parent = ParentFor(column, open, root, n + 1, line);
            var end = TextEscaping.TrimmedEnd(line, start);
            var spec = EntrySyntax.Parse(line.AsSpan(start, end - start), n + 1, line);
            open.Add((column, TextTreeBuilder.Attach(parent, spec, n + 1, line)));
        }
        return root;
    }

    /// <summary>Closes the levels that <paramref name="column"/> leaves and returns the directory the line goes in.</summary>
    private static TextNode? ParentFor(int column, List<(int Column, TextNode? Node)> open, TextNode root, int lineNumber, string line)
    {
        if (open.Count == 0) return root;
        if (column > open[^1].Column) return open[^1].Node;
        while (open.Count > 0 && open[^1].Column > column) open.RemoveAt(open.Count - 1);
        if (open.Count == 0)
            throw TreeTextError.At(lineNumber, line, "indented less than the first entry");
        if (open[^1].Column != column)
            throw TreeTextError.At(lineNumber, line, $"inconsistent indentation: column {column} matches no enclosing level");
        open.RemoveAt(open.Count - 1);
        return open.Count == 0 ? root : open[^1].Node;
    }

    private static (int Column, int Start) Indentation(string line)
    {
        var column = 0;
        var i = 0;
        for (; i < line.Length && char.IsWhiteSpace(line[i]); i++)
            column = line[i] == '\t' ? (column / TabStop + 1) * TabStop : column + 1;
        return (column, i);
    }
}
