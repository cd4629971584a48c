namespace UnionFs.Images.Toc;

/// <summary>Where a layer's table of contents lies, as its footer says.</summary>
/// <param name="Format">eStargz or zstd:chunked.</param>
/// <param name="Offset">Where the compressed table of contents starts in the blob.</param>
/// <param name="CompressedLength">How many blob bytes it takes.</param>
/// <param name="UncompressedLength">Its JSON's size, when the footer gives it (zstd:chunked); -1 otherwise.</param>
/// <param name="DataEnd">Where the chunk data ends: no chunk's compressed bytes reach past this offset.</param>
internal readonly record struct TocLocation(LayerFormat Format, long Offset, long CompressedLength, long UncompressedLength, long DataEnd);
