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

    /// <summary>The fast path: most paths are already normal and need no allocation.</summary>
    private static bool IsAlreadyNormal(string path)
    {
        if (path == "/") return true;
        if (path[^1] == '/') return false;
        var segmentStart = 1;
        for (var i = 1; i <= path.Length; i++)
        {
            if (i < path.Length && path[i] != '/') continue;
            var length = i - segmentStart;
            if (length == 0) return false;
            if (path[segmentStart] == '.' && (length == 1 || (length == 2 && path[segmentStart + 1] == '.'))) return false;
            segmentStart = i + 1;
        }
        return true;
    }
}
