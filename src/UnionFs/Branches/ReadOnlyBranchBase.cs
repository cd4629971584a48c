namespace UnionFs;

/// <summary>
/// A base for read-only branch types (image layers, views): implement <see cref="Stat"/>, <see cref="List"/>
/// and <see cref="OpenRead"/>; every write member throws an <see cref="IOException"/> with HResult 0x1E
/// (EROFS, "Read-only file system"), as a read-only union does.
/// </summary>
public abstract class ReadOnlyBranchBase : IBranch
{
    private const int EROFS = 0x1E;

    /// <summary>Always true.</summary>
    public bool IsReadOnly => true;

    /// <inheritdoc />
    public virtual bool SupportsRedirect => false;

    /// <summary>How the branch names itself in the read-only error (for example "layer 'base'").</summary>
    protected virtual string Description => "the branch";

    /// <inheritdoc />
    public abstract BranchEntry? Stat(string path);

    /// <inheritdoc />
    public abstract IEnumerable<BranchEntry> List(string path);

    /// <inheritdoc />
    public abstract Stream OpenRead(string path);

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

    private IOException ReadOnly(string path) => new($"Read-only file system: {Description} cannot be changed ('{path}').", EROFS);
}
