namespace UnionFs.Images;

/// <summary>
/// Walks one layer's own branch and classifies each of its entries against the merged view of the layers below
/// it: a whiteout hides, an entry the layers below have changes, any other entry adds.
/// </summary>
public static class LayerAnalysis
{
    /// <summary>Compares <paramref name="layer"/> with <paramref name="below"/> (topmost first).</summary>
    /// <param name="layer">The layer's own branch.</param>
    /// <param name="below">The layers under it, topmost first (empty for a base layer).</param>
    public static LayerChanges Analyse(IBranch layer, IReadOnlyList<IBranch> below)
    {
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentNullException.ThrowIfNull(below);
        var walk = new Walk(layer, below);
        if (layer.Stat(BranchPath.Root) is { IsOpaque: true }) walk.Opaque.Add(BranchPath.Root);
        walk.Directory(BranchPath.Root, parentIsNew: below.Count == 0);
        return new LayerChanges(Sorted(walk.Added), Sorted(walk.Changed), Sorted(walk.Hidden), Sorted(walk.Opaque), walk.Entries, walk.Bytes);
    }

    private static List<string> Sorted(List<string> paths)
    {
        paths.Sort(StringComparer.Ordinal);
        return paths;
    }

    private sealed class Walk(IBranch layer, IReadOnlyList<IBranch> below)
    {
        public List<string> Added { get; } = [];

        public List<string> Changed { get; } = [];

        public List<string> Hidden { get; } = [];

        public List<string> Opaque { get; } = [];

        public int Entries { get; private set; }

        public long Bytes { get; private set; }

        /// <summary>Classifies the children of <paramref name="path"/>; below a new directory nothing can exist below.</summary>
        public void Directory(string path, bool parentIsNew)
        {
            foreach (var entry in layer.List(path))
            {
                var child = BranchPath.Combine(path, entry.Name);
                Entries++;
                if (entry.IsWhiteout)
                {
                    Hidden.Add(child);
                    continue;
                }
                var present = !parentIsNew && BranchLookup.Find(below, child) is not null;
                (present ? Changed : Added).Add(child);
                if (entry.Kind == EntryKind.File) Bytes += entry.Length;
                if (!entry.IsDirectory) continue;
                if (entry.IsOpaque) Opaque.Add(child);
                Directory(child, parentIsNew: !present);
            }
        }
    }
}
