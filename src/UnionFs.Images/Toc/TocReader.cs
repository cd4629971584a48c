using System.Formats.Tar;
using System.IO.Compression;
using UnionFs.Images.Storage;

namespace UnionFs.Images.Toc;

/// <summary>
/// Reads a table of contents found by <see cref="TocFooter"/>: only its own bytes are fetched. Checks it against
/// the descriptor's annotations when they are given; a mismatch is an <see cref="InvalidImageException"/>.
/// </summary>
internal static class TocReader
{
    /// <summary>The largest table of contents read, compressed or not (a guard against bombs): 256 MiB.</summary>
    public const long MaxSize = 256L << 20;

    private const string StargzTocName = "stargz.index.json";

    /// <summary>The entries, and whether an annotation vouched for them.</summary>
    public static (List<TocEntry> Entries, bool Verified) Read(ByteSource raw, TocLocation location, IReadOnlyDictionary<string, string>? annotations, string layer)
    {
        if (location.CompressedLength > MaxSize)
            throw new InvalidImageException(layer, null, $"the table of contents has {location.CompressedLength} bytes, more than the limit of {MaxSize}.");
        var compressed = new byte[location.CompressedLength];
        raw.ReadExactlyAt(location.Offset, compressed);
        byte[] json;
        try
        {
            json = location.Format == LayerFormat.EStargz ? StargzJson(compressed) : ZstdJson(compressed, location.UncompressedLength);
        }
        catch (Exception ex) when (ex is InvalidDataException or ZstdSharp.ZstdException or EndOfStreamException or FormatException)
        {
            throw new InvalidImageException(layer, null, $"the table of contents is corrupt ({ex.Message})", ex);
        }
        var verified = false;
        if (annotations is not null)
        {
            verified |= Check(annotations, TocAnnotations.StargzTocDigest, json, layer);
            verified |= Check(annotations, TocAnnotations.ZstdChunkedManifestChecksum, compressed, layer);
            verified |= Check(annotations, TocAnnotations.LegacyZstdChunkedManifestChecksum, compressed, layer);
        }
        return (TocParser.Parse(json, layer), verified);
    }

    /// <summary>True when the annotation is present and matches; throws when present and different.</summary>
    private static bool Check(IReadOnlyDictionary<string, string> annotations, string key, byte[] bytes, string layer)
    {
        if (!annotations.TryGetValue(key, out var expected)) return false;
        var actual = Digests.Of(bytes);
        // containers/storage writes the manifest checksum as a digest; accept bare hex too.
        if (actual == expected || actual[Digests.Sha256Prefix.Length..] == expected) return true;
        throw new InvalidImageException(layer, null, $"the table of contents' digest is {actual}, the annotation {key} says {expected}.");
    }

    /// <summary>The eStargz TOC is a gzip member holding a tar whose one entry is <c>stargz.index.json</c>.</summary>
    private static byte[] StargzJson(byte[] compressed)
    {
        using var gzip = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        while (tar.GetNextEntry() is { } entry)
        {
            if (entry.Name.TrimStart('.', '/') != StargzTocName) continue;
            if (entry.Length > MaxSize || entry.DataStream is null) throw new InvalidDataException("the stargz.index.json entry is too large or empty");
            using var buffer = new MemoryStream();
            entry.DataStream.CopyTo(buffer);
            return buffer.ToArray();
        }
        throw new InvalidDataException("the TOC tar has no stargz.index.json");
    }

    /// <summary>The zstd:chunked manifest is one zstd frame of the JSON, whose size the footer states.</summary>
    private static byte[] ZstdJson(byte[] compressed, long uncompressedLength)
    {
        if (uncompressedLength is < 0 or > MaxSize) throw new InvalidDataException($"the manifest's stated size {uncompressedLength} is out of range");
        using var zstd = new ZstdSharp.DecompressionStream(new MemoryStream(compressed));
        var json = new byte[uncompressedLength];
        zstd.ReadExactly(json);
        if (zstd.ReadByte() >= 0) throw new InvalidDataException("the manifest is longer than the footer states");
        return json;
    }
}
