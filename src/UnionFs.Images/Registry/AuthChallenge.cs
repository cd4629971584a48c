using System.Net.Http.Headers;

namespace UnionFs.Images.Registry;

/// <summary>One <c>WWW-Authenticate</c> challenge: its scheme (Basic, Bearer) and its parameters (realm, service, scope).</summary>
internal sealed record AuthChallenge(string Scheme, IReadOnlyDictionary<string, string> Parameters)
{
    public string? this[string name] => Parameters.TryGetValue(name, out var value) ? value : null;

    public bool IsBearer => Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase);

    public bool IsBasic => Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase);

    /// <summary>The challenges of a 401 answer, in the order given.</summary>
    public static List<AuthChallenge> From(HttpHeaderValueCollection<AuthenticationHeaderValue> headers) =>
        [.. headers.Select(h => new AuthChallenge(h.Scheme, ParseParameters(h.Parameter)))];

    /// <summary>
    /// Parses <c>name=value</c> and <c>name="quoted, value"</c> pairs separated by commas (RFC 7235 auth-params;
    /// a scope may itself hold commas, so quotes are honoured and <c>\"</c> escapes are undone).
    /// </summary>
    public static Dictionary<string, string> ParseParameters(string? text)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (string.IsNullOrEmpty(text)) return result;
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && (text[i] == ',' || char.IsWhiteSpace(text[i]))) i++;
            var nameStart = i;
            while (i < text.Length && text[i] != '=' && text[i] != ',') i++;
            var name = text[nameStart..i].Trim();
            if (i >= text.Length || text[i] != '=')
            {
                continue; // a token68 or a bare name: nothing a registry challenge needs
            }
            i++;
            while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
            var value = new System.Text.StringBuilder();
            if (i < text.Length && text[i] == '"')
            {
                i++;
                while (i < text.Length && text[i] != '"')
                {
                    if (text[i] == '\\' && i + 1 < text.Length) i++;
                    value.Append(text[i++]);
                }
                i++; // the closing quote
            }
            else
            {
                while (i < text.Length && text[i] != ',') value.Append(text[i++]);
            }
            if (name.Length > 0) result[name] = value.ToString().Trim();
        }
        return result;
    }
}
