using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace UnionFs.Engine;

/// <summary>
/// What the lower branches show, remembered: lowers are immutable while a union is mounted (as overlayfs
/// documents), so the answer to "what do the lowers hold under this name" never changes and is worked out
/// once, through every lower, then kept. A lookup through 64 lowers then costs what it costs through one.
/// <see cref="UnionFileSystem.RefreshLowers"/> drops it all when a user changed a lower anyway.
/// </summary>
internal sealed class LowerIndex
{
    private readonly LayerScanner _scanner;
    private readonly int _firstLower;
    private readonly IBranch?[] _branches;
    private readonly long[] _versions;
    private ConcurrentDictionary<string, LowerDirectory?>? _redirected;

    /// <summary>An index of <paramref name="branches"/> from <paramref name="firstLower"/> down (slots above it are not read).</summary>
    public LowerIndex(IBranch?[] branches, int firstLower)
    {
        _scanner = new LayerScanner(branches);
        _branches = branches;
        _firstLower = firstLower;
        _versions = VersionsOf(branches);
        var roots = new List<LayerDir>();
        for (var layer = firstLower; layer < branches.Length; layer++)
        {
            roots.Add(new LayerDir(layer, BranchPath.Root));
            if (branches[layer]!.Stat(BranchPath.Root)?.IsOpaque == true) break;
        }
        Root = roots.Count == 0 ? null : new LowerDirectory(this, [.. roots]);
    }

    /// <summary>The lowers' merged root, or null for a union without lowers.</summary>
    public LowerDirectory? Root { get; }

    /// <summary>False when a memory lower changed since this index was made (other branches cannot tell).</summary>
    public bool IsCurrent => VersionsOf(_branches).AsSpan().SequenceEqual(_versions);

    private static long[] VersionsOf(IBranch?[] branches)
    {
        var versions = new long[branches.Length];
        for (var i = 0; i < branches.Length; i++) versions[i] = branches[i] is MemoryBranch memory ? memory.Version : -1;
        return versions;
    }

    /// <summary>
    /// The lower directories a redirected upper directory merges with: <paramref name="origin"/> looked up in
    /// each lower from its root, as overlayfs follows <c>trusted.overlay.redirect</c>.
    /// </summary>
    public LowerDirectory? Redirected(string origin)
    {
        var redirected = _redirected ?? Interlocked.CompareExchange(ref _redirected, new(1, 7, StringComparer.Ordinal), null) ?? _redirected;
        if (redirected.TryGetValue(origin, out var known)) return known;
        var found = _scanner.Scan([], string.Empty, _firstLower, origin);
        return redirected.GetOrAdd(origin, DirectoryOf(found));
    }

    /// <summary>What the lowers of <paramref name="stack"/> show for <paramref name="name"/>, worked out through every layer.</summary>
    public LowerChild Find(LayerDir[] stack, string name)
    {
        var found = _scanner.Scan(stack, name, _firstLower, redirect: null);
        if (found.Entry is null && found.Layer < 0) return LowerChild.Absent;
        return new LowerChild(found.Entry, found.Layer, found.BranchPath, DirectoryOf(found));
    }

    private LowerDirectory? DirectoryOf(LayerScan found) =>
        found.Entry?.Kind == EntryKind.Directory ? new LowerDirectory(this, found.Stack()) : null;
}

/// <summary>What the lowers show for one name: the topmost entry (null when absent) and where it lives.</summary>
internal sealed class LowerChild
{
    /// <summary>A name no lower has, and no lower whites out.</summary>
    public static readonly LowerChild Absent = new(null, -1, null, null);

    public LowerChild(BranchEntry? entry, int layer, string? branchPath, LowerDirectory? directory)
    {
        Entry = entry;
        Layer = layer;
        BranchPath = branchPath;
        Directory = directory;
    }

    /// <summary>The topmost visible entry, or null.</summary>
    public BranchEntry? Entry { get; }

    /// <summary>The layer of <see cref="Entry"/>, or of the whiteout that hides the name, or -1.</summary>
    public int Layer { get; }

    /// <summary>The path of <see cref="Entry"/> inside its branch.</summary>
    public string? BranchPath { get; }

    /// <summary>For a directory: the lower directories it merges.</summary>
    public LowerDirectory? Directory { get; }

    // The node the last lookup of this name made (nodes are immutable, so the next lookup of the same path takes it),
    // kept from the name's second lookup on: the index outlives every union over these lowers, and a path looked up
    // once (most of a scan, or a union that looks once and is dropped) should leave nothing in it.
    private UnionNode? _node;
    private bool _lookedUp;

    /// <summary>
    /// This name as the union's node for <paramref name="path"/> in the directory whose stack is
    /// <paramref name="parentStack"/> (the directory that remembers this child; a path may differ below a redirect).
    /// </summary>
    public UnionNode NodeFor(string path, MergeStack parentStack)
    {
        var node = Volatile.Read(ref _node);
        return node is not null && (ReferenceEquals(node.Path, path) || string.Equals(node.Path, path, StringComparison.Ordinal))
            ? node : NewNode(path, parentStack);
    }

    /// <summary>A node made for <paramref name="path"/>, kept from the second lookup on; out of line, as the common case takes the kept one.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private UnionNode NewNode(string path, MergeStack parentStack)
    {
        var node = Entry is null
            ? UnionNode.Absent(path, parentStack, Layer)
            : UnionNode.Present(path, parentStack, Entry, Layer, BranchPath!, Directory?.AsStack ?? MergeStack.None);
        // The shared absent child has no one directory, so no one parent stack: it keeps nothing.
        if (ReferenceEquals(this, Absent)) return node;
        if (_lookedUp) Volatile.Write(ref _node, node);
        else _lookedUp = true;
        return node;
    }
}
