namespace UnionFs.Tests.Infrastructure;

/// <summary>One entry of a <see cref="Layout"/>.</summary>
public sealed record LayoutEntry(string Path, EntryKind Kind, string? Content = null, string? LinkTarget = null)
{
    public DateTime? LastWriteTimeUtc { get; init; }
    public DateTime? CreationTimeUtc { get; init; }
    public UnixFileMode? UnixMode { get; init; }
    public FileAttributes? Attributes { get; init; }

    /// <summary>The line <see cref="TreeDump"/> prints for this entry.</summary>
    public string DumpLine => Kind switch
    {
        EntryKind.Directory => Path + "/",
        EntryKind.SymbolicLink => $"{Path}->{LinkTarget}",
        _ => $"{Path}={Content}",
    };
}

/// <summary>
/// A described tree: <c>"/a/b=content"</c> is a file, <c>"/a/d/"</c> a directory, <c>"/l-&gt;target"</c> a
/// symbolic link. Parent directories are implied. <see cref="UnionFixture"/> places it in branches.
/// </summary>
public sealed class Layout
{
    private readonly List<LayoutEntry> _entries;

    private Layout(List<LayoutEntry> entries) => _entries = entries;

    public IReadOnlyList<LayoutEntry> Entries => _entries;

    public static Layout Of(params string[] specs) => new(specs.Select(Parse).ToList());

    public static LayoutEntry Parse(string spec)
    {
        var arrow = spec.IndexOf("->", StringComparison.Ordinal);
        var equals = spec.IndexOf('=', StringComparison.Ordinal);
        if (arrow > 0 && (equals < 0 || arrow < equals))
        {
            return new LayoutEntry(spec[..arrow], EntryKind.SymbolicLink, LinkTarget: spec[(arrow + 2)..]);
        }

        if (equals > 0)
        {
            return new LayoutEntry(spec[..equals], EntryKind.File, Content: spec[(equals + 1)..]);
        }

        if (spec.EndsWith('/') && spec.Length > 1)
        {
            return new LayoutEntry(spec.TrimEnd('/'), EntryKind.Directory);
        }

        throw new ArgumentException($"Cannot parse layout spec '{spec}'.", nameof(spec));
    }

    /// <summary>A copy where the entry at <paramref name="path"/> is changed by <paramref name="change"/>.</summary>
    public Layout With(string path, Func<LayoutEntry, LayoutEntry> change)
    {
        var index = _entries.FindIndex(e => e.Path == path);
        if (index < 0) throw new ArgumentException($"No entry '{path}' in the layout.", nameof(path));
        var copy = _entries.ToList();
        copy[index] = change(copy[index]);
        return new Layout(copy);
    }

    /// <summary>
    /// A copy where each symbolic link is a plain file (content <c>link:target</c>): <c>MockFileSystem</c> refuses
    /// to create a link whose target does not exist on the mock host, so a mock-backed branch cannot hold one.
    /// </summary>
    public Layout WithoutSymbolicLinks() => new(_entries
        .Select(e => e.Kind == EntryKind.SymbolicLink ? new LayoutEntry(e.Path, EntryKind.File, Content: "link:" + e.LinkTarget) : e)
        .ToList());

    /// <summary>A copy with more entries.</summary>
    public Layout Plus(params string[] specs) => new(_entries.Concat(specs.Select(Parse)).ToList());

    /// <summary>Every path the tree has, implied parent directories included, as <see cref="TreeDump"/> prints it.</summary>
    public IReadOnlyList<string> ExpectedTree()
    {
        var lines = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in _entries)
        {
            lines.Add(entry.DumpLine);
            foreach (var parent in Ancestors(entry.Path)) lines.Add(parent + "/");
        }

        return lines.Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>The strict ancestors of a path, root excluded, outermost first.</summary>
    public static IEnumerable<string> Ancestors(string path)
    {
        for (var slash = path.IndexOf('/', 1); slash > 0; slash = path.IndexOf('/', slash + 1))
        {
            yield return path[..slash];
        }
    }

    public override string ToString() => string.Join(", ", _entries.Select(e => e.DumpLine));
}
