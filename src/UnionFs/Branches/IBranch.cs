namespace UnionFs;

/// <summary>
/// One layer of a union: a tree of directories, files, symbolic links and union markers, addressed by
/// absolute branch paths such as <c>/books/c</c> (<c>/</c> separators, no <c>.</c> or <c>..</c>, no trailing
/// separator; the root is <c>/</c>). The union engine guarantees that every path it passes is normalised
/// and that each of its ancestors is a directory in this branch, so a branch never resolves symbolic links.
/// </summary>
/// <remarks>
/// A branch used as a lower is only read. Write members are called only on the upper branch, one
/// structural change at a time per union; implementations must still tolerate concurrent readers.
/// </remarks>
public interface IBranch
{
    /// <summary>True when the branch refuses every write member.</summary>
    bool IsReadOnly { get; }

    /// <summary>True when the branch can store <see cref="BranchEntry.Redirect"/> on directories.</summary>
    bool SupportsRedirect { get; }

    /// <summary>Describes <paramref name="path"/> without following a symbolic link; null when absent.</summary>
    BranchEntry? Stat(string path);

    /// <summary>
    /// The entries of the directory at <paramref name="path"/>, whiteouts included, sorted by ordinal name;
    /// empty when it is absent or not a directory.
    /// </summary>
    IEnumerable<BranchEntry> List(string path);

    /// <summary>Opens an existing regular file for reading.</summary>
    Stream OpenRead(string path);

    /// <summary>Opens an existing regular file for reading and writing, positioned at 0, not truncated.</summary>
    Stream OpenWrite(string path);

    /// <summary>
    /// Creates or replaces (a file, symbolic link or whiteout) a regular file at <paramref name="path"/> with
    /// the given content, atomically: readers see the old entry or the whole new file, never a part.
    /// </summary>
    void CreateFile(string path, Stream? content, EntryMetadata metadata);

    /// <summary>Creates a directory, replacing a whiteout at the same name.</summary>
    void CreateDirectory(string path, EntryMetadata metadata, bool opaque);

    /// <summary>Creates a symbolic link, replacing a file, symbolic link or whiteout at the same name.</summary>
    void CreateSymbolicLink(string path, string target, EntryMetadata metadata);

    /// <summary>Replaces whatever is at <paramref name="path"/> (a directory with everything in it) by a whiteout.</summary>
    void CreateWhiteout(string path);

    /// <summary>Removes an entry; a directory is removed with everything in it, markers included.</summary>
    void Remove(string path);

    /// <summary>
    /// Moves an entry within the branch, replacing a non-directory, a whiteout or an empty directory at the
    /// destination. The destination's parent exists. With <paramref name="leaveWhiteout"/> a whiteout takes
    /// the old name in the same step (overlayfs's RENAME_WHITEOUT): a crash leaves the move done or not done.
    /// </summary>
    void Rename(string sourcePath, string destinationPath, bool leaveWhiteout = false);

    /// <summary>Changes metadata of an existing entry.</summary>
    void SetMetadata(string path, MetadataChange change);

    /// <summary>Marks or unmarks an existing directory as opaque.</summary>
    void SetOpaque(string path, bool opaque);

    /// <summary>Sets or clears the redirect of an existing directory (only when <see cref="SupportsRedirect"/>).</summary>
    void SetRedirect(string path, string? redirect);
}
