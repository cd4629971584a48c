namespace UnionFs;

/// <summary>What the target of an apply did at a path, on its own, since the union read the lowers there.</summary>
public enum ConflictKind
{
    /// <summary>The target has an entry where the lowers had none.</summary>
    Added,

    /// <summary>The target's entry differs from the lowers' (content, kind or link target).</summary>
    Modified,

    /// <summary>The target no longer has an entry the lowers had.</summary>
    Deleted,
}
