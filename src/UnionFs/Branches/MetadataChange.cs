namespace UnionFs;

/// <summary>A change of metadata: each non-null member is applied, the others are left as they are.</summary>
/// <param name="Attributes">New attributes.</param>
/// <param name="UnixMode">New permission bits.</param>
/// <param name="CreationTimeUtc">New creation time.</param>
/// <param name="LastAccessTimeUtc">New last access time.</param>
/// <param name="LastWriteTimeUtc">New last write time.</param>
public readonly record struct MetadataChange(
    FileAttributes? Attributes = null,
    UnixFileMode? UnixMode = null,
    DateTime? CreationTimeUtc = null,
    DateTime? LastAccessTimeUtc = null,
    DateTime? LastWriteTimeUtc = null);
