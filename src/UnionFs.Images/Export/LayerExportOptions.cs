using System.IO.Compression;

namespace UnionFs.Images;

/// <summary>How a layer is exported.</summary>
public sealed record LayerExportOptions
{
    /// <summary>The shared default options: uncompressed, entries keep their own times.</summary>
    public static LayerExportOptions Default { get; } = new();

    /// <summary>The compression of the written tar.</summary>
    public LayerCompression Compression { get; init; } = LayerCompression.None;

    /// <summary>gzip's compression level (zstd uses <see cref="ZstdLevel"/>).</summary>
    public CompressionLevel GzipLevel { get; init; } = CompressionLevel.Optimal;

    /// <summary>zstd's compression level (1 to 22).</summary>
    public int ZstdLevel { get; init; } = 3;

    /// <summary>
    /// When set, every entry gets this modification time (like <c>SOURCE_DATE_EPOCH</c>), so the same tree
    /// always gives the same bytes; otherwise each entry keeps its last write time (whole seconds where a
    /// USTAR header is used).
    /// </summary>
    public DateTime? Timestamp { get; init; }
}

/// <summary>What an export wrote.</summary>
/// <param name="DiffId">The diff digest: <c>sha256:…</c> of the uncompressed tar.</param>
/// <param name="Digest">The blob digest: <c>sha256:…</c> of the bytes written (equals <paramref name="DiffId"/> when uncompressed).</param>
/// <param name="Size">The number of bytes written.</param>
/// <param name="UncompressedSize">The size of the uncompressed tar.</param>
/// <param name="MediaType">The OCI media type of what was written.</param>
/// <param name="EntryCount">The number of tar entries, whiteouts and opaque markers included.</param>
public sealed record LayerExportResult(string DiffId, string Digest, long Size, long UncompressedSize, string MediaType, int EntryCount);
