using System.Runtime.CompilerServices;

namespace UnionFs.Engine;

/// <summary>
/// The one <see cref="LowerIndex"/> of a set of lowers, shared by every union over the same lower branches in
/// the same order: a thousand test fixtures over one base layer learn it once and hold it once. Refreshing it
/// (a lower changed) refreshes it for all of them, as the change is underneath all of them.
/// </summary>
internal sealed class SharedLowerIndex
{
    // Keyed by the topmost lower, so the registry keeps nothing alive that its lowers do not.
    private static readonly ConditionalWeakTable<IBranch, List<SharedLowerIndex>> ByTopLower = new();

    private readonly IBranch?[] _branches;
    private readonly int _firstLower;
    private LowerIndex _current;

    private SharedLowerIndex(IBranch?[] branches, int firstLower)
    {
        _branches = branches;
        _firstLower = firstLower;
        _current = new LowerIndex(branches, firstLower);
    }

    /// <summary>The index as it stands.</summary>
    public LowerIndex Current => Volatile.Read(ref _current);

    /// <summary>Forgets everything learnt: a lower changed.</summary>
    public void Refresh() => Volatile.Write(ref _current, new LowerIndex(_branches, _firstLower));

    /// <summary>The shared index of the lowers of <paramref name="layers"/>, made on first use.</summary>
    public static SharedLowerIndex For(LayerStack layers)
    {
        var first = layers.FirstLower;
        // The upper's slot stays empty: the shared index must not hold one union's upper.
        var branches = new IBranch?[layers.Branches.Length];
        Array.Copy(layers.Branches, first, branches, first, branches.Length - first);
        if (branches.Length == first) return new SharedLowerIndex(branches, first);

        var candidates = ByTopLower.GetValue(branches[first]!, static _ => []);
        lock (candidates)
        {
            foreach (var candidate in candidates)
            {
                if (candidate._firstLower != first || !candidate._branches.AsSpan(first).SequenceEqual(branches.AsSpan(first))) continue;
                // A memory lower written since (a fixture built up between two unions) makes the new union start afresh.
                if (!candidate.Current.IsCurrent) candidate.Refresh();
                return candidate;
            }
            var made = new SharedLowerIndex(branches, first);
            candidates.Add(made);
            return made;
        }
    }
}
