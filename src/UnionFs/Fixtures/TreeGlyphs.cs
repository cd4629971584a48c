namespace UnionFs;

/// <summary>
/// The drawing characters of <c>tree</c> output, in its Unicode form (<c>├── │ └──</c>), its ASCII form
/// (<c>|-- | `--</c>), the Windows <c>tree /A</c> form (<c>+--- | \---</c>) and the heavy and double box variants.
/// </summary>
internal static class TreeGlyphs
{
    /// <summary>True for a character that starts a branch glyph when a dash follows it.</summary>
    public static bool IsBranchStart(char c) => c is '├' or '└' or '┣' or '┗' or '╠' or '╚' or '|' or '`' or '+' or '\\';

    /// <summary>True for the branch glyph of the last entry of a directory.</summary>
    public static bool IsLastBranch(char c) => c is '└' or '┗' or '╚' or '`' or '\\';

    /// <summary>True for the horizontal stroke of a branch glyph.</summary>
    public static bool IsDash(char c) => c is '─' or '━' or '═' or '-';

    /// <summary>True for a vertical bar: an ancestor that has more entries after this line.</summary>
    public static bool IsBar(char c) => c is '│' or '┃' or '║' or '|';

    /// <summary>True for a character that, first on a line, could be read as tree drawing.</summary>
    public static bool IsGlyphCharacter(char c) => IsBranchStart(c) || IsBar(c);

    /// <summary>
    /// The index of the branch glyph of <paramref name="line"/>, or -1 when it is not an entry line of a tree
    /// (only blanks and vertical bars may come before the glyph).
    /// </summary>
    public static int FindBranch(string line)
    {
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (IsBranchStart(c) && i + 1 < line.Length && IsDash(line[i + 1])) return i;
            if (!char.IsWhiteSpace(c) && !IsBar(c)) return -1;
        }
        return -1;
    }

    /// <summary>The index where the entry text starts: after the glyph's strokes and the blanks that follow.</summary>
    public static int EntryStart(string line, int branch)
    {
        var i = branch + 1;
        while (i < line.Length && IsDash(line[i])) i++;
        while (i < line.Length && char.IsWhiteSpace(line[i])) i++;
        return i;
    }
}
