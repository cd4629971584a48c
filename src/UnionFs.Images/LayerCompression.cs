namespace UnionFs.Images;

/// <summary>How a layer tar is compressed.</summary>
public enum LayerCompression
{
    /// <summary>A plain tar.</summary>
    None,

    /// <summary>gzip (<c>+gzip</c> media types).</summary>
    Gzip,

    /// <summary>Zstandard (<c>+zstd</c> media types).</summary>
    Zstd,
}
