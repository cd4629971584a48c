namespace UnionFs.Images;

/// <summary>A path <see cref="ImageFind"/> matched, in the merged view or in one layer.</summary>
/// <param name="Path">The absolute path.</param>
/// <param name="Kind">File, directory, symbolic link, or (in a layer) whiteout.</param>
/// <param name="Size">A file's size, a symbolic link's target length; 0 otherwise.</param>
/// <param name="LinkTarget">A symbolic link's target as written; null otherwise.</param>
/// <param name="LayerIndex">The layer it was found in (for the merged view: the topmost layer that has it), 0 for the base layer.</param>
/// <param name="IsOpaque">True for a directory that the layer makes opaque (always false in the merged view).</param>
public sealed record FoundEntry(string Path, EntryKind Kind, long Size, string? LinkTarget, int LayerIndex, bool IsOpaque);
