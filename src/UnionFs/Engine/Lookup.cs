namespace UnionFs.Engine;

/// <summary>
/// Name lookup through the layers (overlayfs's namei.c). A name is looked up top-down; the first branch
/// that has it decides what it is. A whiteout or a non-directory stops the search; directories merge with
/// the directories below until an opaque one; a redirected directory sends the layers below it to its
/// origin path. Symbolic links are resolved inside the union: an absolute target means the union root.
/// The upper branch is asked every time; what the lowers hold comes from the <see cref="LowerIndex"/>.
/// </summary>
internal sealed partial class Lookup
{
    /// <summary>The most symbolic links one lookup follows, as Linux's MAXSYMLINKS.</summary>
    public const int MaxSymbolicLinks = 40;

    private readonly LayerStack _layers;
    private readonly SharedLowerIndex _lowers;
    private volatile RootState? _root;

    public Lookup(LayerStack layers)
    {
        _layers = layers;
        _lowers = SharedLowerIndex.For(layers);
    }

    /// <summary>What is known of the lowers, shared with every union over the same lowers.</summary>
    public LowerIndex Index => _lowers.Current;

    /// <summary>Forgets everything learnt about the lowers, for when one changed underneath the union.</summary>
    public void ForgetLowers() => _lowers.Refresh();

    /// <summary>The merge stack of the union root: the upper's root over the lowers' merged root.</summary>
    private MergeStack RootStack
    {
        get
        {
            var index = Index;
            var root = _root;
            if (root is not null && ReferenceEquals(root.Index, index)) return root.Stack;
            // The upper root's opacity is read once per index, as the kernel reads it at mount: nothing the union does changes it.
            var stack = _layers.Upper is null ? index.Root!.AsStack
                : new MergeStack(new LayerDir(0, BranchPath.Root), _layers.Upper.Stat(BranchPath.Root)?.IsOpaque == true ? null : index.Root);
            _root = new RootState(index, stack);
            return stack;
        }
    }

    /// <summary>
    /// Resolves <paramref name="path"/> (normalised). Symbolic links before the last segment are followed;
    /// the last one only when <paramref name="followFinal"/>. A missing or non-directory ancestor throws
    /// <see cref="DirectoryNotFoundException"/>, a link loop an <see cref="IOException"/> (ELOOP); a missing
    /// last segment gives an absent node.
    /// </summary>
    public UnionNode Resolve(string path, bool followFinal)
    {
        var error = TryResolve(path, followFinal, out var node);
        return error == Errno.None ? node! : throw UnionErrors.FromLookup(error, path);
    }

    /// <summary>
    /// Resolves <paramref name="path"/> (normalised) as the kernel's path walk does, without throwing: ENOENT for
    /// a missing ancestor, ENOTDIR for an ancestor that is not a directory, ELOOP after
    /// <see cref="MaxSymbolicLinks"/> links. On success <paramref name="node"/> is the last segment, present or absent.
    /// </summary>
    public Errno TryResolve(string path, bool followFinal, out UnionNode? node)
    {
        var links = 0;
        return TryResolve(path, followFinal, ref links, out node);
    }

    /// <summary>
    /// <see cref="TryResolve(string, bool, out UnionNode?)"/> for a walk that continues another: <paramref name="links"/>
    /// holds the links already followed (the kernel's limit is per walk) and counts the ones followed here.
    /// </summary>
    public Errno TryResolve(string path, bool followFinal, ref int links, out UnionNode? node)
    {
        var error = Find(path, followFinal, ref links, out var found);
        node = error == Errno.None ? found.ToNode() : null;
        return error;
    }

    /// <summary>
    /// <see cref="TryResolve(string, bool, out UnionNode?)"/> giving what the walk found as a value (default when the
    /// error is not <see cref="Errno.None"/>): a caller that only reads it (a whole-file read or write) makes no node
    /// object.
    /// </summary>
    public Errno Find(string path, bool followFinal, out Resolved found)
    {
        var links = 0;
        return Find(path, followFinal, ref links, out found);
    }

    /// <summary>As <see cref="Find(string, bool, out Resolved)"/> for a walk that continues another (see <see cref="TryResolve(string, bool, ref int, out UnionNode?)"/>).</summary>
    public Errno Find(string path, bool followFinal, scoped ref int links, out Resolved found)
    {
        while (true)
        {
            var error = Walk(path, followFinal, out var next, out found);
            if (error != Errno.None || next is null) return error;
            if (++links > MaxSymbolicLinks)
            {
                found = default;
                return Errno.ELOOP;
            }
            path = next;
        }
    }

    /// <summary>The root of the merged view.</summary>
    public UnionNode Root()
    {
        var top = _layers.Branches[0].Stat(BranchPath.Root) ?? throw new InvalidOperationException("A branch has no root directory.");
        return UnionNode.Present(BranchPath.Root, MergeStack.None, top, 0, BranchPath.Root, RootStack);
    }

    /// <summary>Looks up <paramref name="name"/> in the merged directory whose stack is <paramref name="parent"/>.</summary>
    public ChildLookup LookupChild(MergeStack parent, string name)
    {
        var upperPath = parent.Upper is { } upper ? BranchPath.Combine(upper.BranchPath, name) : string.Empty;
        return LookupChild(parent, name, upperPath, upperPath.Length, exposed: true);
    }

    /// <summary>
    /// As <see cref="LookupChild(MergeStack, string)"/> for a caller that has the child's union path,
    /// <paramref name="childPath"/>: the upper holds a directory at its union path, so that string serves as the
    /// upper's path too (a listing that enters every directory makes one string per directory, not two).
    /// </summary>
    public ChildLookup LookupChild(MergeStack parent, string name, string childPath)
    {
        System.Diagnostics.Debug.Assert(parent.Upper is not { } upper || childPath == BranchPath.Combine(upper.BranchPath, name));
        return LookupChild(parent, name, childPath, childPath.Length, exposed: true);
    }

    /// <summary>What the lowers alone show for <paramref name="name"/> in the merged directory <paramref name="parent"/>.</summary>
    public static LowerChild LookupBelow(MergeStack parent, ReadOnlySpan<char> name) =>
        parent.Lowers?.Child(name) ?? LowerChild.Absent;

    /// <summary>True when a lower layer (below the upper) has a visible entry for the name: deleting it needs a whiteout.</summary>
    public static bool LowerHasName(UnionNode node) => LookupBelow(node.ParentStack, node.Name).Entry is not null;

    /// <summary>
    /// Looks <paramref name="name"/> up in <paramref name="parent"/>: the upper first, at <c>path[..end]</c> (the
    /// upper holds every directory at its union path), then the lowers through the index. A directory a walk only
    /// passes through (not <paramref name="exposed"/>) gets no string for its upper path: the walk asks the upper
    /// with <c>path</c> and <c>end</c>, so a path of any depth is walked without a string per directory.
    /// </summary>
    private ChildLookup LookupChild(MergeStack parent, ReadOnlySpan<char> name, string path, int end, bool exposed)
    {
        if (parent.Upper is { } upperDir)
        {
            var branch = _layers.Branches[upperDir.Layer];
            string? upperPath = end == path.Length ? path : null;
            // A memory upper is asked with the characters of the path: no string for each directory walked through.
            MemoryNode? memoryNode = null;
            long unlinks = 0;
            BranchEntry? entry;
            if (branch is MemoryBranch memory)
            {
                // Read before the search: a node found then stays at its path while the count is the same.
                unlinks = memory.Unlinks;
                memoryNode = parent.UpperNode is { } directory && parent.UpperUnlinks == unlinks
                    ? MemoryBranch.ChildOf(directory, name)
                    : memory.FindNode(path, end);
                entry = memoryNode?.Entry;
            }
            else entry = branch.Stat(upperPath ??= path[..end]);
            if (entry is not null)
            {
                if (entry.Kind == EntryKind.Whiteout) return ChildLookup.Absent(upperDir.Layer);
                if (entry.Kind != EntryKind.Directory)
                    return new ChildLookup(entry, upperDir.Layer, upperPath ?? path[..end], memoryNode is { Data: not null } ? memoryNode : null);
                if (exposed) upperPath ??= path[..end];
                LowerDirectory? lowers = null;
                if (entry.IsOpaque) lowers = null;
                else if (entry.Redirect is not null) lowers = Index.Redirected(entry.Redirect);
                else if (parent.Lowers is not null) lowers = parent.Lowers.Child(name).Directory;
                var upperLayerDir = new LayerDir(upperDir.Layer, upperPath!);
                var stack = memoryNode is null ? new MergeStack(upperLayerDir, lowers) : new MergeStack(upperLayerDir, lowers, memoryNode, unlinks);
                return new ChildLookup(entry, upperDir.Layer, upperPath, stack);
            }
        }
        if (parent.Lowers is null) return ChildLookup.Absent(-1);
        var below = parent.Lowers.Child(name);
        if (below.Entry is null) return ChildLookup.Absent(below.Layer);
        return new ChildLookup(below.Entry, below.Layer, below.BranchPath!, below.Directory?.AsStack ?? MergeStack.None);
    }

    /// <summary>
    /// Walks <paramref name="path"/> once. Gives what it found in <paramref name="found"/>, or the path to walk next
    /// when a symbolic link has to be followed (<paramref name="next"/> not null), or the error that stops the walk.
    /// </summary>
    private Errno Walk(string path, bool followFinal, out string? next, out Resolved found)
    {
        // Written in place, field by field: a Resolved built apart and then copied out is read back by one wide load
        // from several narrower stores, which the processor cannot forward (a stall on every lookup).
        found = default;
        next = null;
        if (path.Length == 1)
        {
            found.SetNode(Root());
            return Errno.None;
        }
        // Only the last segment and its parent are handed out (the node and its parent's stack); the rest are passed through.
        var parentEnd = path.LastIndexOf('/');
        var layout = LayoutVersion();
        MergeStack? stack = null;
        var dirEnd = parentEnd;
        if (parentEnd > 0)
        {
            stack = Remembered().Find(_id, path, parentEnd, layout, Index);
        }
        if (stack is null)
        {
            var from = parentEnd > 0 ? FindAncestor(path, parentEnd, layout) : default;
            stack = from.Stack ?? RootStack;
            dirEnd = from.Stack is null ? 0 : from.End;
        }
        var fromParent = dirEnd == parentEnd;
        // The directory above the one walked (path[..dirEnd], whose stack is stack), once the walk has gone down a level.
        MergeStack? above = null;
        var aboveEnd = 0;
        // The walk starts at the remembered directory: the segments before it are not looked up.
        // A normalised path other than the root has no empty segment and no trailing separator.
        for (var start = dirEnd + 1; start < path.Length;)
        {
            // Past the last separator is the last name: no search for another.
            var end = start > parentEnd ? path.Length : path.IndexOf('/', start);
            var isLast = end == path.Length;
            // Where no upper takes part any more, the rest of the path is the lowers' alone: one probe of the index (the
            // directory's table for one name, its path table for more), with no out parameter: the walk is compiled for
            // what most calls did, and a callee's out parameters then cost a write barrier each.
            if (stack.Upper is null && stack.Lowers is { } lowers)
            {
                var belowParent = lowers;
                LowerChild? below = null;
                if (isLast) below = lowers.Child(path.AsSpan(start));
                else if (lowers.Descendant(path.AsSpan(start)) is { } descent)
                {
                    if (descent.Error != Errno.None) return descent.Error;
                    belowParent = descent.Parent!;
                    below = descent.Child!;
                }
                if (below is not null && !(followFinal && below.Entry?.Kind == EntryKind.SymbolicLink))
                {
                    var parentStack = belowParent.AsStack;
                    // The lowers' directory of the last name is its parent: the next name there starts from it. Its own
                    // parent is the directory above this one when the name is here, this one when the parent is one
                    // level down, else unknown.
                    if (!fromParent)
                    {
                        var (grand, grandEnd) = isLast ? (above, aboveEnd) : end == parentEnd ? (stack, dirEnd) : (null, 0);
                        Remember(path, parentEnd, parentStack, grand, grandEnd, layout);
                    }
                    found.SetLower(path, parentStack, below);
                    return Errno.None;
                }
            }
            // The walk restarts from the root after every link, so the path walked so far is a prefix of path.
            var child = LookupChild(stack, path.AsSpan(start, end - start), path, end, exposed: end >= parentEnd);
            if (child.Entry is null)
            {
                if (!isLast) return Errno.ENOENT;
                // A name about to be made (the files of a directory written one after another) starts from its parent too.
                if (!fromParent) Remember(path, parentEnd, stack, above, aboveEnd, layout);
                found.SetParts(path, stack, child);
                return Errno.None;
            }
            if (child.Entry.Kind == EntryKind.SymbolicLink && (!isLast || followFinal))
            {
                var target = child.Entry.LinkTarget ?? string.Empty;
                if (target.Length == 0) return Errno.ENOENT;
                var rest = isLast ? string.Empty : path[end..];
                var current = start == 1 ? string.Empty : path[..(start - 1)];
                var joined = target.StartsWith('/') ? target + rest : current + "/" + target + rest;
                next = UnionPath.Normalize(joined, BranchPath.Root);
                return Errno.None;
            }
            if (isLast)
            {
                if (!fromParent) Remember(path, parentEnd, stack, above, aboveEnd, layout);
                found.SetParts(path, stack, child);
                return Errno.None;
            }
            if (child.Entry.Kind != EntryKind.Directory) return Errno.ENOTDIR;
            above = stack;
            aboveEnd = dirEnd;
            stack = child.Stack;
            dirEnd = end;
            start = end + 1;
        }
        found.SetNode(Root());
        return Errno.None;
    }
}

/// <summary>The root merge stack worked out for one lower index.</summary>
internal sealed record RootState(LowerIndex Index, MergeStack Stack);
