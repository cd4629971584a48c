namespace UnionFs.Cli.Inspection;

/// <summary>A name of the merged view, as <c>lstat</c> sees it (a symbolic link is not followed).</summary>
/// <param name="Path">The union path (absolute, normalised).</param>
/// <param name="Name">The last segment; <c>/</c> for the root.</param>
/// <param name="Type">File, directory or symbolic link.</param>
/// <param name="Size">A file's size, a symbolic link's target length in bytes, 0 for a directory.</param>
/// <param name="Target">A symbolic link's target as written; null otherwise.</param>
/// <param name="Mode">The permission bits.</param>
/// <param name="ModifiedUtc">The last write time.</param>
internal sealed record UnionEntry(string Path, string Name, EntryType Type, long Size, string? Target, UnixFileMode Mode, DateTime ModifiedUtc)
{
    /// <summary>True for a directory (not a symbolic link to one).</summary>
    public bool IsDirectory => Type == EntryType.Directory;
}
