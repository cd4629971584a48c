namespace UnionFs;

/// <summary>Helpers for the normalised absolute paths that branches receive (<c>/a/b</c>, root <c>/</c>).</summary>
public static class BranchPath
{
    /// <summary>The root path of every branch.</summary>
    public const string Root = "/";

    /// <summary>The last segment of <paramref name="path"/>; empty for the root.</summary>
    public static string GetName(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return path.Length <= 1 ? string.Empty : path[(path.LastIndexOf('/') + 1)..];
    }

    /// <summary>The parent of <paramref name="path"/>; null for the root.</summary>
    public static string? GetParent(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length <= 1) return null;
        var slash = path.LastIndexOf('/');
        return slash == 0 ? Root : path[..slash];
    }

    /// <summary>Joins a directory path and a child name.</summary>
    public static string Combine(string directory, string name)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(name);
        return directory.Length == 1 ? string.Concat("/", name) : string.Concat(directory, "/", name);
    }

    /// <summary>True when <paramref name="path"/> is <paramref name="ancestor"/> or lies below it.</summary>
    public static bool IsSameOrBelow(string path, string ancestor)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(ancestor);
        if (ancestor.Length == 1) return true;
        return path.StartsWith(ancestor, StringComparison.Ordinal)
            && (path.Length == ancestor.Length || path[ancestor.Length] == '/');
    }

    /// <summary>The character ranges of each segment of <paramref name="path"/>, without allocating strings.</summary>
    public static SegmentEnumerator Segments(string path) => new(path, 1);

    /// <summary>The segments of <paramref name="path"/> from the one that starts at <paramref name="start"/> (just past a separator).</summary>
    public static SegmentEnumerator Segments(string path, int start) => new(path, start);

    /// <summary>Enumerates the segments of a normalised path as ranges.</summary>
    public struct SegmentEnumerator
    {
        private readonly string _path;
        private int _next;

        internal SegmentEnumerator(string path, int start)
        {
            _path = path;
            _next = start;
            Current = default;
        }

        /// <summary>The range of the current segment.</summary>
        public Range Current { get; private set; }

        /// <summary>Returns this enumerator (for <c>foreach</c>).</summary>
        public readonly SegmentEnumerator GetEnumerator() => this;

        /// <summary>Advances to the next segment.</summary>
        public bool MoveNext()
        {
            if (_next >= _path.Length) return false;
            var slash = _path.IndexOf('/', _next);
            var end = slash < 0 ? _path.Length : slash;
            Current = _next..end;
            _next = end + 1;
            return true;
        }
    }
}
