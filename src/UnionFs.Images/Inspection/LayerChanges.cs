namespace UnionFs.Images;

/// <summary>What one layer does to the layers below it. Every list is sorted by ordinal path.</summary>
/// <param name="Added">Paths the layer has that the layers below do not.</param>
/// <param name="Changed">Paths the layer has that the layers below have too (replaced or changed).</param>
/// <param name="Hidden">Paths the layer's whiteouts hide.</param>
/// <param name="Opaque">Directories the layer makes opaque.</param>
/// <param name="Entries">How many entries the layer's branch lists (whiteouts included).</param>
/// <param name="Bytes">The total size of the layer's files.</param>
public sealed record LayerChanges(
    IReadOnlyList<string> Added,
    IReadOnlyList<string> Changed,
    IReadOnlyList<string> Hidden,
    IReadOnlyList<string> Opaque,
    int Entries,
    long Bytes);
