using System.Collections.Concurrent;

namespace UnionFs.Engine;

/// <summary>
/// One merged directory of the lowers alone, with what has been learnt about it: the answer for each name
/// looked up so far (misses included, up to a bound) and, once a listing ran to its end, the whole merged
/// listing. Reads take no lock; two threads that learn the same thing at once both compute it, one keeps it.
/// </summary>
internal sealed class LowerDirectory
{
    /// <summary>Misses remembered per directory; past it, a miss is worked out again each time rather than kept.</summary>
    private const int MaxRememberedMisses = 4096;

    private readonly LowerIndex _index;
    private ConcurrentDictionary<string, LowerChild>? _children;
    private MergeStack? _asStack;
    private MergedEntry[]? _listing;
    private int _misses;

    public LowerDirectory(LowerIndex index, LayerDir[] stack)
    {
        _index = index;
        Stack = stack;
    }

    /// <summary>The lower directories merged here, topmost first.</summary>
    public LayerDir[] Stack { get; }

    /// <summary>This directory as the merge stack of a directory no upper holds.</summary>
    public MergeStack AsStack => _asStack ??= new MergeStack(null, this);

    /// <summary>The whole merged listing, once one enumeration has run to its end; else null.</summary>
    public MergedEntry[]? Listing => Volatile.Read(ref _listing);

    /// <summary>What the lowers show for <paramref name="name"/> in this directory.</summary>
    public LowerChild Child(ReadOnlySpan<char> name)
    {
        var children = _children ?? Interlocked.CompareExchange(ref _children, new(1, 7, StringComparer.Ordinal), null) ?? _children;
        if (children.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(name, out var known)) return known;
        var key = name.ToString();
        var found = _index.Find(Stack, key);
        if (found.Entry is null && Interlocked.Increment(ref _misses) > MaxRememberedMisses) return found;
        return children.GetOrAdd(key, found);
    }

    /// <summary>Keeps a complete listing taken from the branches.</summary>
    public void RememberListing(MergedEntry[] listing) => Volatile.Write(ref _listing, listing);
}
