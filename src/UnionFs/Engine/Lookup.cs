namespace UnionFs.Engine;

/// <summary>
/// Name lookup through the layers (overlayfs's namei.c). A name is looked up top-down; the first branch
/// that has it decides what it is. A whiteout or a non-directory stops the search; directories merge with
/// the directories below until an opaque one; a redirected directory sends the layers below it to its
/// origin path. Symbolic links are resolved inside the union: an absolute target means the union root.
/// </summary>
internal sealed class Lookup
{
    /// <summary>The most symbolic links one lookup follows, as Linux's MAXSYMLINKS.</summary>
    public const int MaxSymbolicLinks = 40;

    private readonly LayerStack _layers;

    public Lookup(LayerStack layers) => _layers = layers;

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
        while (true)
        {
            var error = Walk(path, followFinal, out node, out var next);
            if (error != Errno.None || node is not null) return error;
            if (++links > MaxSymbolicLinks) return Errno.ELOOP;
            path = next!;
        }
    }

    /// <summary>The root of the merged view.</summary>
    public UnionNode Root()
    {
        var branches = _layers.Branches;
        var entry = branches[0].Stat(BranchPath.Root) ?? throw new InvalidOperationException("A branch has no root directory.");
        return UnionNode.Present(BranchPath.Root, [], entry, 0, BranchPath.Root, MergeStackOfRoot());
    }

    /// <summary>
    /// Looks up <paramref name="name"/> in the merged directory whose stack is <paramref name="parent"/>,
    /// considering only layers from <paramref name="fromLayer"/> down.
    /// </summary>
    public ChildLookup LookupChild(LayerDir[] parent, string name, int fromLayer = 0)
    {
        var branches = _layers.Branches;
        BranchEntry? top = null;
        var topLayer = -1;
        string? topPath = null;
        List<LayerDir>? below = null;
        string? redirect = null;
        var p = 0;
        for (var layer = fromLayer; layer < branches.Length; layer++)
        {
            string childPath;
            if (redirect is not null)
            {
                childPath = redirect;
            }
            else
            {
                while (p < parent.Length && parent[p].Layer < layer) p++;
                if (p >= parent.Length) break;
                if (parent[p].Layer != layer) continue;
                childPath = BranchPath.Combine(parent[p].BranchPath, name);
            }

            BranchEntry? entry;
            var stopBelow = false;
            if (redirect is null)
            {
                entry = branches[layer].Stat(childPath);
            }
            else
            {
                entry = StatRedirected(branches[layer], childPath, out var blocked, out stopBelow);
                if (blocked) break;
            }
            if (entry is null)
            {
                if (stopBelow) break;
                continue;
            }
            if (entry.Kind == EntryKind.Whiteout)
            {
                if (top is null) topLayer = layer;
                break;
            }
            if (top is null)
            {
                top = entry;
                topLayer = layer;
                topPath = childPath;
                if (entry.Kind != EntryKind.Directory) break;
            }
            else
            {
                if (entry.Kind != EntryKind.Directory) break;
                (below ??= []).Add(new LayerDir(layer, childPath));
            }
            if (entry.IsOpaque || stopBelow) break;
            if (entry.Redirect is not null) redirect = entry.Redirect;
        }
        return new ChildLookup(top, topLayer, topPath, below);
    }

    /// <summary>True when a lower layer (below the upper) has a visible entry for the name: deleting it needs a whiteout.</summary>
    public bool LowerHasName(UnionNode node) =>
        node.ParentStack.Length > 0 && LookupChild(node.ParentStack, node.Name, _layers.FirstLower).Entry is not null;

    private LayerDir[] MergeStackOfRoot()
    {
        var branches = _layers.Branches;
        var count = 0;
        for (var i = 0; i < branches.Length; i++)
        {
            count++;
            if (branches[i].Stat(BranchPath.Root)?.IsOpaque == true) break;
        }
        return count == branches.Length ? _layers.Root : _layers.Root[..count];
    }

    /// <summary>
    /// Walks <paramref name="path"/> once. Gives the node, or no node and the path to walk next when a symbolic
    /// link has to be followed, or the error that stops the walk.
    /// </summary>
    private Errno Walk(string path, bool followFinal, out UnionNode? node, out string? next)
    {
        node = null;
        next = null;
        if (path.Length == 1)
        {
            node = Root();
            return Errno.None;
        }
        var stack = MergeStackOfRoot();
        var current = BranchPath.Root;
        var segments = BranchPath.Segments(path);
        while (segments.MoveNext())
        {
            var range = segments.Current;
            var name = path[range];
            var isLast = range.End.Value == path.Length;
            var childPath = isLast ? path : BranchPath.Combine(current, name);
            var child = LookupChild(stack, name);
            if (child.Entry is null)
            {
                if (!isLast) return Errno.ENOENT;
                node = UnionNode.Absent(childPath, stack, child.Layer);
                return Errno.None;
            }
            if (child.Entry.Kind == EntryKind.SymbolicLink && (!isLast || followFinal))
            {
                var target = child.Entry.LinkTarget ?? string.Empty;
                if (target.Length == 0) return Errno.ENOENT;
                var rest = isLast ? string.Empty : path[range.End.Value..];
                var joined = target.StartsWith('/') ? target + rest : current + "/" + target + rest;
                next = UnionPath.Normalize(joined, BranchPath.Root);
                return Errno.None;
            }
            if (isLast)
            {
                node = child.ToNode(childPath, stack);
                return Errno.None;
            }
            if (child.Entry.Kind != EntryKind.Directory) return Errno.ENOTDIR;
            stack = child.Stack;
            current = childPath;
        }
        node = Root();
        return Errno.None;
    }

    /// <summary>
    /// Stats a path reached through a redirect, walking it from the layer's root as overlayfs does (the branch
    /// only answers for paths whose ancestors are directories, so a link on the way is never followed by the
    /// host). A whiteout or non-directory on the way hides the path in this layer and every layer below
    /// (<paramref name="blocked"/>); an opaque directory on the way leaves this layer's entry but hides the
    /// layers below (<paramref name="stopBelow"/>).
    /// </summary>
    private static BranchEntry? StatRedirected(IBranch branch, string path, out bool blocked, out bool stopBelow)
    {
        blocked = false;
        stopBelow = false;
        for (var end = path.IndexOf('/', 1); end > 0; end = path.IndexOf('/', end + 1))
        {
            var ancestor = branch.Stat(path[..end]);
            if (ancestor is null) return null;
            if (ancestor.Kind != EntryKind.Directory)
            {
                blocked = true;
                return null;
            }
            if (ancestor.IsOpaque) stopBelow = true;
        }
        return branch.Stat(path);
    }
}

/// <summary>What <see cref="Lookup.LookupChild"/> found for one name.</summary>
internal readonly struct ChildLookup
{
    private readonly List<LayerDir>? _below;

    public ChildLookup(BranchEntry? entry, int layer, string? branchPath, List<LayerDir>? below)
    {
        Entry = entry;
        Layer = layer;
        BranchPath = branchPath;
        _below = below;
    }

    public BranchEntry? Entry { get; }

    public int Layer { get; }

    public string? BranchPath { get; }

    /// <summary>For a directory: its merge stack (its own layer, then the directories it merges with).</summary>
    public LayerDir[] Stack
    {
        get
        {
            if (Entry?.Kind != EntryKind.Directory) return [];
            var stack = new LayerDir[1 + (_below?.Count ?? 0)];
            stack[0] = new LayerDir(Layer, BranchPath!);
            _below?.CopyTo(stack, 1);
            return stack;
        }
    }

    public UnionNode ToNode(string path, LayerDir[] parentStack) =>
        UnionNode.Present(path, parentStack, Entry!, Layer, BranchPath!, Stack);
}
