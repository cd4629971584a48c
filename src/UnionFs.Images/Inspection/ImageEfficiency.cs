namespace UnionFs.Images;

/// <summary>
/// How much of what an image ships no container can see. A file version is wasted when a later layer overwrites it
/// (any entry at its path, or a non-directory at an ancestor), deletes it (a whiteout of its path or an ancestor) or
/// makes an ancestor directory opaque; its whole size counts, even when the later version has the same bytes (the
/// earlier copy is still shipped). The copy that stays visible never counts. Hard links of one file in a layer (names
/// that share its data) ship their bytes once, wasted only when every name is hidden. Only file data counts:
/// directories, symbolic links, whiteouts and tar headers do not.
/// </summary>
/// <example>
/// <code>
/// using var image = ContainerImage.Open("app.tar");
/// var report = ImageEfficiency.Analyse(image);
/// Console.WriteLine($"{report.WastedBytes} of {report.FileBytes} bytes wasted, score {report.Score:0.000}");
/// </code>
/// </example>
public static class ImageEfficiency
{
    /// <summary>Analyses the layers of <paramref name="image"/> (which must stay open while it runs).</summary>
    public static EfficiencyReport Analyse(ContainerImage image) => Analyse(LayerSet.FromImage(image));

    /// <summary>Analyses <paramref name="layers"/>: each layer's files against the layers above it.</summary>
    public static EfficiencyReport Analyse(LayerSet layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        var perLayer = new List<LayerEfficiency>(layers.Count);
        var files = new List<WastedFile>();
        for (var index = 0; index < layers.Count; index++)
        {
            var walk = new LayerWalk(layers, index);
            walk.Run();
            var wasted = walk.Wasted();
            files.AddRange(wasted);
            perLayer.Add(new LayerEfficiency(index, walk.FileBytes, wasted.Sum(f => f.Size), wasted.Count));
        }
        files.Sort(static (a, b) => b.Size != a.Size ? b.Size.CompareTo(a.Size)
            : string.CompareOrdinal(a.Path, b.Path) is var byPath and not 0 ? byPath : a.LayerIndex.CompareTo(b.LayerIndex));
        var paths = files.GroupBy(f => f.Path, StringComparer.Ordinal)
            .Select(g => new WastedPath(g.Key, g.Sum(f => f.Size), [.. g.Select(f => f.LayerIndex).Order()]))
            .OrderByDescending(p => p.WastedBytes).ThenBy(p => p.Path, StringComparer.Ordinal)
            .ToList();
        return new EfficiencyReport(perLayer.Sum(l => l.FileBytes), perLayer.Sum(l => l.WastedBytes), perLayer, files, paths);
    }

    /// <summary>A later layer that hides a subtree: which one, and how.</summary>
    private readonly record struct Hider(int Layer, WasteReason Reason);

    /// <summary>
    /// Walks one layer's tree. For each directory it carries the later layers that have the same directory (not
    /// opaque) and so may hide something below it, ascending, and the first later layer that hides everything below
    /// it, if any: a name is then checked against those layers only, never looked up from the root again.
    /// </summary>
    private sealed class LayerWalk(LayerSet layers, int index)
    {
        private readonly IBranch _layer = layers[index];
        private readonly TarLayerBranch? _tar = layers[index] as TarLayerBranch;
        private readonly Dictionary<long, Group> _shared = [];
        private readonly List<Group> _groups = [];

        /// <summary>The bytes of file data the layer ships.</summary>
        public long FileBytes { get; private set; }

        public void Run()
        {
            var candidates = new List<int>();
            Hider? hidden = null;
            for (var later = index + 1; later < layers.Count; later++)
            {
                if (layers[later].Stat(BranchPath.Root) is { IsOpaque: true })
                {
                    hidden = new Hider(later, WasteReason.OpaqueDirectory);
                    break;
                }
                candidates.Add(later);
            }
            Directory(BranchPath.Root, candidates, hidden);
        }

        /// <summary>Every file version (hard link group) of the layer that a later layer hides.</summary>
        public List<WastedFile> Wasted()
        {
            var wasted = new List<WastedFile>();
            foreach (var group in _groups)
            {
                if (group.Visible || group.FirstHider is not { } hider) continue;
                wasted.Add(new WastedFile(group.Path, index, group.Size, hider.Layer, hider.Reason));
            }
            return wasted;
        }

        private void Directory(string directory, List<int> candidates, Hider? hidden)
        {
            foreach (var entry in _layer.List(directory))
            {
                if (entry.IsWhiteout) continue;
                var path = BranchPath.Combine(directory, entry.Name);
                var (hider, next, nextHidden) = Check(path, entry, candidates, hidden);
                if (entry.IsDirectory)
                {
                    Directory(path, next, hider ?? nextHidden);
                    continue;
                }
                if (entry.Kind == EntryKind.File) File(path, entry.Length, hider);
            }
        }

        /// <summary>
        /// Which later layer hides <paramref name="path"/> (null when none does); for a directory, also the later layers
        /// that may still hide something inside it and the first one that hides all of it by being opaque.
        /// </summary>
        private (Hider? Hider, List<int> Next, Hider? NextHidden) Check(string path, BranchEntry entry, List<int> candidates, Hider? hidden)
        {
            var next = new List<int>();
            if (hidden is not null) return (hidden, next, null);
            foreach (var later in candidates)
            {
                var other = layers[later].Stat(path);
                if (other is null) continue;
                if (other.IsWhiteout) return (new Hider(later, WasteReason.Deleted), next, null);
                if (!other.IsDirectory || !entry.IsDirectory) return (new Hider(later, WasteReason.Overwritten), next, null);
                if (other.IsOpaque) return (null, next, new Hider(later, WasteReason.OpaqueDirectory));
                next.Add(later);
            }
            return (null, next, null);
        }

        private void File(string path, long size, Hider? hider)
        {
            var offset = _tar?.DataOffset(path);
            if (offset is null || !_shared.TryGetValue(offset.Value, out var group))
            {
                group = new Group(path, size);
                _groups.Add(group);
                FileBytes += size;
                if (offset is not null) _shared[offset.Value] = group;
            }
            else if (string.CompareOrdinal(path, group.Path) < 0)
            {
                group.Path = path;
            }
            if (hider is null) group.Visible = true;
            else if (group.FirstHider is null || hider.Value.Layer < group.FirstHider.Value.Layer) group.FirstHider = hider;
        }
    }

    /// <summary>One file's data in a layer: all the names (hard links) that share it.</summary>
    private sealed class Group(string path, long size)
    {
        public string Path { get; set; } = path;

        public long Size { get; } = size;

        public bool Visible { get; set; }

        public Hider? FirstHider { get; set; }
    }
}
