namespace UnionFs.Images;

/// <summary>
/// Finds paths that match a <see cref="PathPattern"/>: in the merged view of the layers (what a container sees), or
/// in each layer's own tree (whiteouts included), to tell which layers ship a name. Results stream in a
/// deterministic order: depth first, each directory's names sorted ordinally; the merged view never follows symbolic links.
/// </summary>
/// <example>
/// <code>
/// using var image = ContainerImage.Open("app.tar");
/// foreach (var found in new ImageFind(image).Merged(PathPattern.Parse("*.conf"))) Console.WriteLine(found.Path);
/// </code>
/// </example>
public sealed class ImageFind
{
    private readonly LayerSet _layers;

    /// <summary>Finds paths in <paramref name="layers"/>.</summary>
    public ImageFind(LayerSet layers) => _layers = layers ?? throw new ArgumentNullException(nameof(layers));

    /// <summary>Finds paths in <paramref name="image"/> (which must stay open while it is used).</summary>
    public ImageFind(ContainerImage image)
        : this(LayerSet.FromImage(image))
    {
    }

    /// <summary>The entries of the merged view that match <paramref name="pattern"/> (the root is never listed).</summary>
    public IEnumerable<FoundEntry> Merged(PathPattern pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        return _layers.Count == 0 ? [] : MergedBelow(_layers.Mount(), BranchPath.Root, pattern);
    }

    /// <summary>
    /// The entries of every layer's own tree that match <paramref name="pattern"/>, base layer first: what each layer
    /// ships, whether or not a later layer hides it, whiteouts included (their path is the name they hide).
    /// </summary>
    public IEnumerable<FoundEntry> InLayers(PathPattern pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        return Enumerable.Range(0, _layers.Count).SelectMany(index => LayerBelow(index, BranchPath.Root, pattern));
    }

    private IEnumerable<FoundEntry> MergedBelow(UnionFileSystem fs, string directory, PathPattern pattern)
    {
        var names = fs.Directory.EnumerateFileSystemEntries(directory).Select(BranchPath.GetName).ToList();
        names.Sort(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var path = BranchPath.Combine(directory, name);
            var found = BranchLookup.Find(_layers.Lowers, path);
            if (found is null) continue;
            var entry = found.Entry;
            if (pattern.IsMatch(path)) yield return ToFound(path, entry, _layers.Count - 1 - found.Branches[0], opaque: false);
            if (!entry.IsDirectory) continue;
            foreach (var below in MergedBelow(fs, path, pattern)) yield return below;
        }
    }

    private IEnumerable<FoundEntry> LayerBelow(int index, string directory, PathPattern pattern)
    {
        foreach (var entry in _layers[index].List(directory))
        {
            var path = BranchPath.Combine(directory, entry.Name);
            if (pattern.IsMatch(path)) yield return ToFound(path, entry, index, entry.IsDirectory && entry.IsOpaque);
            if (!entry.IsDirectory) continue;
            foreach (var below in LayerBelow(index, path, pattern)) yield return below;
        }
    }

    private static FoundEntry ToFound(string path, BranchEntry entry, int layer, bool opaque) =>
        new(path, entry.Kind, entry.Kind is EntryKind.File or EntryKind.SymbolicLink ? entry.Length : 0, entry.LinkTarget, layer, opaque);
}
