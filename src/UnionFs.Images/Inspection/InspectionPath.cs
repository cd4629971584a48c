namespace UnionFs.Images;

/// <summary>Normalises the paths the inspection types are asked about.</summary>
internal static class InspectionPath
{
    /// <summary>
    /// <paramref name="path"/> as an absolute branch path: relative paths start at the root, empty and <c>.</c>
    /// segments are dropped, <c>..</c> goes up (and stops at the root). Symbolic links are not resolved.
    /// </summary>
    public static string Normalize(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Contains('\0', StringComparison.Ordinal)) throw new ArgumentException($"The path '{path.Replace('\0', '?')}' contains a NUL character.", nameof(path));
        var segments = new List<string>();
        foreach (var segment in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (segment == ".") continue;
            if (segment == "..")
            {
                if (segments.Count > 0) segments.RemoveAt(segments.Count - 1);
                continue;
            }
            segments.Add(segment);
        }
        return "/" + string.Join('/', segments);
    }

    /// <summary>The root, every ancestor of <paramref name="path"/>, then <paramref name="path"/> itself (the root once).</summary>
    public static List<string> Chain(string path)
    {
        var chain = new List<string> { BranchPath.Root };
        if (path == BranchPath.Root) return chain;
        foreach (var range in BranchPath.Segments(path)) chain.Add(path[..range.End.Value]);
        return chain;
    }
}
