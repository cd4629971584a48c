using UnionFs.Images.Storage;
using UnionFs.Images.Tar;

namespace UnionFs.Images.Toc;

/// <summary>Opens an eStargz or zstd:chunked blob by its table of contents: an index and a chunk-reading source.</summary>
internal static class TocLayer
{
    /// <summary>The table of contents of a blob whose footer matches its compression (eStargz: gzip; zstd:chunked: zstd); else null.</summary>
    public static TocLocation? Locate(ByteSource raw, LayerCompression compression)
    {
        if (compression == LayerCompression.None || TocFooter.Find(raw) is not { } location) return null;
        var expected = location.Format == LayerFormat.EStargz ? LayerCompression.Gzip : LayerCompression.Zstd;
        return compression == expected ? location : null;
    }

    /// <summary>
    /// The index and data source of a blob with a table of contents, or null to open it whole: chunks without
    /// digests, or (with <paramref name="requireVerifiedToc"/>) no annotation that vouches for the table of contents,
    /// whose chunk digests are then only as trustworthy as the blob digest a whole read checks. Reads only the table
    /// of contents.
    /// </summary>
    public static (TarIndex Index, ChunkedSource Data)? TryOpen(ByteSource raw, bool ownsRaw, TocLocation location,
        IReadOnlyDictionary<string, string>? annotations, bool requireVerifiedToc, string layer)
    {
        var (entries, verified) = TocReader.Read(raw, location, annotations, layer);
        if (requireVerifiedToc && !verified) return null;
        if (TocLayout.Build(entries, location, layer) is not { } layout) return null;
        var index = TarIndex.FromEntries(layer, layout.Length, layout.Entries);
        return (index, new ChunkedSource(raw, ownsRaw, layout.Chunks, layout.Length, location.Format, layer));
    }

    /// <summary>Hides the formats' own entries from a blob of either format indexed whole: they are never part of the view.</summary>
    public static void HideFormatEntries(TarIndex index) => index.RemoveRootFiles(TocLayout.FormatEntryNames);
}
