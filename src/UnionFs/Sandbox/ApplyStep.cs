using UnionFs.Engine;

namespace UnionFs.Sandbox;

/// <summary>
/// One changed path of an apply, with its three states: the base (what the lowers show there, the state the
/// union changed), the new state (what the merged view shows), and, read later, the target's.
/// </summary>
internal sealed class ApplyStep
{
    public ApplyStep(UnionChange change, LowerChild @base, BranchEntry? baseListed, UnionNode? @new)
    {
        Change = change;
        Base = @base;
        BaseListed = baseListed;
        New = @new;
    }

    public UnionChange Change { get; }

    public string Path => Change.Path;

    /// <summary>What the lowers alone show at the path; its entry is null when they show nothing.</summary>
    public LowerChild Base { get; }

    /// <summary>The base's entry in a listing of its parent the union kept, if any (see <see cref="LowerView.Listed"/>).</summary>
    public BranchEntry? BaseListed { get; }

    /// <summary>What the merged view shows at the path (a final link not followed); null when nothing.</summary>
    public UnionNode? New { get; }

    /// <summary>The kind of <see cref="New"/>; null when the union shows nothing there.</summary>
    public EntryKind? NewKind => New?.Entry?.Kind;

    /// <summary>Builds the steps for every change of the union, in path order (so parents come first).</summary>
    public static List<ApplyStep> Plan(UnionEngine engine)
    {
        var steps = new List<ApplyStep>();
        foreach (var change in engine.Changes.List())
        {
            UnionNode? node = null;
            if (change.Kind != ChangeKind.Deleted
                && engine.Lookup.TryResolve(change.Path, followFinal: false, out var resolved) == Errno.None
                && resolved!.Exists)
                node = resolved;
            steps.Add(new ApplyStep(change, LowerView.Find(engine, change.Path), LowerView.Listed(engine, change.Path), node));
        }
        return steps;
    }

    /// <summary>Opens the new content of a file step.</summary>
    public Stream OpenNew(UnionEngine engine) => engine.Layers.Branches[New!.Layer].OpenRead(New.BranchPath!);
}
