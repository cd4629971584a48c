namespace UnionFs.FileProviders;

/// <summary>
/// PhysicalFileProvider's rules for the paths and filters a caller passes: which characters are refused, which
/// separators are trimmed from the front, and when a relative path climbs above the root.
/// </summary>
internal static class ProviderPaths
{
    /// <summary>The separators of <paramref name="fileSystem"/> (on Linux only <c>/</c>), which PhysicalFileProvider trims and splits on.</summary>
    public static char[] SeparatorsOf(System.IO.Abstractions.IFileSystem fileSystem) =>
        [fileSystem.Path.DirectorySeparatorChar, fileSystem.Path.AltDirectorySeparatorChar];

    /// <summary>True when <paramref name="path"/> has a character no file name may have (separators aside).</summary>
    public static bool HasInvalidPathChars(string path, char[] invalidFileNameChars) =>
        path.AsSpan().IndexOfAny(WithoutSeparators(invalidFileNameChars)) >= 0;

    /// <summary>As <see cref="HasInvalidPathChars"/>, but the wildcards <c>*</c> and <c>?</c> (and <c>|</c>) are allowed.</summary>
    public static bool HasInvalidFilterChars(string filter, char[] invalidFileNameChars) =>
        filter.AsSpan().IndexOfAny(WithoutSeparators(invalidFileNameChars).Where(c => c is not ('*' or '?' or '|')).ToArray()) >= 0;

    /// <summary>True when the segments of <paramref name="path"/>, <c>.</c> and empty ones skipped, go above where they start.</summary>
    public static bool NavigatesAboveRoot(string path, char[] separators)
    {
        var depth = 0;
        foreach (var segment in path.Split(separators))
        {
            if (segment is "" or ".") continue;
            depth += segment == ".." ? -1 : 1;
            if (depth < 0) return true;
        }
        return false;
    }

    private static char[] WithoutSeparators(char[] characters) => characters.Where(c => c is not ('/' or '\\')).ToArray();
}
