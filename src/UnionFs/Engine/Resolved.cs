namespace UnionFs.Engine;

/// <summary>
/// What a walk found for its last name, as a value: the root's node, the lowers' record of the name (which keeps the
/// node of its path), or the parts of one (<see cref="ToNode"/> makes it when a caller keeps it). A ref struct, so that
/// the walk writes it into its caller's frame with no write barrier: it lives on the stack only.
/// </summary>
internal ref struct Resolved
{
    // The node the walk had, or the parts of one (with the lowers' record when the name is the lowers' alone).
    private UnionNode? _node;
    private string? _path;
    private MergeStack? _parentStack;
    private BranchEntry? _entry;
    private string? _branchPath;
    private MergeStack? _stack;
    private MemoryNode? _upperFile;
    private LowerChild? _lower;
    private int _layer;

    /// <summary>Keeps the node the walk had (the other fields are left as they are: default).</summary>
    public void SetNode(UnionNode node) => _node = node;

    /// <summary>
    /// Keeps what the lowers alone show for the name, <paramref name="child"/> in the directory whose stack is
    /// <paramref name="parentStack"/>: read from the lowers' own record, which keeps the node of its path, so a caller
    /// that only reads (an exists check, a whole-file read) does not reach that node at all.
    /// </summary>
    public void SetLower(string path, MergeStack parentStack, LowerChild child)
    {
        _path = path;
        _parentStack = parentStack;
        _lower = child;
        _entry = child.Entry;
        _layer = child.Layer;
        _branchPath = child.BranchPath;
    }

    /// <summary>Keeps the parts of a node: its path, its parent's stack and what the lookup of its name found.</summary>
    public void SetParts(string path, MergeStack parentStack, ChildLookup child)
    {
        _path = path;
        _parentStack = parentStack;
        _entry = child.Entry;
        _layer = child.Layer;
        _branchPath = child.BranchPath;
        _stack = child.Stack;
        _upperFile = child.UpperFile;
    }

    /// <inheritdoc cref="UnionNode.Path"/>
    public readonly string Path => _node is { } node ? node.Path : _path!;

    /// <inheritdoc cref="UnionNode.ParentStack"/>
    public readonly MergeStack ParentStack => _node is { } node ? node.ParentStack : _parentStack!;

    /// <inheritdoc cref="UnionNode.Entry"/>
    public readonly BranchEntry? Entry => _node is { } node ? node.Entry : _entry;

    /// <inheritdoc cref="UnionNode.Layer"/>
    public readonly int Layer => _node is { } node ? node.Layer : _layer;

    /// <inheritdoc cref="UnionNode.BranchPath"/>
    public readonly string? BranchPath => _node is { } node ? node.BranchPath : _branchPath;

    /// <inheritdoc cref="ChildLookup.UpperFile"/>
    public readonly MemoryNode? UpperFile => _node is null ? _upperFile : null;

    /// <inheritdoc cref="UnionNode.Exists"/>
    public readonly bool Exists => Entry is not null;

    /// <inheritdoc cref="UnionNode.IsDirectory"/>
    public readonly bool IsDirectory => Entry?.Kind == EntryKind.Directory;

    /// <summary>The node: the one the walk had, the one the lowers' record keeps, or a new one.</summary>
    public readonly UnionNode ToNode() =>
        _node ?? _lower?.NodeFor(_path!, _parentStack!)
        ?? (_entry is null ? UnionNode.Absent(_path!, _parentStack!, _layer) : UnionNode.Present(_path!, _parentStack!, _entry, _layer, _branchPath!, _stack!));
}
