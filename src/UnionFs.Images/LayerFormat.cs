namespace UnionFs.Images;

/// <summary>How a layer's bytes are organised, as found by <see cref="TarLayerBranch"/> in the bytes themselves.</summary>
public enum LayerFormat
{
    /// <summary>A plain tar, or a compressed one without a table of contents: indexed from the whole tar.</summary>
    Tar,

    /// <summary>eStargz: a gzip layer whose footer points at a table of contents (<c>stargz.index.json</c>); opened lazily.</summary>
    EStargz,

    /// <summary>zstd:chunked: a zstd layer whose footer points at a table of contents (a skippable frame); opened lazily.</summary>
    ZstdChunked,
}
