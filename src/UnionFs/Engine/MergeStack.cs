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

    /// <summary>
    /// A stack whose upper directory is <paramref name="upperNode"/> of a memory upper, found while the branch's
    /// unlink count was <paramref name="upperUnlinks"/>: a name in it is then looked up in that node's table, with no
    /// search of the path in the branch, for as long as no entry has left the branch since.
    /// </summary>
    public MergeStack(LayerDir upper, LowerDirectory? lowers, MemoryNode upperNode, long upperUnlinks)
        : this(upper, lowers)
    {
        UpperNode = upperNode;
        UpperUnlinks = upperUnlinks;
    }

    /// <summary>The directory's copy in the upper branch, or null when only lowers have it.</summary>
    public LayerDir? Upper { get; }

    /// <summary>The lower directories it merges with, or null when none (an opaque or purely upper directory).</summary>
    public LowerDirectory? Lowers { get; }

    /// <summary>The memory upper's node of <see cref="Upper"/>, when the lookup that made the stack found one (see <see cref="UpperUnlinks"/>).</summary>
    public MemoryNode? UpperNode { get; }

    /// <summary>The memory upper's unlink count when <see cref="UpperNode"/> was found: the node is still at its path while the count is the same.</summary>
    public long UpperUnlinks { get; }

    /// <summary>How many branch directories take part.</summary>
    public int Length => (Upper is null ? 0 : 1) + (Lowers?.Stack.Length ?? 0);

    /// <summary>The topmost branch directory.</summary>
    public LayerDir Top => Upper ?? Lowers!.Stack[0];
}
