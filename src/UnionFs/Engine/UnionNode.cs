namespace UnionFs.Engine;

/// <summary>
/// The result of a lookup: one name of the merged view, with where it comes from. Like a dentry, it is a
/// snapshot; writers look up again under the union's write lock before they change anything.
/// </summary>
internal sealed class UnionNode
{
    private UnionNode(string path, MergeStack parentStack, BranchEntry? entry, int layer, string? branchPath, MergeStack stack)
    {
        Path = path;
        ParentStack = parentStack;
        Entry = entry;
        Layer = layer;
        BranchPath = branchPath;
        Stack = stack;
    }

    /// <summary>The union path, with every symbolic link before the last segment resolved.</summary>
    public string Path { get; }

    /// <summary>The merge stack of the parent directory (<see cref="MergeStack.None"/> for the root).</summary>
    public MergeStack ParentStack { get; }

    /// <summary>The topmost visible entry, or null when the name is absent (or whited out).</summary>
    public BranchEntry? Entry { get; }

    /// <summary>The layer that holds <see cref="Entry"/>; for an absent name, the layer of the whiteout hiding it, else -1.</summary>
    public int Layer { get; }

    /// <summary>The path of <see cref="Entry"/> inside its branch.</summary>
    public string? BranchPath { get; }

    /// <summary>For a directory, its merge stack; <see cref="MergeStack.None"/> otherwise.</summary>
    public MergeStack Stack { get; }

    /// <summary>True when the name is visible.</summary>
    public bool Exists => Entry is not null;

    /// <summary>True for a visible directory.</summary>
    public bool IsDirectory => Entry?.Kind == EntryKind.Directory;

    /// <summary>True for a visible symbolic link.</summary>
    public bool IsSymbolicLink => Entry?.Kind == EntryKind.SymbolicLink;

    /// <summary>True for a visible regular file.</summary>
    public bool IsFile => Entry?.Kind == EntryKind.File;

    /// <summary>The last segment of <see cref="Path"/>.</summary>
    public string Name => UnionFs.BranchPath.GetName(Path);

    public static UnionNode Present(string path, MergeStack parentStack, BranchEntry entry, int layer, string branchPath, MergeStack stack) =>
        new(path, parentStack, entry, layer, branchPath, stack);

    public static UnionNode Absent(string path, MergeStack parentStack, int whiteoutLayer) =>
        new(path, parentStack, null, whiteoutLayer, null, MergeStack.None);
}
