namespace UnionFs.Engine;

/// <summary>One visible entry of a merged listing and the layer it comes from.</summary>
internal readonly record struct MergedEntry(BranchEntry Entry, int Layer);

/// <summary>
/// The merged listing (overlayfs's readdir.c): every name once, the topmost entry deciding what it is,
/// whiteouts and the names they hide left out. Each branch lists in ordinal order, so the merge streams:
/// the first entry comes before the last branch is read to its end, and the order is deterministic.
/// The lowers' part is merged once and kept by their <see cref="LowerDirectory"/>; after that a listing is
/// the upper's entries merged with one array, however many lowers there are.
/// </summary>
internal sealed class MergedReaddir
{
    private readonly LayerStack _layers;

    public MergedReaddir(LayerStack layers) => _layers = layers;

    /// <summary>The visible entries of the merged directory with merge stack <paramref name="stack"/>, by ordinal name.</summary>
    public IEnumerable<MergedEntry> Read(MergeStack stack)
    {
        var lowers = stack.Lowers;
        if (stack.Upper is not { } upper) return lowers is null ? [] : ReadLowers(lowers);
        var upperBranch = _layers.Branches[upper.Layer];
        // A directory only a memory upper holds (a fixture's whole tree): its sorted children, read in one pass.
        if (lowers is null && upperBranch is MemoryBranch memory) return new MemoryListing(memory.SortedChildren(upper.BranchPath, stack.UpperNode, stack.UpperUnlinks), upper.Layer);
        var upperEntries = upperBranch.List(upper.BranchPath);
        if (lowers is null) return WithoutWhiteouts(upperEntries, upper.Layer);
        var lowerEntries = ReadLowers(lowers);
        // The lowers' listing is usually an array kept from an earlier listing: merge by index, not through enumerators.
        return lowerEntries is MergedEntry[] array ? MergeUpper(upperEntries, upper.Layer, array) : MergeUpper(upperEntries, upper.Layer, lowerEntries);
    }

    /// <summary>True when the merged directory shows no entry (entries that are all whited out count as none).</summary>
    public bool IsEmpty(MergeStack stack)
    {
        using var entries = Read(stack).GetEnumerator();
        return !entries.MoveNext();
    }

    /// <summary>
    /// A memory branch's sorted children as merged entries, whiteouts left out: one object and one call per entry,
    /// where a branch listing under a filter would be two of each.
    /// </summary>
    private sealed class MemoryListing(MemoryNode[] children, int layer) : IEnumerable<MergedEntry>, IEnumerator<MergedEntry>
    {
        private int _next = -1;
        private int _handedOut;

        public MergedEntry Current { get; private set; }

        object System.Collections.IEnumerator.Current => Current;

        public IEnumerator<MergedEntry> GetEnumerator() =>
            // The first enumerator is the listing itself (as an iterator method's is); any other starts afresh.
            Interlocked.Exchange(ref _handedOut, 1) == 0 ? this : new MemoryListing(children, layer) { _handedOut = 1 };

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public bool MoveNext()
        {
            while (++_next < children.Length)
            {
                var entry = children[_next].Entry;
                if (entry.Kind == EntryKind.Whiteout) continue;
                Current = new MergedEntry(entry, layer);
                return true;
            }
            _next = children.Length;
            return false;
        }

        public void Reset() => throw new NotSupportedException();

        public void Dispose()
        {
        }
    }

    private static IEnumerable<MergedEntry> WithoutWhiteouts(IEnumerable<BranchEntry> entries, int layer)
    {
        foreach (var entry in entries)
            if (entry.Kind != EntryKind.Whiteout) yield return new MergedEntry(entry, layer);
    }

    /// <summary>The upper's listing over the lowers' merged one: an upper name hides the same lower name, whiteout or not.</summary>
    private static IEnumerable<MergedEntry> MergeUpper(IEnumerable<BranchEntry> upperEntries, int upperLayer, IEnumerable<MergedEntry> lowerEntries)
    {
        using var upper = upperEntries.GetEnumerator();
        using var lower = lowerEntries.GetEnumerator();
        var hasUpper = upper.MoveNext();
        var hasLower = lower.MoveNext();
        while (hasUpper || hasLower)
        {
            var order = !hasUpper ? 1 : !hasLower ? -1 : string.CompareOrdinal(upper.Current.Name, lower.Current.Entry.Name);
            if (order > 0)
            {
                yield return lower.Current;
                hasLower = lower.MoveNext();
                continue;
            }
            if (upper.Current.Kind != EntryKind.Whiteout) yield return new MergedEntry(upper.Current, upperLayer);
            hasUpper = upper.MoveNext();
            if (order == 0) hasLower = lower.MoveNext();
        }
    }

    /// <summary>As <see cref="MergeUpper(IEnumerable{BranchEntry}, int, IEnumerable{MergedEntry})"/>, over the lowers' kept array.</summary>
    private static IEnumerable<MergedEntry> MergeUpper(IEnumerable<BranchEntry> upperEntries, int upperLayer, MergedEntry[] lowerEntries)
    {
        using var upper = upperEntries.GetEnumerator();
        var hasUpper = upper.MoveNext();
        var next = 0;
        while (hasUpper)
        {
            var current = upper.Current;
            // The lower names before the upper's current one come as they are.
            while (next < lowerEntries.Length && string.CompareOrdinal(lowerEntries[next].Entry.Name, current.Name) < 0)
                yield return lowerEntries[next++];
            if (next < lowerEntries.Length && string.Equals(lowerEntries[next].Entry.Name, current.Name, StringComparison.Ordinal)) next++;
            if (current.Kind != EntryKind.Whiteout) yield return new MergedEntry(current, upperLayer);
            hasUpper = upper.MoveNext();
        }
        while (next < lowerEntries.Length) yield return lowerEntries[next++];
    }

    /// <summary>The lowers' merged listing: kept from an earlier complete listing, else merged now and kept when complete.</summary>
    private IEnumerable<MergedEntry> ReadLowers(LowerDirectory lowers) =>
        lowers.Listing ?? (lowers.Stack.Length == 1 ? ListAndRemember(lowers) : MergeAndRemember(lowers));

    /// <summary>
    /// One layer: nothing to merge, so its listing is taken whole and kept before the first entry is handed out
    /// (a walk that enters a listed directory then finds it in the listing, without asking the branch again).
    /// </summary>
    private MergedEntry[] ListAndRemember(LowerDirectory lowers)
    {
        var only = lowers.Stack[0];
        var entries = _layers.Branches[only.Layer].List(only.BranchPath);
        MergedEntry[] array;
        if (entries is IReadOnlyList<BranchEntry> list)
        {
            // A listing the branch holds whole already: one array of the right size, no growing copies.
            array = new MergedEntry[list.Count];
            var count = 0;
            for (var i = 0; i < list.Count; i++)
                if (list[i].Kind != EntryKind.Whiteout) array[count++] = new MergedEntry(list[i], only.Layer);
            if (count != array.Length) Array.Resize(ref array, count);
        }
        else
        {
            var listing = new List<MergedEntry>();
            foreach (var entry in entries)
                if (entry.Kind != EntryKind.Whiteout) listing.Add(new MergedEntry(entry, only.Layer));
            array = listing.ToArray();
        }
        lowers.RememberListing(array);
        return array;
    }

    private IEnumerable<MergedEntry> MergeAndRemember(LowerDirectory lowers)
    {
        var seen = new List<MergedEntry>();
        foreach (var entry in MergeLayers(lowers.Stack))
        {
            seen.Add(entry);
            yield return entry;
        }
        lowers.RememberListing([.. seen]);
    }

    /// <summary>A k-way merge of the listings of <paramref name="stack"/>'s directories, streaming.</summary>
    private IEnumerable<MergedEntry> MergeLayers(LayerDir[] stack)
    {
        if (stack.Length == 1)
        {
            // One layer: nothing to merge, only whiteouts to drop.
            var only = stack[0];
            foreach (var entry in WithoutWhiteouts(_layers.Branches[only.Layer].List(only.BranchPath), only.Layer))
                yield return entry;
            yield break;
        }

        var heads = new IEnumerator<BranchEntry>?[stack.Length];
        try
        {
            for (var i = 0; i < stack.Length; i++)
            {
                var enumerator = _layers.Branches[stack[i].Layer].List(stack[i].BranchPath).GetEnumerator();
                heads[i] = enumerator.MoveNext() ? enumerator : Close(enumerator);
            }

            while (true)
            {
                var winner = -1;
                for (var i = 0; i < heads.Length; i++)
                {
                    if (heads[i] is null) continue;
                    if (winner < 0 || string.CompareOrdinal(heads[i]!.Current.Name, heads[winner]!.Current.Name) < 0) winner = i;
                }
                if (winner < 0) yield break;

                var top = heads[winner]!.Current;
                for (var i = winner; i < heads.Length; i++)
                {
                    if (heads[i] is { } head && string.Equals(head.Current.Name, top.Name, StringComparison.Ordinal))
                        heads[i] = head.MoveNext() ? head : Close(head);
                }
                if (top.Kind != EntryKind.Whiteout) yield return new MergedEntry(top, stack[winner].Layer);
            }
        }
        finally
        {
            foreach (var head in heads) head?.Dispose();
        }
    }

    private static IEnumerator<BranchEntry>? Close(IEnumerator<BranchEntry> enumerator)
    {
        enumerator.Dispose();
        return null;
    }
}
