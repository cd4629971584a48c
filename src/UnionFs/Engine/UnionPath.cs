using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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
        // The common case, an absolute path already in normal form, is one pass over its characters.
        if (path is { Length: > 0 } && path[0] == '/' && IsAlreadyNormal(path)) return path;
        Validate(path, parameterName);
        var full = path[0] == '/' ? path : string.Concat(currentDirectory, "/", path);
        return Fold(full);
    }

    /// <summary>
    /// As <see cref="Normalize"/> for the members that answer false rather than throw (the Exists calls): false for a
    /// null or empty path, or one holding a NUL.
    /// </summary>
    public static bool TryNormalize([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? path, string currentDirectory,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? normal)
    {
        normal = null;
        if (string.IsNullOrEmpty(path)) return false;
        if (path[0] == '/' && IsAlreadyNormal(path))
        {
            normal = path;
            return true;
        }
        if (path.Contains('\0')) return false;
        normal = Normalize(path, currentDirectory);
        return true;
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
    /// ends in a separator, holds an empty, <c>.</c> or <c>..</c> segment, or a NUL (which the slow path rejects).
    /// Eight characters a step: a block passes when it holds no NUL and no separator followed by a separator or a dot;
    /// a path with a name that starts with a dot (<c>/.git</c>) is judged by <see cref="IsAlreadyNormalScalar"/>.
    /// </summary>
    private static bool IsAlreadyNormal(string path)
    {
        if (path.Length == 1) return true;
        if (path[^1] == '/') return false;
        var i = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            ref var chars = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(path.AsSpan()));
            var separator = Vector128.Create((ushort)'/');
            var dot = Vector128.Create((ushort)'.');
            // Each step reads the eight characters from i and the eight from i + 1 (each character's successor).
            for (; i + Vector128<ushort>.Count < path.Length; i += Vector128<ushort>.Count)
            {
                var current = Vector128.LoadUnsafe(ref chars, (nuint)i);
                var next = Vector128.LoadUnsafe(ref chars, (nuint)i + 1);
                var suspect = (Vector128.Equals(current, separator) & (Vector128.Equals(next, separator) | Vector128.Equals(next, dot)))
                    | Vector128.Equals(current, Vector128<ushort>.Zero);
                if (suspect != Vector128<ushort>.Zero) return IsAlreadyNormalScalar(path, 1);
            }
        }
        return IsAlreadyNormalScalar(path, Math.Max(i, 1));
    }

    /// <summary>The rule of <see cref="IsAlreadyNormal"/> one character at a time, from <paramref name="start"/> (at least 1).</summary>
    private static bool IsAlreadyNormalScalar(string path, int start)
    {
        for (var i = start; i < path.Length; i++)
        {
            var c = path[i];
            // Letters and digits sort after '/', '.' and NUL: one comparison passes most characters of a path.
            if (c > '/') continue;
            if (c == '\0') return false;
            // After a separator: "//", "/./", "/../", or a path ending in "/." or "/..".
            if (path[i - 1] == '/' && (c == '/' || (c == '.' && (i + 1 == path.Length || path[i + 1] == '/' || (path[i + 1] == '.' && (i + 2 == path.Length || path[i + 2] == '/'))))))
                return false;
        }
        return true;
    }
}
