namespace UnionFs.Engine;

/// <summary>
/// The merge rule itself, asked of the branches layer by layer: what a stack of directories holds under one
/// name. It knows only the lower branches, so the <see cref="LowerIndex"/> that keeps its answers can be
/// shared by every union over the same lowers without keeping any of those unions alive.
/// </summary>
internal sealed class LayerScanner
{
    // Indexed by layer; the upper's slot (0, when there is one) stays null: a scan never starts there.
    private readonly IBranch?[] _branches;

    public LayerScanner(IBranch?[] branches) => _branches = branches;

    /// <summary>
    /// Works out, layer by layer from <paramref name="fromLayer"/> down, what the directories of <paramref name="parent"/>
    /// hold under <paramref name="name"/>; with <paramref name="redirect"/>, what each layer holds at that path instead.
    /// This is the whole rule of the merge; the <see cref="LowerIndex"/> keeps its answers.
    /// </summary>
    public LayerScan Scan(LayerDir[] parent, string name, int fromLayer, string? redirect)
    {
        var branches = _branches;
        BranchEntry? top = null;
        var topLayer = -1;
        string? topPath = null;
        List<LayerDir>? below = null;
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
                entry = branches[layer]!.Stat(childPath);
            }
            else
            {
                entry = StatRedirected(branches[layer]!, childPath, out var blocked, out stopBelow);
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
        return new LayerScan(top, topLayer, topPath, below);
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

/// <summary>What <see cref="LayerScanner.Scan"/> found: the topmost entry, and the directories below it that merge with it.</summary>
internal readonly struct LayerScan
{
    private readonly List<LayerDir>? _below;

    public LayerScan(BranchEntry? entry, int layer, string? branchPath, List<LayerDir>? below)
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
    public LayerDir[] Stack()
    {
        var stack = new LayerDir[1 + (_below?.Count ?? 0)];
        stack[0] = new LayerDir(Layer, BranchPath!);
        _below?.CopyTo(stack, 1);
        return stack;
    }
}
