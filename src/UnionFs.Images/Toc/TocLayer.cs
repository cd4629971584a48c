using UnionFs.Images.Storage;
using UnionFs.Images.Tar;

namespace UnionFs.Images.Toc;

/// <summary>Opens an eStargz or zstd:chunked blob by its table of contents: an index and a chunk-reading source.</summary>
internal static class TocLayer
{
    /// <summary>
    /// The index and data source of a blob with a table of contents, or null to open it whole: no footer, a footer
    /// of the other compression, chunks without digests, or (with <paramref name="requireVerifiedToc"/>) no
    /// annotation that vouches for the table of contents, whose chunk digests are then only as trustworthy as the
    /// blob digest a whole read checks. Reads only the blob's tail and the table of contents.
    /// </summary>
    public static (TarIndex Index, ChunkedSource Data, LayerFormat Format)? TryOpen(ByteSource raw, bool ownsRaw, LayerCompression compression,
        IReadOnlyDictionary<string, string>? annotations, bool requireVerifiedToc, string layer)
    {
        if (TocFooter.Find(raw) is not { } location) return null;
        var expected = location.Format == LayerFormat.EStargz ? LayerCompression.Gzip : LayerCompression.Zstd;
        if (compression != expected) return null;
        var (entries, verified) = TocReader.Read(raw, location, annotations, layer);
        if (requireVerifiedToc && !verified) return null;
        if (TocLayout.Build(entries, location, layer) is not { } layout) return null;
        var index = TarIndex.FromEntries(layer, layout.Length, layout.Entries);
        return (index, new ChunkedSource(raw, ownsRaw, layout.Chunks, layout.Length, location.Format, layer), location.Format);
    }
}
