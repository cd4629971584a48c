namespace UnionFs.Images;

/// <summary>One layer's effect on a path, as <see cref="ImageHistory.PathHistory"/> reports it.</summary>
/// <param name="LayerIndex">The layer's position, 0 for the base layer.</param>
/// <param name="LayerDigest">The layer's digest (<c>sha256:…</c>); null for a branch that has none (a directory).</param>
/// <param name="Kind">Added, changed, deleted (whiteout) or made opaque.</param>
/// <param name="Path">Where it happened: the path asked about, or one of its ancestors.</param>
/// <param name="OnAncestor">True when <paramref name="Path"/> is an ancestor of the path asked about.</param>
/// <param name="EntryKind">What the layer holds at <paramref name="Path"/> (file, directory, symbolic link, whiteout).</param>
/// <param name="Size">A file's size in that layer, a symbolic link's target length; 0 otherwise.</param>
/// <param name="LinkTarget">A symbolic link's target in that layer; null otherwise.</param>
public sealed record PathEvent(
    int LayerIndex,
    string? LayerDigest,
    PathEventKind Kind,
    string Path,
    bool OnAncestor,
    EntryKind EntryKind,
    long Size,
    string? LinkTarget);
