namespace UnionFs.Images.Toc;

/// <summary>One chunk of a file: where its bytes lie in the virtual data space and in the compressed blob.</summary>
/// <param name="File">The file's name in the table of contents (for messages).</param>
/// <param name="VirtualOffset">Where the chunk starts in the branch's virtual data space.</param>
/// <param name="Size">The chunk's uncompressed size.</param>
/// <param name="CompressedOffset">Where its gzip member or zstd frame starts in the blob.</param>
/// <param name="CompressedEnd">Where the compressed bytes to fetch end.</param>
/// <param name="InnerOffset">Where the chunk starts in the decompressed stream.</param>
/// <param name="Digest">The sha256 digest of the chunk's bytes.</param>
/// <param name="IsZeros">A run of zeros stored as nothing (zstd:chunked's <c>zeros</c> chunks).</param>
internal readonly record struct TocChunk(
    string File, long VirtualOffset, long Size, long CompressedOffset, long CompressedEnd, long InnerOffset, string Digest, bool IsZeros);
