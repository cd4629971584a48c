namespace UnionFs.Engine;

/// <summary>One visible entry of a merged listing and the layer it comes from.</summary>
internal readonly record struct MergedEntry(BranchEntry Entry, int Layer);

/// <summary>
/// The merged listing (overlayfs's readdir.c): every name once, the topmost entry deciding what it is,
/// whiteouts and the names they hide left out. Each branch lists in ordinal order, so the merge streams:
/// the first entry comes before the last branch is read to its end, and the order is deterministic.
/// </summary>
internal sealed class MergedReaddir
{
    private readonly LayerStack _layers;

    public MergedReaddir(LayerStack layers) => _layers = layers;

    /// <summary>The visible entries of the merged directory with merge stack <paramref name="stack"/>, by ordinal name.</summary>
    public IEnumerable<MergedEntry> Read(LayerDir[] stack)
    {
        if (stack.Length == 1)
        {
            // One layer: nothing to merge, only whiteouts to drop.
            var only = stack[0];
            foreach (var entry in _layers.Branches[only.Layer].List(only.BranchPath))
                if (entry.Kind != EntryKind.Whiteout) yield return new MergedEntry(entry, only.Layer);
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

    /// <summary>True when the merged directory shows no entry (entries that are all whited out count as none).</summary>
    public bool IsEmpty(LayerDir[] stack)
    {
        using var entries = Read(stack).GetEnumerator();
        return !entries.MoveNext();
    }

    private static IEnumerator<BranchEntry>? Close(IEnumerator<BranchEntry> enumerator)
    {
        enumerator.Dispose();
        return null;
    }
}
