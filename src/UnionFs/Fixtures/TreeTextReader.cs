namespace UnionFs;

/// <summary>
/// Parses tree text into <see cref="TextNode"/>s: splits the lines and picks the form. Text with at least one
/// <c>├──</c>/<c>└──</c> line (or its ASCII variants) is the <c>tree</c> form; a lone <c>.</c> or a lone line starting
/// with <c>/</c> (a summary line may follow) is the root line of an empty <c>tree</c>; anything else is the indented form.
/// </summary>
internal static class TreeTextReader
{
    /// <summary>Parses <paramref name="text"/>; throws <see cref="FormatException"/> with the line at fault.</summary>
    public static TextNode Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = SplitLines(text);
        var branches = new int[lines.Count];
        var isTree = false;
        for (var n = 0; n < lines.Count; n++)
        {
            branches[n] = TreeGlyphs.FindBranch(lines[n]);
            isTree |= branches[n] >= 0;
        }
        if (isTree) return TreeFormatReader.Read(lines, branches);
        if (IsLoneRootLine(lines)) return new TextNode(string.Empty, TextNodeKind.Directory);
        return IndentedFormatReader.Read(lines);
    }

    private static bool IsLoneRootLine(List<string> lines)
    {
        string? only = null;
        foreach (var line in lines)
        {
            if (string.IsNullOrWhiteSpace(line) || (only is not null && TreeFormatReader.IsSummary(line))) continue;
            if (only is not null) return false;
            only = line.Trim();
        }
        return only is "." || (only?.StartsWith('/') ?? false);
    }

    private static List<string> SplitLines(string text)
    {
        var lines = new List<string>();
        var start = 0;
        if (text.Length > 0 && text[0] == '\uFEFF') start = 1;
        while (start <= text.Length)
        {
            var newline = text.IndexOf('\n', start);
            var end = newline < 0 ? text.Length : newline;
            var length = end - start;
            if (length > 0 && text[end - 1] == '\r') length--;
            lines.Add(text.Substring(start, length));
            if (newline < 0) break;
            start = newline + 1;
        }
        return lines;
    }
}
