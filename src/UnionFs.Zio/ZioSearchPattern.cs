using System.Text;
using System.Text.RegularExpressions;
using Zio;

namespace UnionFs.Zio;

/// <summary>
/// A Zio search pattern: <c>*</c> and <c>?</c> wildcards matched against a name, ordinal and case-sensitive (so
/// <c>*.*</c> matches only names with a dot); a leading directory part (<c>sub/*.txt</c>) moves the search into that
/// directory; an absolute pattern or one that climbs with <c>..</c> is refused with an <see cref="ArgumentException"/>.
/// </summary>
internal sealed class ZioSearchPattern
{
    private readonly Regex? _regex;
    private readonly bool _matchesAll;

    private ZioSearchPattern(string pattern)
    {
        if (pattern == "*") _matchesAll = true;
        else if (pattern.Length > 0) _regex = new Regex(ToRegex(pattern), RegexOptions.CultureInvariant | RegexOptions.Singleline);
    }

    /// <summary>Splits a directory part off <paramref name="pattern"/> into <paramref name="path"/> and returns the name pattern.</summary>
    public static ZioSearchPattern Parse(ref UPath path, string pattern)
    {
        if (pattern.StartsWith('/')) throw new ArgumentException($"The search pattern `{pattern}` cannot start by an absolute path `/`");
        var slash = pattern.LastIndexOf('/');
        if (slash >= 0)
        {
            foreach (var segment in pattern[..slash].Split('/'))
            {
                if (segment == "..") throw new ArgumentException($"Unable to combine path `{path}` with `..`");
                if (segment.Length > 0 && segment != ".") path /= segment;
            }
            pattern = pattern[(slash + 1)..];
        }
        return new ZioSearchPattern(pattern);
    }

    /// <summary>True when <paramref name="name"/> matches.</summary>
    public bool Match(string name) => _matchesAll || (_regex is not null && _regex.IsMatch(name));

    private static string ToRegex(string pattern)
    {
        var builder = new StringBuilder("^");
        foreach (var c in pattern)
        {
            builder.Append(c switch
            {
                '*' => ".*",
                '?' => ".",
                _ => Regex.Escape(c.ToString()),
            });
        }
        return builder.Append('$').ToString();
    }
}
