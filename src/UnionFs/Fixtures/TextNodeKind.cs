namespace UnionFs;

/// <summary>What one entry of a text tree is.</summary>
internal enum TextNodeKind
{
    /// <summary>A regular file, with or without content.</summary>
    File,

    /// <summary>A directory.</summary>
    Directory,

    /// <summary>A symbolic link (<c>name -&gt; target</c>).</summary>
    SymbolicLink,

    /// <summary>A whiteout (<c>.wh.name</c>): hides the name in the branches below.</summary>
    Whiteout,

    /// <summary>The opaque marker (<c>.wh..wh..opq</c>): makes the enclosing directory opaque; never a node.</summary>
    OpaqueMarker,

    /// <summary>Layer metadata (<c>.wh..wh.*</c>, as AUFS writes): read and skipped, like a directory branch does.</summary>
    Metadata,
}
