namespace UnionFs.Engine;

/// <summary>What <see cref="Lookup.LookupChild(MergeStack, string)"/> found for one name.</summary>
/// <remarks>
/// Four fields, no more: the JIT keeps a struct of up to four fields in registers where a walk inlines the lookup.
/// A fifth made it a block in memory, built field by field and then copied with one wide load, which the processor
/// cannot forward from the narrower stores (a stall on every walk).
/// </remarks>
internal readonly struct ChildLookup
{
    // A merge stack (MergeStack.None for what is not a directory) or a memory upper's file node: never both.
    private readonly object? _below;

    /// <summary>An entry that is a directory (with its merge <paramref name="stack"/>) or any other kind (<see cref="MergeStack.None"/>).</summary>
    public ChildLookup(BranchEntry? entry, int layer, string? branchPath, MergeStack stack)
    {
        Entry = entry;
        Layer = layer;
        BranchPath = branchPath;
        _below = stack;
    }

    /// <summary>A regular file of a memory upper, whose node the walk found (<paramref name="upperFile"/>).</summary>
    public ChildLookup(BranchEntry entry, int layer, string branchPath, MemoryNode? upperFile)
    {
        Entry = entry;
        Layer = layer;
        BranchPath = branchPath;
        _below = upperFile;
    }

    /// <summary>The topmost visible entry, or null when the name is absent.</summary>
    public BranchEntry? Entry { get; }

    /// <summary>The layer of <see cref="Entry"/>; for an absent name, the layer of the whiteout hiding it, else -1.</summary>
    public int Layer { get; }

    public string? BranchPath { get; }

    /// <summary>For a directory: its merge stack; <see cref="MergeStack.None"/> otherwise.</summary>
    public MergeStack Stack => _below as MergeStack ?? MergeStack.None;

    /// <summary>
    /// The node of a regular file the walk found in a memory upper: a whole-file read takes its bytes from it without
    /// a second walk of the branch. Null otherwise.
    /// </summary>
    public MemoryNode? UpperFile => _below as MemoryNode;

    public static ChildLookup Absent(int whiteoutLayer) => new(null, whiteoutLayer, null, MergeStack.None);

    public UnionNode ToNode(string path, MergeStack parentStack) =>
        UnionNode.Present(path, parentStack, Entry!, Layer, BranchPath!, Stack);
}
