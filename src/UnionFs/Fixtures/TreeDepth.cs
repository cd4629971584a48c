namespace UnionFs;

/// <summary>
/// Decides the depth of a <c>tree</c> line from its indentation groups and the levels open above it.
/// <para>
/// Exact <c>tree</c> output needs nothing clever: the line has one group per ancestor, a bar where that ancestor
/// has later siblings and blanks where it was drawn last. Copied text is not always exact, so every depth the line
/// could have is considered, and the most plausible one wins (the shallowest among equals):
/// </para>
/// <list type="number">
/// <item>one group per ancestor, bars and blanks where they belong (exact output);</item>
/// <item>the leading groups of last-drawn ancestors missing, the rest exact: the line lost its leading blanks, as
/// HTML and many editors drop them (the children of a final <c>└── sports</c> pasted flush left);</item>
/// <item>one group per ancestor, bars or blanks wrong (bars lost or added);</item>
/// <item>leading groups of last-drawn ancestors missing, the rest wrong.</item>
/// </list>
/// A depth is impossible when the entry would follow a sibling drawn <c>└──</c> (it was the last one), or when it
/// would need more groups than the line has ancestors. No possible depth: the indentation cannot be resolved.
/// </summary>
internal static class TreeDepth
{
    /// <summary>The rank of exact <c>tree</c> output.</summary>
    public const int Exact = 0;

    /// <summary>
    /// The depth of the line (0 = in the root), or -1 when no depth fits; <paramref name="rank"/> is how plausible it
    /// is, from <see cref="Exact"/> to 3 in the order of the list above.
    /// </summary>
    public static int Resolve(List<bool> groups, List<TreeFrame> open, out int rank)
    {
        rank = Exact;
        if (groups.Count <= open.Count && Fits(groups.Count, open) && Matches(groups, open, 0)) return groups.Count;
        var best = -1;
        var bestRank = int.MaxValue;
        for (var depth = groups.Count; depth <= open.Count; depth++)
        {
            if (!Fits(depth, open)) continue;
            var missing = depth - groups.Count;
            if (!AllLast(open, missing)) break;
            var candidate = (Matches(groups, open, missing) ? 0 : 2) + (missing == 0 ? 0 : 1);
            if (candidate < bestRank)
            {
                best = depth;
                bestRank = candidate;
            }
        }
        rank = bestRank;
        return best;
    }

    /// <summary>True when an entry may stand at <paramref name="depth"/>: its previous sibling, if any, was not drawn last.</summary>
    private static bool Fits(int depth, List<TreeFrame> open) => depth == open.Count || !open[depth].IsLast;

    /// <summary>True when the first <paramref name="count"/> ancestors were all drawn last (their groups are blank).</summary>
    private static bool AllLast(List<TreeFrame> open, int count)
    {
        for (var k = 0; k < count; k++)
        {
            if (!open[k].IsLast) return false;
        }
        return true;
    }

    /// <summary>True when the groups are exactly those of the ancestors from <paramref name="missing"/> on.</summary>
    private static bool Matches(List<bool> groups, List<TreeFrame> open, int missing)
    {
        for (var k = 0; k < groups.Count; k++)
        {
            if (groups[k] == open[missing + k].IsLast) return false;
        }
        return true;
    }
}
