namespace UnionFs.Images;

/// <summary>
/// Where a path came from: every layer that added, changed, deleted (whited out) or made opaque the path or one
/// of its ancestors, base layer first. Each layer is compared with the merged view of the layers below it, as
/// <see cref="LayerAnalysis"/> does. Paths are taken literally: symbolic links in them are not followed (a link
/// on the way shows as an ancestor replaced by a non-directory).
/// </summary>
/// <example>
/// <code>
/// using var image = ContainerImage.Open("app.tar");
/// foreach (var e in new ImageHistory(image).PathHistory("/etc/passwd"))
///     Console.WriteLine($"layer {e.LayerIndex}: {e.Kind} {e.Path}");
/// </code>
/// </example>
public sealed class ImageHistory
{
    private readonly LayerSet _layers;

    /// <summary>The history of paths in <paramref name="layers"/>.</summary>
    public ImageHistory(LayerSet layers) => _layers = layers ?? throw new ArgumentNullException(nameof(layers));

    /// <summary>The history of paths in <paramref name="image"/> (which must stay open while it is used).</summary>
    public ImageHistory(ContainerImage image)
        : this(LayerSet.FromImage(image))
    {
    }

    /// <summary>
    /// What each layer did to <paramref name="path"/> or its ancestors, base first; within a layer, ancestors before
    /// the path. A layer that only holds the path's parent directories (to reach something else) is not listed:
    /// ancestors count only where the layer deletes them, makes them opaque, or replaces them by a non-directory.
    /// </summary>
    /// <param name="path">A path of the image (relative paths start at the root).</param>
    /// <returns>The events; empty when no layer ever had the path or touched an ancestor that way.</returns>
    public IReadOnlyList<PathEvent> PathHistory(string path)
    {
        var normalized = InspectionPath.Normalize(path);
        var chain = InspectionPath.Chain(normalized);
        var events = new List<PathEvent>();
        for (var index = 0; index < _layers.Count; index++) Layer(index, chain, events);
        return events;
    }

    private void Layer(int index, List<string> chain, List<PathEvent> events)
    {
        var layer = _layers[index];
        var self = chain[^1];
        foreach (var path in chain)
        {
            var entry = layer.Stat(path);
            if (entry is null) return;
            var onAncestor = path != self;
            if (entry.IsWhiteout)
            {
                events.Add(Event(index, PathEventKind.Deleted, path, onAncestor, entry));
                return;
            }
            if (!onAncestor || !entry.IsDirectory)
            {
                var present = BranchLookup.Find(_layers.Below(index), path) is not null;
                events.Add(Event(index, present ? PathEventKind.Changed : PathEventKind.Added, path, onAncestor, entry));
            }
            if (entry.IsDirectory && entry.IsOpaque) events.Add(Event(index, PathEventKind.Opaque, path, onAncestor, entry));
            if (!entry.IsDirectory) return;
        }
    }

    private PathEvent Event(int index, PathEventKind kind, string path, bool onAncestor, BranchEntry entry) =>
        new(index, _layers.DigestOf(index), kind, path, onAncestor, entry.Kind,
            entry.Kind is EntryKind.File or EntryKind.SymbolicLink ? entry.Length : 0, entry.LinkTarget);
}
