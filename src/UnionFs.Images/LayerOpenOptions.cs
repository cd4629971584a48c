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
    /// A compressed layer (or a non-seekable stream) is decompressed once into a seekable store: memory up to
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
}
