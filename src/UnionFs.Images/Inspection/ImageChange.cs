namespace UnionFs.Images;

/// <summary>One difference <see cref="ImageDiff"/> found.</summary>
/// <param name="Path">The absolute path.</param>
/// <param name="Kind">Added (only in the image), modified (in both, different), deleted (only in the baseline).</param>
/// <param name="Reasons">For a modified path, what differs; <see cref="ChangeReasons.None"/> otherwise.</param>
public sealed record ImageChange(string Path, ChangeKind Kind, ChangeReasons Reasons);
