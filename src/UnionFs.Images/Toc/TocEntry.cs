namespace UnionFs.Images.Toc;

/// <summary>
/// One entry of an eStargz / zstd:chunked table of contents (the CRFS schema both formats share). Offsets are in
/// the compressed blob; <see cref="ChunkOffset"/> and <see cref="ChunkSize"/> are in the file's data.
/// </summary>
internal sealed class TocEntry
{
    /// <summary>The name as in the tar (<c>bin/</c>, <c>etc/passwd</c>).</summary>
    public required string Name { get; init; }

    /// <summary><c>dir</c>, <c>reg</c>, <c>symlink</c>, <c>hardlink</c>, <c>char</c>, <c>block</c>, <c>fifo</c> or <c>chunk</c>.</summary>
    public required string Type { get; init; }

    /// <summary>A regular file's size.</summary>
    public long Size { get; init; }

    public DateTime ModificationTimeUtc { get; init; } = DateTime.UnixEpoch;

    public string? LinkName { get; init; }

    /// <summary>Permission and set-id bits, as the tar header's mode.</summary>
    public long Mode { get; init; }

    /// <summary>Where the compressed stream (gzip member or zstd frame) holding this chunk starts.</summary>
    public long Offset { get; init; }

    /// <summary>Where that stream ends (zstd:chunked); 0 when the format leaves it to the next chunk's offset.</summary>
    public long EndOffset { get; init; }

    /// <summary>Where the chunk starts inside its decompressed stream (eStargz with several chunks per member).</summary>
    public long InnerOffset { get; init; }

    /// <summary>Where the chunk starts in the file's data.</summary>
    public long ChunkOffset { get; init; }

    /// <summary>The chunk's size; 0 for "up to the next chunk or the end of the file".</summary>
    public long ChunkSize { get; init; }

    /// <summary>The sha256 digest of the chunk's uncompressed bytes.</summary>
    public string? ChunkDigest { get; init; }

    /// <summary>The sha256 digest of the whole file's bytes (regular files).</summary>
    public string? Digest { get; init; }

    /// <summary>zstd:chunked's chunk type: empty for data, <c>zeros</c> for a run of zeros stored as nothing.</summary>
    public string? ChunkType { get; init; }
}
