using System.Text.RegularExpressions;

namespace UnionFs;

/// <summary>
/// Reads the <c>tree</c> form: heading lines (the command, the root's name: <c>.</c>, <c>lower/</c>...) before the
/// first entry line are skipped, entry lines (<c>├── name</c>, <c>│   └── name</c>) are placed by
/// <see cref="TreeDepth"/>, and after them only blank lines and the summary (<c>3 directories, 5 files</c>) may follow.
/// </summary>
internal static partial class TreeFormatReader
{
    /// <summary>Reads <paramref name="lines"/>, whose entry lines have their glyph at <paramref name="branches"/> (-1 elsewhere).</summary>
    public static TextNode Read(IReadOnlyList<string> lines, int[] branches)
    {
        var root = new TextNode(string.Empty, TextNodeKind.Directory);
        var margin = TreeIndentation.Margin(lines, branches);
        var width = TreeIndentation.InferWidth(lines, branches, margin);
        var open = new List<TreeFrame>();
        var inEntries = false;
        for (var n = 0; n < lines.Count; n++)
        {
            var line = lines[n];
            var branch = branches[n];
            if (branch < 0)
            {
                if (inEntries && !string.IsNullOrWhiteSpace(line) && !IsSummary(line))
                    throw TreeTextError.At(n + 1, line, "not a tree line (└── or ├── expected)");
                continue;
            }
            inEntries = true;
            var groups = TreeIndentation.Groups(line, margin, branch, width);
            var depth = TreeDepth.Resolve(groups, open, out _);
            if (depth < 0) throw TreeTextError.At(n + 1, line, "inconsistent indentation that cannot be resolved");
            var start = TreeGlyphs.EntryStart(line, branch);
            var end = TextEscaping.TrimmedEnd(line, start);
            var spec = EntrySyntax.Parse(line.AsSpan(start, end - start), n + 1, line);
            var parent = depth == 0 ? root : open[depth - 1].Node;
            var node = TextTreeBuilder.Attach(parent, spec, n + 1, line);
            open.RemoveRange(depth, open.Count - depth);
            open.Add(new TreeFrame(node, TreeGlyphs.IsLastBranch(line[branch])));
        }
        return root;
    }

    /// <summary>True for the summary line that ends <c>tree</c> output (<c>3 directories, 5 files</c>).</summary>
    public static bool IsSummary(string line) => SummaryLine().IsMatch(line);

    [GeneratedRegex(@"^\s*\d+ director(y|ies)(, \d+ files?)?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex SummaryLine();
}
