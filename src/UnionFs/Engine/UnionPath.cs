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
    /// ends in a separator or holds an empty, <c>.</c> or <c>..</c> segment: only the character after each separator
    /// is looked at (the separators are found by a vectorised search).
    /// </summary>
    private static bool IsAlreadyNormal(string path)
    {
        if (path.Length == 1) return true;
        var span = path.AsSpan();
        if (span[^1] == '/') return false;
        var separator = 0;
        while (true)
        {
            var start = separator + 1;
            var next = span[start..].IndexOf('/');
            var end = next < 0 ? span.Length : start + next;
            var length = end - start;
            if (length == 0) return false;
            if (span[start] == '.' && (length == 1 || (length == 2 && span[start + 1] == '.'))) return false;
            if (next < 0) return true;
            separator = end;
        }
    }
}
