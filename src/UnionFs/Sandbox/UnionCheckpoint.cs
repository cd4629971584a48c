using UnionFs.Sandbox;

namespace UnionFs;

/// <summary>
/// A mark of the state of a union's upper branch, made by <see cref="UnionFileSystem.Checkpoint"/>;
/// <see cref="UnionFileSystem.Rollback"/> brings the union back to it. Marks nest: rolling back to one makes
/// every mark made after it invalid, and the mark itself stays valid, so it can be rolled back to again.
/// A mark keeps a copy of the upper's tree (its file data shared, not copied) for as long as it is referenced.
/// </summary>
public sealed class UnionCheckpoint
{
    internal UnionCheckpoint(CheckpointChain chain, MemoryBranchSnapshot snapshot, long number)
    {
        Chain = chain;
        Snapshot = snapshot;
        Number = number;
    }

    /// <summary>
    /// True until a rollback to an older mark of the same union discards it; rolling back to an invalid mark
    /// throws <see cref="InvalidOperationException"/>.
    /// </summary>
    public bool IsValid => Chain.IsValid(Number);

    /// <summary>The position of this mark among the marks of its union: 1 for the first, then 2, 3...</summary>
    public long Number { get; }

    /// <summary>The bookkeeping of the union that made this mark.</summary>
    internal CheckpointChain Chain { get; }

    /// <summary>The upper branch as it was.</summary>
    internal MemoryBranchSnapshot Snapshot { get; }

    /// <inheritdoc />
    public override string ToString() => $"checkpoint #{Number}{(IsValid ? string.Empty : " (invalid)")}";
}
