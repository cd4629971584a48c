namespace UnionFs.Images;

/// <summary>One file version an image ships that no container can see.</summary>
/// <param name="Path">The file's path in its layer (for hard links, the first of the names, ordinally).</param>
/// <param name="LayerIndex">The layer that ships it, 0 for the base layer.</param>
/// <param name="Size">The bytes it ships (hard links of one file count once).</param>
/// <param name="HiddenBy">The first later layer that hides it.</param>
/// <param name="Reason">How that layer hides it.</param>
public sealed record WastedFile(string Path, int LayerIndex, long Size, int HiddenBy, WasteReason Reason);
