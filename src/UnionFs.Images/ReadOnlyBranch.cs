namespace UnionFs.Images;

/// <summary>
/// A read-only view of another branch: reads pass through, every write member throws an
/// <see cref="IOException"/> with HResult 0x1E (EROFS), as <see cref="TarLayerBranch"/> does.
/// <see cref="UnionCommitExtensions.Commit"/> uses it to turn an upper into a lower.
/// </summary>
/// <param name="inner">The branch to protect; it is not copied, so whoever else holds it can still change it.</param>
public sealed class ReadOnlyBranch(IBranch inner) : IBranch
{
    private const int EROFS = 0x1E;

    /// <summary>The branch behind this view.</summary>
    public IBranch Inner { get; } = inner ?? throw new ArgumentNullException(nameof(inner));

    /// <inheritdoc />
    public bool IsReadOnly => true;

    /// <inheritdoc />
    public bool SupportsRedirect => Inner.SupportsRedirect;

    /// <inheritdoc />
    public BranchEntry? Stat(string path) => Inner.Stat(path);

    /// <inheritdoc />
    public IEnumerable<BranchEntry> List(string path) => Inner.List(path);

    /// <inheritdoc />
    public Stream OpenRead(string path) => Inner.OpenRead(path);

    /// <summary>Throws: the branch is read-only.</summary>
    public Stream OpenWrite(string path) => throw ReadOnly(path);

    /// <summary>Throws: the branch is read-only.</summary>
    public void CreateFile(string path, Stream? content, EntryMetadata metadata) => throw ReadOnly(path);

    /// <summary>Throws: the branch is read-only.</summary>
    public void CreateDirectory(string path, EntryMetadata metadata, bool opaque) => throw ReadOnly(path);

    /// <summary>Throws: the branch is read-only.</summary>
    public void CreateSymbolicLink(string path, string target, EntryMetadata metadata) => throw ReadOnly(path);

    /// <summary>Throws: the branch is read-only.</summary>
    public void CreateWhiteout(string path) => throw ReadOnly(path);

    /// <summary>Throws: the branch is read-only.</summary>
    public void Remove(string path) => throw ReadOnly(path);

    /// <summary>Throws: the branch is read-only.</summary>
    public void Rename(string sourcePath, string destinationPath, bool leaveWhiteout = false) => throw ReadOnly(sourcePath);

    /// <summary>Throws: the branch is read-only.</summary>
    public void SetMetadata(string path, MetadataChange change) => throw ReadOnly(path);

    /// <summary>Throws: the branch is read-only.</summary>
    public void SetOpaque(string path, bool opaque) => throw ReadOnly(path);

    /// <summary>Throws: the branch is read-only.</summary>
    public void SetRedirect(string path, string? redirect) => throw ReadOnly(path);

    private static IOException ReadOnly(string path) => new($"Read-only file system: the branch cannot be changed ('{path}').", EROFS);
}
