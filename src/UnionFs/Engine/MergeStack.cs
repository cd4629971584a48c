namespace UnionFs.Engine;

/// <summary>
/// Where a merged directory lives: its copy in the upper branch (when the upper has it and takes part in the
/// merge) and the directories of the lower branches it merges with. The lower part is a node of the
/// <see cref="LowerIndex"/>, so looking a name up below costs one dictionary probe however many lowers there are.
/// </summary>
internal sealed class MergeStack
{
    /// <summary>The stack of no directory: the parent of the union root.</summary>
    public static readonly MergeStack None = new(null, null);

    public MergeStack(LayerDir? upper, LowerDirectory? lowers)
    {
        Upper = upper;
        Lowers = lowers;
    }

    /// <summary>The directory's copy in the upper branch, or null when only lowers have it.</summary>
    public LayerDir? Upper { get; }

    /// <summary>The lower directories it merges with, or null when none (an opaque or purely upper directory).</summary>
    public LowerDirectory? Lowers { get; }

    /// <summary>How many branch directories take part.</summary>
    public int Length => (Upper is null ? 0 : 1) + (Lowers?.Stack.Length ?? 0);

    /// <summary>The topmost branch directory.</summary>
    public LayerDir Top => Upper ?? Lowers!.Stack[0];
}
