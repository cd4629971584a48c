namespace UnionFs.Images;

/// <summary>How a layer tar is opened: its name in messages and where a decompressed copy may live.</summary>
public sealed record LayerOpenOptions
{
    /// <summary>The default <see cref="MemoryThreshold"/>: 64 MiB.</summary>
    public const long DefaultMemoryThreshold = 64L << 20;

    /// <summary>The default <see cref="MaxUncompressedSize"/>: 64 GiB.</summary>
    public const long DefaultMaxUncompressedSize = 64L << 30;

    /// <summary>The shared default options.</summary>
    public static LayerOpenOptions Default { get; } = new();

    /// <summary>
    /// The layer's name in exception messages and <see cref="TarLayerBranch.Name"/> (a digest or a path);
    /// by default the file's path, or <c>layer</c> for a stream.
    /// </summary>
    public string? Name { get; init; }

    /// <summary>
    /// A zstd layer (or a non-seekable stream) is decompressed (copied) once into a seekable store: memory up to
    /// this many uncompressed bytes, a temporary file beyond (deleted when the branch is disposed).
    /// </summary>
    public long MemoryThreshold { get; init; } = DefaultMemoryThreshold;

    /// <summary>Where the temporary file of a large decompressed layer goes; the system's temporary directory by default.</summary>
    public string? TempDirectory { get; init; }

    /// <summary>
    /// Decompression stops with an <see cref="InvalidImageException"/> past this many uncompressed bytes (a
    /// guard against decompression bombs).
    /// </summary>
    public long MaxUncompressedSize { get; init; } = DefaultMaxUncompressedSize;

    /// <summary>
    /// True (the default) to open an eStargz or zstd:chunked layer lazily by its table of contents (see
    /// <see cref="TarLayerBranch.IsLazy"/>); false to decompress it whole, as any gzip or zstd layer.
    /// </summary>
    public bool ReadTableOfContents { get; init; } = true;

    /// <summary>The default <see cref="MaxIndexCacheSize"/>: 1 GiB.</summary>
    public const long DefaultMaxIndexCacheSize = 1L << 30;

    /// <summary>
    /// Whether gzip layers use the layer index cache (on by default): the first open of a blob makes one streaming
    /// pass and stores the tar index and decompression checkpoints; later opens read only the compressed ranges they
    /// need. The environment variable <c>UNIONFS_CACHE=off</c> turns the cache off as well. Without the cache a gzip
    /// layer is still read lazily, with its index held in memory, but every open makes the full pass again.
    /// </summary>
    public bool UseIndexCache { get; init; } = true;

    /// <summary>
    /// The layer index cache's directory (an absolute path). By default <c>UNIONFS_CACHE_DIR</c>, else
    /// <c>$XDG_CACHE_HOME/unionfs</c>, else <c>~/.cache/unionfs</c>; never the current directory.
    /// </summary>
    public string? IndexCacheDirectory { get; init; }

    /// <summary>The size limit of the layer index cache: least recently used entries are removed beyond it.</summary>
    public long MaxIndexCacheSize { get; init; } = DefaultMaxIndexCacheSize;
}
