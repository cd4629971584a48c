namespace UnionFs.Images;

/// <summary>What a layer did to a path (or to one of its ancestors).</summary>
public enum PathEventKind
{
    /// <summary>The layer has the path and the layers below it do not.</summary>
    Added,

    /// <summary>The layer has the path and the layers below it have it too: replaced or changed (contents, mode, type, target).</summary>
    Changed,

    /// <summary>The layer whites the path out: it hides whatever the layers below have there.</summary>
    Deleted,

    /// <summary>The layer makes the directory opaque: whatever the layers below have inside it is hidden.</summary>
    Opaque,
}
