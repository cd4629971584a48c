using System.IO.Enumeration;

namespace UnionFs.Facade;

/// <summary>
/// A listing's search expression, judged once per listing instead of once per name: every name (<c>*</c>), a name
/// ending in a literal (<c>*.txt</c>, the commonest patterns), or anything else, which goes to
/// <see cref="FileSystemName"/>. Answers exactly as <see cref="FileSystemName.MatchesWin32Expression"/> or
/// <see cref="FileSystemName.MatchesSimpleExpression"/> would for the same expression and name.
/// </summary>
internal sealed class NameMatcher
{
    // The characters either kind of expression gives a meaning to (the Win32 ones include the simple ones), and the escape.
    private static readonly System.Buffers.SearchValues<char> Special = System.Buffers.SearchValues.Create("*?<>\"\\");

    // What a Win32 pattern gives a meaning to but a Linux name may hold.
    private static readonly System.Buffers.SearchValues<char> UnixEscaped = System.Buffers.SearchValues.Create("\\\"<>");

    private readonly string _expression;
    private readonly bool _win32;
    private readonly bool _ignoreCase;
    private readonly bool _all;
    private readonly string? _suffix;

    /// <summary>
    /// The matcher System.IO's enumeration makes of <paramref name="searchPattern"/> (its directory part already
    /// taken off) under <paramref name="options"/>: a Win32 pattern that is empty, <c>.</c> or <c>*.*</c> means every
    /// name; otherwise, on Unix, where <c>\ " &lt; &gt;</c> are plain characters of a name, they are escaped before the
    /// pattern is translated to an expression. A simple pattern is taken as written. Linux is case-sensitive, so only
    /// <see cref="MatchCasing.CaseInsensitive"/> ignores case.
    /// </summary>
    public static NameMatcher For(string searchPattern, EnumerationOptions options)
    {
        var ignoreCase = options.MatchCasing == MatchCasing.CaseInsensitive;
        if (options.MatchType != MatchType.Win32) return new NameMatcher(searchPattern, win32: false, ignoreCase);
        if (searchPattern.Length == 0 || searchPattern is "." or "*.*") return new NameMatcher("*", win32: true, ignoreCase);
        if (searchPattern.AsSpan().IndexOfAny(UnixEscaped) >= 0)
            searchPattern = searchPattern.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace(">", "\\>").Replace("<", "\\<");
        return new NameMatcher(FileSystemName.TranslateWin32Expression(searchPattern), win32: true, ignoreCase);
    }

    /// <param name="expression">The expression (already translated from a Win32 pattern when <paramref name="win32"/>).</param>
    /// <param name="win32">True for <see cref="MatchType.Win32"/>, false for <see cref="MatchType.Simple"/>.</param>
    /// <param name="ignoreCase">True for a case-insensitive match.</param>
    private NameMatcher(string expression, bool win32, bool ignoreCase)
    {
        _expression = expression;
        _win32 = win32;
        _ignoreCase = ignoreCase;
        _all = expression == "*";
        if (!_all && expression.Length > 1 && expression[0] == '*' && expression.AsSpan(1).IndexOfAny(Special) < 0) _suffix = expression[1..];
    }

    /// <summary>True when <paramref name="name"/> (never empty) matches the expression.</summary>
    public bool Matches(string name)
    {
        if (_all) return true;
        if (_suffix is not null)
            return name.EndsWith(_suffix, _ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
        return _win32
            ? FileSystemName.MatchesWin32Expression(_expression, name, _ignoreCase)
            : FileSystemName.MatchesSimpleExpression(_expression, name, _ignoreCase);
    }
}
