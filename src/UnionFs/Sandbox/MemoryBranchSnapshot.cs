namespace UnionFs.Sandbox;

/// <summary>
/// A frozen copy of a <see cref="MemoryBranch"/> tree, taken by <see cref="MemoryBranch.TakeSnapshot"/>. Nothing
/// writes to it: restoring copies it again, so one snapshot can be restored any number of times.
/// </summary>
internal sealed class MemoryBranchSnapshot
{
    public MemoryBranchSnapshot(MemoryNode root) => Root = root;

    /// <summary>The copied root directory.</summary>
    public MemoryNode Root { get; }
}
