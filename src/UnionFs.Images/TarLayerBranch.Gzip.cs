using UnionFs.Images.Storage;
using UnionFs.Images.Storage.Cache;
using UnionFs.Images.Storage.Gzip;
using UnionFs.Images.Tar;
using UnionFs.Images.Toc;

namespace UnionFs.Images;

/// <summary>Gzip layers: read lazily through decompression checkpoints, their index kept in the layer index cache.</summary>
public sealed partial class TarLayerBranch
{
    /// <summary>
    /// Opens a gzip layer without decompressing it into a store. A cache hit (by the expected digest, or by the
    /// file's path, length and time) reads nothing but the ranges later reads need. A miss makes one streaming pass
    /// (blob digest, diff digest, checkpoints), checks the digest, then indexes the tar through the checkpoints and
    /// stores the entry: only verified data is ever cached.
    /// </summary>
    /// <remarks>An eStargz blob opened this way (no table of contents vouched for) keeps its format entries out of the view (<paramref name="hideFormatEntries"/>).</remarks>
    private static TarLayerBranch OpenGzip(ByteSource raw, LayerOpenOptions options, bool ownsSource, bool interpretWhiteouts,
        string? expectedDigest, string? path, bool hideFormatEntries)
    {
        var name = options.Name ?? "layer";
        var cache = LayerIndexCache.For(options);
        var key = expectedDigest ?? (path is null ? null : cache?.DigestOfFile(path));
        if (key is not null && cache?.TryLoad(key, name) is { } hit && Fits(hit, raw, interpretWhiteouts))
        {
            var cached = new GzipSeekableSource(raw, hit.Gzip!, ownsSource);
            if (hideFormatEntries) TocLayer.HideFormatEntries(hit.Tar);
            return new TarLayerBranch(name, cached, cached, hit.Tar, LayerCompression.Gzip, raw.Length,
                new Lazy<string>(hit.Digest), new Lazy<string>(hit.DiffId), temporaryFile: false);
        }

        GzipCheckpointIndex checkpoints;
        string digest, diffId;
        var scanner = new TarHeaderScanner();
        try
        {
            (checkpoints, digest, diffId) = GzipScan.Run(raw, options.MaxUncompressedSize, scanner.Feed);
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidImageException(name, null, $"the gzip data is corrupt or truncated ({ex.Message})", ex);
        }
        if (expectedDigest is not null && expectedDigest != digest)
            throw new InvalidImageException(name, null, $"the blob's digest is {digest}, not {expectedDigest}.");
        var tar = new GzipSeekableSource(raw, checkpoints, ownsSource);
        // On failure the caller disposes the raw source when it owns it; the seekable source holds nothing else.
        var index = IndexFromHeaders(scanner, tar.Length, name, interpretWhiteouts) ?? TarIndex.Build(tar, name, interpretWhiteouts);
        if (cache is not null)
        {
            cache.Store(new LayerIndexEntry(digest, diffId, LayerCompression.Gzip, raw.Length, tar.Length, index, checkpoints));
            if (path is not null) cache.RememberFile(path, digest);
        }
        if (hideFormatEntries) TocLayer.HideFormatEntries(index);
        return new TarLayerBranch(name, tar, tar, index, LayerCompression.Gzip, raw.Length, new Lazy<string>(digest), new Lazy<string>(diffId),
            temporaryFile: false);
    }

    /// <summary>
    /// The tar index built from the headers the scan pass kept (no second decoding pass); null when the indexer did
    /// not see the same entries the scanner followed, or refused them: then the real bytes decide (and name the error).
    /// </summary>
    private static TarIndex? IndexFromHeaders(TarHeaderScanner scanner, long length, string name, bool interpretWhiteouts)
    {
        if (scanner.Failed) return null;
        var seen = new List<long>(scanner.DataOffsets.Count);
        try
        {
            var index = TarIndex.Build(scanner.ToSource(length), name, interpretWhiteouts, seen);
            return seen.SequenceEqual(scanner.DataOffsets) ? index : null;
        }
        catch (InvalidImageException)
        {
            return null;
        }
    }

    /// <summary>A cached entry serves this open only if it was made the same way from bytes of the same length.</summary>
    private static bool Fits(LayerIndexEntry entry, ByteSource raw, bool interpretWhiteouts) =>
        entry.Compression == LayerCompression.Gzip && entry.Gzip is not null && entry.CompressedLength == raw.Length
        && entry.Gzip.CompressedLength == raw.Length && entry.Tar.InterpretsWhiteouts == interpretWhiteouts;
}
