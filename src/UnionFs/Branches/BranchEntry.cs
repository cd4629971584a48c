namespace UnionFs;

/// <summary>
/// An immutable snapshot of one name in a branch: what <c>lstat</c> would say, plus the union markers
/// (whiteout, opaque, redirect). Branches never follow symbolic links when they produce one.
/// </summary>
public sealed record BranchEntry
{
    /// <summary>The last path segment (empty for a branch root).</summary>
    public required string Name { get; init; }

    /// <summary>File, directory, symbolic link or whiteout.</summary>
    public required EntryKind Kind { get; init; }

    /// <summary>Size in bytes of a file's data (for a symbolic link: the length of its target); 0 otherwise.</summary>
    public long Length { get; init; }

    /// <summary>Attributes as <see cref="System.IO.File.GetAttributes(string)"/> reports them.</summary>
    public FileAttributes Attributes { get; init; }

    /// <summary>Unix permission bits.</summary>
    public UnixFileMode UnixMode { get; init; }

    /// <summary>Creation (birth) time, UTC.</summary>
    public DateTime CreationTimeUtc { get; init; }

    /// <summary>Last access time, UTC.</summary>
    public DateTime LastAccessTimeUtc { get; init; }

    /// <summary>Last write time, UTC.</summary>
    public DateTime LastWriteTimeUtc { get; init; }

    /// <summary>The target of a symbolic link, as written; null for other kinds.</summary>
    public string? LinkTarget { get; init; }

    /// <summary>A directory that hides every same-named directory below it.</summary>
    public bool IsOpaque { get; init; }

    /// <summary>
    /// For a directory renamed from a lower branch: the absolute branch path where the branches below
    /// keep its contents (overlayfs's <c>trusted.overlay.redirect</c>); null when not redirected.
    /// </summary>
    public string? Redirect { get; init; }

    /// <summary>True for a directory.</summary>
    public bool IsDirectory => Kind == EntryKind.Directory;

    /// <summary>True for a whiteout.</summary>
    public bool IsWhiteout => Kind == EntryKind.Whiteout;

    /// <summary>The metadata a copy of this entry should carry.</summary>
    public EntryMetadata Metadata => new(Attributes, UnixMode, CreationTimeUtc, LastAccessTimeUtc, LastWriteTimeUtc);
}
