using UnionFs.Engine;
using UnionFs.Sandbox;

namespace UnionFs;

/// <summary>The sandbox workflow: drop every change at once, mark a state and roll back to it.</summary>
public sealed partial class UnionFileSystem
{
    // Made at the first checkpoint (under the write lock, as every use): most unions never take one.
    private CheckpointChain? _checkpointChain;

    private CheckpointChain Checkpoints => _checkpointChain ??= new CheckpointChain();

    /// <summary>
    /// Drops every change: the upper branch is emptied (whiteouts and opaque markers included), so the union shows
    /// its lowers again. Works for any upper: a <see cref="MemoryBranch"/> swaps in an empty tree in one step, a
    /// <see cref="DirectoryBranch"/> removes every entry under its root, another branch has its entries removed.
    /// Streams open on upper files keep working on their own data (for a <see cref="MemoryBranch"/> upper, which
    /// detaches it; on disk, as an unlinked file does), but what they write no longer shows in the union.
    /// Checkpoints stay valid: rolling back to one brings its changes back.
    /// </summary>
    /// <exception cref="IOException">The union is read-only (HResult 0x1E, read-only file system).</exception>
    public void Discard()
    {
        lock (Engine.WriteGate)
        {
            DiscardUpper(WritableUpper());
        }
    }

    /// <summary>
    /// Marks the current state of the union, for <see cref="Rollback"/>. Cheap: the upper's tree is copied with its
    /// file data shared (copy-on-write), so it costs a step per entry whatever the files' sizes.
    /// </summary>
    /// <returns>The mark; it stays valid until a rollback to an older mark of this union.</returns>
    /// <exception cref="IOException">The union is read-only (HResult 0x1E): it has no changes to mark or roll back.</exception>
    /// <exception cref="NotSupportedException">The upper is not a <see cref="MemoryBranch"/>: only a memory tree can be copied without copying bytes.</exception>
    public UnionCheckpoint Checkpoint()
    {
        lock (Engine.WriteGate)
        {
            return Checkpoints.Mark(MemoryUpper().TakeSnapshot());
        }
    }

    /// <summary>
    /// Brings the union back to the state <paramref name="checkpoint"/> marked. Every mark made after it becomes
    /// invalid; the mark itself stays valid, so the union can be rolled back to it again. Cheap: no file content is
    /// copied. Streams open on upper files keep working on their own, now detached, data.
    /// </summary>
    /// <param name="checkpoint">A valid mark made by this union's <see cref="Checkpoint"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="checkpoint"/> is null.</exception>
    /// <exception cref="IOException">The union is read-only (HResult 0x1E).</exception>
    /// <exception cref="ArgumentException"><paramref name="checkpoint"/> was made by another union.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="checkpoint"/> is no longer valid: the union was rolled back to an older mark since.</exception>
    public void Rollback(UnionCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        lock (Engine.WriteGate)
        {
            var upper = MemoryUpper();
            var snapshot = Checkpoints.SnapshotOf(checkpoint);
            var wasOpaque = IsUpperRootOpaque(upper);
            upper.Restore(snapshot);
            Checkpoints.TruncateAfter(checkpoint);
            if (IsUpperRootOpaque(upper) != wasOpaque) Engine.Lookup.ForgetLowers();
        }
    }

    /// <summary>Empties <paramref name="upper"/>; the caller holds the write lock.</summary>
    private void DiscardUpper(IBranch upper)
    {
        var wasOpaque = IsUpperRootOpaque(upper);
        UpperReset.Clear(upper);
        // The lowers' index reads the upper root's opacity once; it has to see the new one.
        if (wasOpaque) Engine.Lookup.ForgetLowers();
    }

    private IBranch WritableUpper() => Engine.Layers.Upper ?? throw UnionErrors.ReadOnly(BranchPath.Root);

    private MemoryBranch MemoryUpper() => WritableUpper() as MemoryBranch ?? throw new NotSupportedException(
        "Checkpoints need a MemoryBranch upper: only a memory tree can be marked and restored without copying file contents. Discard works for any upper.");

    private static bool IsUpperRootOpaque(IBranch upper) => upper.Stat(BranchPath.Root)?.IsOpaque == true;
}
