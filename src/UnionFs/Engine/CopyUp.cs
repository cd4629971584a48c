namespace UnionFs.Engine;

/// <summary>
/// Copy-up (overlayfs's copy_up.c): before a lower object changes, it is copied into the upper branch
/// with its metadata, parents first. The upper branch makes each copy atomic (<see cref="IBranch.CreateFile"/>),
/// so a failure leaves the lower object visible, never a partial copy. Callers hold the write lock.
/// </summary>
internal sealed class CopyUp
{
    private readonly UnionEngine _engine;
    private readonly LayerStack _layers;
    private readonly Lookup _lookup;

    public CopyUp(UnionEngine engine)
    {
        _engine = engine;
        _layers = engine.Layers;
        _lookup = engine.Lookup;
    }

    private IBranch Upper => _layers.Upper!;

    /// <summary>
    /// Makes sure the parent of <paramref name="path"/>, a name about to be made, exists in the upper branch, and gives
    /// the parent's path. A parent whose merge stack (<paramref name="parentStack"/>, from a walk under the write lock)
    /// has an upper directory is there already: no copy-up to check.
    /// </summary>
    public string EnsureParent(string path, MergeStack parentStack)
    {
        return parentStack.Upper?.BranchPath ?? CopyUpParent(path);
    }

    // Out of line: the writes that call EnsureParent mostly find the parent in the upper already.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private string CopyUpParent(string path)
    {
        var parent = BranchPath.GetParent(path)!;
        EnsureDirectory(parent);
        return parent;
    }

    /// <summary>
    /// Makes sure the visible directory at <paramref name="path"/> (resolved) exists in the upper branch, copying up
    /// each missing ancestor from the top. The walk goes down once, each directory looked up from its parent's merge
    /// stack, so a chain of any depth costs a step per directory and no recursion.
    /// </summary>
    public void EnsureDirectory(string path)
    {
        if (Upper.Stat(path)?.Kind == EntryKind.Directory) return;
        var stack = _lookup.Root().Stack;
        var segments = BranchPath.Segments(path);
        while (segments.MoveNext())
        {
            var prefix = path[..segments.Current.End.Value];
            var name = path[segments.Current];
            stack = EnsureChildDirectory(stack, name, prefix).Stack;
        }
    }

    /// <summary>
    /// Makes sure the visible directory <paramref name="name"/> of the merged directory <paramref name="parent"/>
    /// (already in the upper) is in the upper branch at <paramref name="path"/>, copying it up (without its contents)
    /// when it is not; returns its lookup. One step, for walks that go down a level at a time.
    /// </summary>
    public ChildLookup EnsureChildDirectory(MergeStack parent, string name, string path)
    {
        var child = _lookup.LookupChild(parent, name);
        if (child.Entry?.Kind != EntryKind.Directory) throw UnionErrors.DirectoryNotFound(path);
        if (_layers.IsUpper(child.Layer)) return child;
        // Opaqueness is never copied up: the copy merges with the lower it came from.
        Upper.CreateDirectory(path, child.Entry.Metadata, opaque: false);
        return _lookup.LookupChild(parent, name);
    }

    /// <summary>Copies the visible entry of <paramref name="node"/> into the upper branch unless it is already there.</summary>
    public void CopyUpEntry(UnionNode node)
    {
        if (_layers.IsUpper(node.Layer) || node.Entry is null) return;
        CopyTo(node, node.Path);
    }

    /// <summary>
    /// Writes a copy of the visible (non-directory) entry of <paramref name="source"/> at <paramref name="destination"/>
    /// in the upper branch, creating the destination's parents there first.
    /// </summary>
    public void CopyTo(UnionNode source, string destination)
    {
        var entry = source.Entry!;
        var parent = BranchPath.GetParent(destination);
        if (parent is not null) EnsureDirectory(parent);
        var branch = _layers.Branches[source.Layer];
        switch (entry.Kind)
        {
            case EntryKind.Directory:
                EnsureDirectory(destination);
                break;
            case EntryKind.SymbolicLink:
                Upper.CreateSymbolicLink(destination, entry.LinkTarget!, entry.Metadata);
                break;
            default:
                CopyFile(branch, source.BranchPath!, entry, destination);
                _engine.CountCopyUp();
                break;
        }
    }

    /// <summary>
    /// Copies a file's data up. A large file from a disk or image lower into a memory upper is copied lazily:
    /// the copy reads the lower file only for the chunks it is asked for, so the first write costs one chunk.
    /// </summary>
    private void CopyFile(IBranch branch, string branchPath, BranchEntry entry, string destination)
    {
        var content = branch.OpenRead(branchPath);
        if (Upper is MemoryBranch memory && branch is not MemoryBranch && entry.Length >= FileData.LazyCopyThreshold && content.CanSeek)
        {
            memory.CreateLazyCopy(destination, content, entry.Metadata);
            return;
        }
        using (content) Upper.CreateFile(destination, content, entry.Metadata);
    }
}
