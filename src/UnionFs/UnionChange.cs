namespace UnionFs;

/// <summary>How a path differs between the merged view and the lower branches alone.</summary>
public enum ChangeKind
{
    /// <summary>The path exists only because of the upper branch.</summary>
    Added,

    /// <summary>The path exists in the lowers and the upper changed it (content, metadata, or a directory's entries).</summary>
    Modified,

    /// <summary>The path exists in the lowers and the upper hides it.</summary>
    Deleted,
}

/// <summary>One line of <see cref="UnionFileSystem.GetChanges"/>, like a line of <c>docker diff</c>.</summary>
/// <param name="Path">The union path.</param>
/// <param name="Kind">What happened to it.</param>
public sealed record UnionChange(string Path, ChangeKind Kind)
{
    /// <summary>The <c>docker diff</c> form: <c>A /path</c>, <c>C /path</c> or <c>D /path</c>.</summary>
    public override string ToString() => $"{Kind switch { ChangeKind.Added => 'A', ChangeKind.Modified => 'C', _ => 'D' }} {Path}";
}
