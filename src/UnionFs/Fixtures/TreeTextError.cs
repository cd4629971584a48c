namespace UnionFs;

/// <summary>The <see cref="FormatException"/> that tree text parsing throws: the reason, the line number and the line.</summary>
internal static class TreeTextError
{
    /// <summary>An error on line <paramref name="lineNumber"/> (1-based), quoting <paramref name="line"/>.</summary>
    public static FormatException At(int lineNumber, string line, string reason) =>
        new($"Tree text, line {lineNumber}: {reason}: '{line}'");
}
