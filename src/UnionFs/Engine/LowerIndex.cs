using System.Collections.Concurrent;

namespace UnionFs.Engine;

/// <summary>
/// What the lower branches show, remembered: lowers are immutable while a union is mounted (as overlayfs
/// documents), so the answer to "what do the lowers hold under this name" never changes and is worked out
/// once, through every lower, then kept. A lookup through 64 lowers then costs what it costs through one.
/// <see cref="UnionFileSystem.RefreshLowers"/> drops it all when a user changed a lower anyway.
/// </summary>
internal sealed class LowerIndex
{
    private readonly Lookup _lookup;
    private readonly int _firstLower;
    private ConcurrentDictionary<string, LowerDirectory?>? _redirected;

    public LowerIndex(Lookup lookup, LayerStack layers)
    {
        _lookup = lookup;
        _firstLower = layers.FirstLower;
        var count = 0;
        for (var layer = _firstLower; layer < layers.Branches.Length; layer++)
        {
            count++;
            if (layers.Branches[layer].Stat(BranchPath.Root)?.IsOpaque == true) break;
        }
        Root = count == 0 ? null : new LowerDirectory(this, layers.Root[_firstLower..(_firstLower + count)]);
        // The upper root's opacity is read once, as the kernel reads it at mount: nothing the union does changes it.
        RootStack = layers.Upper is null ? Root!.AsStack
            : new MergeStack(new LayerDir(0, BranchPath.Root), layers.Upper.Stat(BranchPath.Root)?.IsOpaque == true ? null : Root);
    }

    /// <summary>The merge stack of the union root.</summary>
    public MergeStack RootStack { get; }

    /// <summary>The lowers' merged root, or null for a union without lowers.</summary>
    public LowerDirectory? Root { get; }

    /// <summary>
    /// The lower directories a redirected upper directory merges with: <paramref name="origin"/> looked up in
    /// each lower from its root, as overlayfs follows <c>trusted.overlay.redirect</c>.
    /// </summary>
    public LowerDirectory? Redirected(string origin)
    {
        var redirected = _redirected ?? Interlocked.CompareExchange(ref _redirected, new(1, 7, StringComparer.Ordinal), null) ?? _redirected;
        if (redirected.TryGetValue(origin, out var known)) return known;
        var found = _lookup.Scan([], string.Empty, _firstLower, origin);
        return redirected.GetOrAdd(origin, DirectoryOf(found));
    }

    /// <summary>What the lowers of <paramref name="stack"/> show for <paramref name="name"/>, worked out through every layer.</summary>
    public LowerChild Find(LayerDir[] stack, string name)
    {
        var found = _lookup.Scan(stack, name, _firstLower, redirect: null);
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
}
