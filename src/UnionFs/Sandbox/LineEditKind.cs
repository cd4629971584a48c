namespace UnionFs.Sandbox;

/// <summary>What one step of a line diff does.</summary>
internal enum LineEditKind
{
    /// <summary>The line is in both texts.</summary>
    Equal,

    /// <summary>The old text's line is gone.</summary>
    Delete,

    /// <summary>The new text's line is added.</summary>
    Insert,
}
