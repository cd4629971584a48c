namespace UnionFs.Engine;

/// <summary>What <see cref="Lookup.LookupChild(MergeStack, string)"/> found for one name.</summary>
internal readonly struct ChildLookup
{
    public ChildLookup(BranchEntry? entry, int layer, string? branchPath, MergeStack stack)
    {
        Entry = entry;
        Layer = layer;
        BranchPath = branchPath;
        Stack = stack;
    }

    /// <summary>The topmost visible entry, or null when the name is absent.</summary>
    public BranchEntry? Entry { get; }

    /// <summary>The layer of <see cref="Entry"/>; for an absent name, the layer of the whiteout hiding it, else -1.</summary>
    public int Layer { get; }

    public string? BranchPath { get; }

    /// <summary>For a directory: its merge stack; <see cref="MergeStack.None"/> otherwise.</summary>
    public MergeStack Stack { get; }

    /// <summary>
    /// The node of a regular file the walk found in a memory upper: a whole-file read takes its bytes from it without
    /// a second walk of the branch. Null otherwise.
    /// </summary>
    public MemoryNode? UpperFile { get; init; }

    public static ChildLookup Absent(int whiteoutLayer) => new(null, whiteoutLayer, null, MergeStack.None);

    public UnionNode ToNode(string path, MergeStack parentStack) =>
        UnionNode.Present(path, parentStack, Entry!, Layer, BranchPath!, Stack);
}
