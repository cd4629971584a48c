namespace UnionFs.Engine;

/// <summary>
/// Turns a caller's path into the union's normalised absolute form (<c>/a/b</c>): separators folded,
/// <c>.</c> removed, <c>..</c> folded and clamped at the root (<c>/..</c> is <c>/</c>, as on Linux).
/// </summary>
internal static class UnionPath
{
    /// <summary>Validates and normalises <paramref name="path"/>, resolving a relative path against <paramref name="currentDirectory"/>.</summary>
    public static string Normalize(string? path, string currentDirectory, string parameterName = "path")
    {
        Validate(path, parameterName);
        var full = path[0] == '/' ? path : string.Concat(currentDirectory, "/", path);
        return Fold(full);
    }

    /// <summary>Throws the exceptions System.IO throws for a null, empty or NUL-containing path.</summary>
    public static void Validate([System.Diagnostics.CodeAnalysis.NotNull] string? path, string parameterName = "path")
    {
        ArgumentNullException.ThrowIfNull(path, parameterName);
        if (path.Length == 0) throw new ArgumentException("The value cannot be an empty string.", parameterName);
        // Path.GetFullPath finds the NUL, so System.IO names its own parameter whatever the member's is.
        if (path.Contains('\0')) throw new ArgumentException("Null character in path.", nameof(path));
    }

    /// <summary>True when the path names a directory explicitly (ends in a separator).</summary>
    public static bool EndsInSeparator(string path) => path.Length > 1 && path[^1] == '/';

    private static string Fold(string full)
    {
        if (IsAlreadyNormal(full)) return full;
        var segments = new List<string>();
        foreach (var segment in full.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (segment == ".") continue;
            if (segment == "..")
            {
                if (segments.Count > 0) segments.RemoveAt(segments.Count - 1);
                continue;
            }
            segments.Add(segment);
        }
        return segments.Count == 0 ? "/" : "/" + string.Join('/', segments);
    }

    /// <summary>
    /// The fast path: most paths are already normal and need no allocation. An absolute path is normal unless it
    /// ends in a separator or holds an empty, <c>.</c> or <c>..</c> segment: searched for a separator pair and for
    /// each <c>/.</c> (rare: hidden names), not character by character.
    /// </summary>
    private static bool IsAlreadyNormal(string path)
    {
        if (path.Length == 1) return true;
        if (path[^1] == '/' || path.Contains("//", StringComparison.Ordinal)) return false;
        var span = path.AsSpan();
        for (var at = span.IndexOf("/."); at >= 0; at = NextDotSegment(span, at))
        {
            var end = at + 2;
            // "/." then the end or a separator is ".", and "/.." then the end or a separator is "..".
            if (end == span.Length || span[end] == '/') return false;
            if (span[end] == '.' && (end + 1 == span.Length || span[end + 1] == '/')) return false;
        }
        return true;
    }

    private static int NextDotSegment(ReadOnlySpan<char> path, int previous)
    {
        var next = path[(previous + 2)..].IndexOf("/.");
        return next < 0 ? -1 : previous + 2 + next;
    }
}
