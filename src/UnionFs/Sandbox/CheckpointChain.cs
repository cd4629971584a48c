namespace UnionFs.Sandbox;

/// <summary>
/// Which checkpoints of one union are still valid. Marks are numbered 1, 2, 3... in the order they are made;
/// rolling back to mark <c>n</c> when <c>m</c> marks exist invalidates the numbers <c>n+1..m</c>. Only those
/// ranges are kept, never the marks themselves, so a mark the caller lets go of is freed with its snapshot.
/// Writers hold the union's write lock; readers (<see cref="IsValid"/>) take none.
/// </summary>
internal sealed class CheckpointChain
{
    private long _count;

    // Disjoint ranges of invalid numbers, ascending; replaced as a whole, so readers see one or the other.
    private volatile InvalidRange[] _invalid = [];

    /// <summary>A new mark holding <paramref name="snapshot"/>, numbered after every earlier one.</summary>
    public UnionCheckpoint Mark(MemoryBranchSnapshot snapshot) => new(this, snapshot, ++_count);

    /// <summary>True unless a rollback to an older mark invalidated mark <paramref name="number"/>.</summary>
    public bool IsValid(long number)
    {
        foreach (var range in _invalid)
        {
            if (number > range.After && number <= range.Through) return false;
        }
        return true;
    }

    /// <summary>The snapshot of <paramref name="checkpoint"/>, after checking that it is a valid mark of this union.</summary>
    public MemoryBranchSnapshot SnapshotOf(UnionCheckpoint checkpoint)
    {
        if (!ReferenceEquals(checkpoint.Chain, this)) throw new ArgumentException($"{checkpoint} was made by another union.", nameof(checkpoint));
        if (!IsValid(checkpoint.Number))
            throw new InvalidOperationException(
                $"{checkpoint} is no longer valid: the union was rolled back to an older checkpoint, which discards every checkpoint made after it.");
        return checkpoint.Snapshot;
    }

    /// <summary>Makes <paramref name="checkpoint"/> (valid, of this union) the newest: every mark made after it becomes invalid.</summary>
    public void TruncateAfter(UnionCheckpoint checkpoint)
    {
        var number = checkpoint.Number;
        if (number == _count) return;
        // A valid mark lies in no range, so each earlier range lies wholly below it or wholly inside the new one.
        _invalid = [.. _invalid.Where(range => range.Through <= number), new InvalidRange(number, _count)];
    }

    /// <summary>The invalid numbers <c>After+1..Through</c>.</summary>
    private readonly record struct InvalidRange(long After, long Through);
}
