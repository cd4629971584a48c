namespace UnionFs.Sandbox;

/// <summary>What an apply's target holds at one path, without following a symbolic link.</summary>
/// <param name="Kind">File, directory or symbolic link; null when the path is absent.</param>
/// <param name="Length">A file's size in bytes.</param>
/// <param name="LinkTarget">A symbolic link's target.</param>
internal readonly record struct TargetEntry(EntryKind? Kind, long Length, string? LinkTarget)
{
    /// <summary>Nothing at the path.</summary>
    public static TargetEntry Absent => default;

    public bool Exists => Kind is not null;
}
