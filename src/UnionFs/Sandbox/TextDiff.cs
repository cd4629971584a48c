using UnionFs.Sandbox;

namespace UnionFs;

/// <summary>Line diffs of text, for reviewing what a union changed (see <see cref="UnionFileSystem.ReadOriginalText"/>).</summary>
public static class TextDiff
{
    /// <summary>Unchanged lines shown around each change by default, as <c>diff -u</c> does.</summary>
    public const int DefaultContext = 3;

    /// <summary>
    /// The unified diff (<c>diff -u</c>, <c>git diff</c>) that turns <paramref name="oldText"/> into
    /// <paramref name="newText"/>: a <c>--- oldName</c> / <c>+++ newName</c> header, then one <c>@@</c> hunk per group
    /// of changed lines with <paramref name="context"/> unchanged lines around it. Lines end at <c>\n</c>; a
    /// missing final newline is marked as diff marks it. The edit script is a shortest one (Myers' algorithm).
    /// </summary>
    /// <param name="oldText">The text before; empty for an added file.</param>
    /// <param name="newText">The text after; empty for a deleted file.</param>
    /// <param name="oldName">The name on the <c>---</c> line, such as <c>a/src/app.cs</c> or <c>/dev/null</c>.</param>
    /// <param name="newName">The name on the <c>+++</c> line, such as <c>b/src/app.cs</c>.</param>
    /// <param name="context">Unchanged lines shown before and after each change; zero or more.</param>
    /// <returns>The diff, each line ending in <c>\n</c>; an empty string when the texts are equal.</returns>
    public static string Unified(string oldText, string newText, string oldName = "a", string newName = "b", int context = DefaultContext)
    {
        ArgumentNullException.ThrowIfNull(oldText);
        ArgumentNullException.ThrowIfNull(newText);
        ArgumentNullException.ThrowIfNull(oldName);
        ArgumentNullException.ThrowIfNull(newName);
        ArgumentOutOfRangeException.ThrowIfNegative(context);
        var before = new DiffText(oldText);
        var after = new DiffText(newText);
        var (oldLines, newLines) = DiffText.Number(before, after);
        var edits = LineDiff.Compute(oldLines, newLines);
        return new UnifiedFormatter(before, after, edits, context).Format(oldName, newName);
    }
}
