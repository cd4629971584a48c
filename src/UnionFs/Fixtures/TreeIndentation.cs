namespace UnionFs;

/// <summary>
/// Turns the indentation of a <c>tree</c> line into groups, one per ancestor level: <c>true</c> for a vertical bar
/// group (<c>│   </c>), <c>false</c> for a blank one (<c>    </c>). Copy-paste often narrows or drops indentation, so
/// the width of a group is inferred from the text rather than assumed: a bar takes the blanks that follow it up to
/// the group width, a run of blanks counts as its width divided by the group width (rounded, at least one), and a
/// tab ends a group.
/// </summary>
internal static class TreeIndentation
{
    /// <summary>The group width of <c>tree</c> itself.</summary>
    public const int StandardWidth = 4;

    /// <summary>
    /// The group width of the text. Each bar group shows a width (the bar and its blanks, up to the next bar or the
    /// glyph, counted between 2 and <see cref="StandardWidth"/>); when they all agree that is the width. A bar
    /// followed by a blank group looks like one wide bar group, though, so when they disagree each width seen is
    /// tried and the one under which the most lines fit exactly wins (the widest among equals).
    /// <see cref="StandardWidth"/> when no line shows a bar group.
    /// </summary>
    public static int InferWidth(IReadOnlyList<string> lines, int[] branches, int margin)
    {
        Span<bool> seen = stackalloc bool[StandardWidth + 1];
        seen.Clear();
        for (var n = 0; n < lines.Count; n++)
        {
            var line = lines[n];
            for (var i = margin; i < branches[n]; i++)
            {
                if (!TreeGlyphs.IsBar(line[i])) continue;
                var j = i + 1;
                while (j < branches[n] && line[j] != '\t' && char.IsWhiteSpace(line[j])) j++;
                if (line[j] != '\t') seen[Math.Clamp(j - i, 2, StandardWidth)] = true;
            }
        }
        var width = StandardWidth;
        var bestFit = -1;
        for (var w = StandardWidth; w >= 2; w--)
        {
            if (!seen[w]) continue;
            if (bestFit < 0 && seen[..w].IndexOf(true) < 0) return w;
            var fit = ExactLines(lines, branches, margin, w);
            if (fit > bestFit)
            {
                width = w;
                bestFit = fit;
            }
        }
        return width;
    }

    /// <summary>How many entry lines read as exact <c>tree</c> output when groups are <paramref name="width"/> wide.</summary>
    private static int ExactLines(IReadOnlyList<string> lines, int[] branches, int margin, int width)
    {
        var open = new List<TreeFrame>();
        var exact = 0;
        for (var n = 0; n < lines.Count; n++)
        {
            if (branches[n] < 0) continue;
            var depth = TreeDepth.Resolve(Groups(lines[n], margin, branches[n], width), open, out var rank);
            if (depth < 0) continue;
            if (rank == TreeDepth.Exact) exact++;
            open.RemoveRange(depth, open.Count - depth);
            open.Add(new TreeFrame(null, TreeGlyphs.IsLastBranch(lines[n][branches[n]])));
        }
        return exact;
    }

    /// <summary>The blanks every entry line starts with (a margin from pasting into an indented block).</summary>
    public static int Margin(IReadOnlyList<string> lines, int[] branches)
    {
        var margin = int.MaxValue;
        for (var n = 0; n < lines.Count; n++)
        {
            if (branches[n] < 0) continue;
            var blanks = 0;
            while (blanks < branches[n] && char.IsWhiteSpace(lines[n][blanks])) blanks++;
            margin = Math.Min(margin, blanks);
        }
        return margin == int.MaxValue ? 0 : margin;
    }

    /// <summary>The groups of the indentation between <paramref name="start"/> and the glyph at <paramref name="branch"/>.</summary>
    public static List<bool> Groups(string line, int start, int branch, int width)
    {
        var groups = new List<bool>();
        var blankColumns = 0;
        var absorb = 0;
        for (var i = start; i < branch; i++)
        {
            var c = line[i];
            if (TreeGlyphs.IsBar(c))
            {
                AddBlankGroups(groups, blankColumns, width);
                blankColumns = 0;
                groups.Add(true);
                absorb = width - 1;
            }
            else if (c == '\t')
            {
                if (absorb > 0) absorb = 0;
                else blankColumns += width;
            }
            else if (absorb > 0)
            {
                absorb--;
            }
            else
            {
                blankColumns++;
            }
        }
        AddBlankGroups(groups, blankColumns, width);
        return groups;
    }

    private static void AddBlankGroups(List<bool> groups, int columns, int width)
    {
        if (columns == 0) return;
        var count = Math.Max(1, (columns + (width / 2)) / width);
        for (var k = 0; k < count; k++) groups.Add(false);
    }
}
