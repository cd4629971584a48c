namespace UnionFs.Images;

/// <summary>How a later layer makes a file version invisible.</summary>
public enum WasteReason
{
    /// <summary>The later layer has another entry at the same path (or a non-directory at an ancestor).</summary>
    Overwritten,

    /// <summary>The later layer whites the path or an ancestor out.</summary>
    Deleted,

    /// <summary>The later layer makes an ancestor directory opaque.</summary>
    OpaqueDirectory,
}
