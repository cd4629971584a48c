using System.Text;
using System.Text.RegularExpressions;

namespace UnionFs.Images;

/// <summary>
/// A glob for <see cref="ImageFind"/>. A pattern without <c>/</c> matches the last segment of a path at any depth,
/// like <c>find -name</c>; a pattern with <c>/</c> matches the whole absolute path (a relative pattern is taken from
/// the root). <c>*</c> matches any characters but <c>/</c>, <c>**</c> any characters including <c>/</c> (so
/// <c>/usr/**</c> is everything below <c>/usr</c>), <c>?</c> one character but <c>/</c>, <c>[abc]</c>, <c>[a-z]</c> and
/// <c>[!abc]</c> one character of (or not of) a set, and <c>\</c> takes the next character literally. Matching is
/// case-sensitive and ordinal, as file names on Linux.
/// </summary>
public sealed class PathPattern
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(5);
    private readonly Regex _regex;

    private PathPattern(string text, bool wholePath, Regex regex)
    {
        Text = text;
        MatchesWholePath = wholePath;
        _regex = regex;
    }

    /// <summary>The pattern as given.</summary>
    public string Text { get; }

    /// <summary>True when the pattern has a <c>/</c> and matches whole paths; false when it matches names.</summary>
    public bool MatchesWholePath { get; }

    /// <summary>Parses a glob.</summary>
    /// <exception cref="ArgumentException">The pattern is empty, or has an unclosed <c>[</c> or a trailing <c>\</c>.</exception>
    public static PathPattern Parse(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        if (pattern.Length == 0) throw new ArgumentException("The pattern is empty.", nameof(pattern));
        var wholePath = pattern.Contains('/', StringComparison.Ordinal);
        var text = wholePath && !pattern.StartsWith('/') ? "/" + pattern : pattern;
        if (wholePath && text.Length > 1) text = text.TrimEnd('/');
        var regex = new StringBuilder("^");
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '*' when i + 1 < text.Length && text[i + 1] == '*':
                    regex.Append(".*");
                    i++;
                    break;
                case '*':
                    regex.Append("[^/]*");
                    break;
                case '?':
                    regex.Append("[^/]");
                    break;
                case '[':
                    i = CharacterClass(pattern, text, i, regex);
                    break;
                case '\\':
                    if (i + 1 >= text.Length) throw new ArgumentException($"The pattern '{pattern}' ends with a lone '\\'.", nameof(pattern));
                    regex.Append(Regex.Escape(text[++i].ToString()));
                    break;
                default:
                    regex.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }
        regex.Append('$');
        var options = RegexOptions.CultureInvariant | RegexOptions.Singleline | RegexOptions.NonBacktracking;
        return new PathPattern(pattern, wholePath, new Regex(regex.ToString(), options, MatchTimeout));
    }

    /// <summary>True when <paramref name="path"/> (absolute, normalised) matches: its name, or the whole path.</summary>
    public bool IsMatch(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return _regex.IsMatch(MatchesWholePath ? path : BranchPath.GetName(path));
    }

    /// <inheritdoc />
    public override string ToString() => Text;

    /// <summary>Appends the set that starts at <paramref name="start"/> (a <c>[</c>); returns the index of its <c>]</c>.</summary>
    private static int CharacterClass(string pattern, string text, int start, StringBuilder regex)
    {
        var i = start + 1;
        var negate = i < text.Length && (text[i] == '!' || text[i] == '^');
        if (negate) i++;
        var set = new StringBuilder(negate ? "[^/" : "[");
        var first = true;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (c == ']' && !first)
            {
                regex.Append(set).Append(']');
                return i;
            }
            first = false;
            if (c == '\\' && i + 1 < text.Length) c = text[++i];
            if (c == '-' && set.Length > (negate ? 3 : 1) && i + 1 < text.Length && text[i + 1] != ']')
            {
                set.Append('-');
                continue;
            }
            set.Append(c is '\\' or ']' or '[' or '^' or '-' ? "\\" + c : c.ToString());
        }
        throw new ArgumentException($"The pattern '{pattern}' has a '[' without its ']'.", nameof(pattern));
    }
}
