using System.Buffers.Binary;
using System.Globalization;
using UnionFs.Images.Storage;

namespace UnionFs.Images.Toc;

/// <summary>
/// Finds a layer's table of contents from the blob's last bytes alone (one small read, never a scan), so a layer
/// behind a range-reading source is recognised without fetching it.
/// </summary>
internal static class TocFooter
{
    /// <summary>The eStargz footer: an empty gzip member whose extra field carries <c>%016x</c> of the TOC offset and <c>STARGZ</c>.</summary>
    public const int EStargzSize = 51;

    /// <summary>The first eStargz (stargz) footer: the same, without the <c>SG</c> subfield header.</summary>
    public const int LegacyStargzSize = 47;

    private const int TailSize = 72;
    private const uint SkippableMagic = 0x184D2A50;
    private static ReadOnlySpan<byte> ZstdChunkedMagic => "GnUlInUx"u8;
    private static ReadOnlySpan<byte> StargzMarker => "STARGZ"u8;

    /// <summary>The table of contents' location, or null when the blob has no footer of either format.</summary>
    public static TocLocation? Find(ByteSource raw)
    {
        var length = raw.Length;
        var size = (int)Math.Min(TailSize, length);
        if (size < LegacyStargzSize) return null;
        var tail = new byte[size];
        raw.ReadExactlyAt(length - size, tail);
        return FindZstdChunked(tail, length) ?? FindStargz(tail, length);
    }

    /// <summary>
    /// zstd:chunked ends with a skippable frame whose payload is little-endian u64s (manifest offset, compressed and
    /// uncompressed length, manifest type; newer writers add three tar-split fields) and the magic. Older footers
    /// are 40 bytes, newer 64: the skippable frame header right before says which.
    /// </summary>
    private static TocLocation? FindZstdChunked(ReadOnlySpan<byte> tail, long length)
    {
        if (!tail.EndsWith(ZstdChunkedMagic)) return null;
        foreach (var payload in (ReadOnlySpan<int>)[64, 40])
        {
            var frame = payload + 8;
            if (tail.Length < frame) continue;
            var header = tail[^frame..];
            if ((BinaryPrimitives.ReadUInt32LittleEndian(header) & 0xFFFFFFF0) != SkippableMagic) continue;
            if (BinaryPrimitives.ReadUInt32LittleEndian(header[4..]) != (uint)payload) continue;
            var data = tail[^payload..];
            var offset = BinaryPrimitives.ReadUInt64LittleEndian(data);
            var compressed = BinaryPrimitives.ReadUInt64LittleEndian(data[8..]);
            var uncompressed = BinaryPrimitives.ReadUInt64LittleEndian(data[16..]);
            var type = BinaryPrimitives.ReadUInt64LittleEndian(data[24..]);
            // Type 1 is the only manifest type (the CRFS table of contents); anything else is not ours to read.
            if (type != 1 || compressed == 0 || offset > (ulong)length || compressed > (ulong)length - offset) return null;
            if (offset + compressed > (ulong)(length - frame)) return null;
            // The manifest is itself a skippable frame: its 8-byte header precedes the offset, and chunks end before it.
            var dataEnd = (long)offset >= 8 ? (long)offset - 8 : (long)offset;
            return new TocLocation(LayerFormat.ZstdChunked, (long)offset, (long)compressed, (long)Math.Min(uncompressed, long.MaxValue), dataEnd);
        }
        return null;
    }

    private static TocLocation? FindStargz(ReadOnlySpan<byte> tail, long length)
    {
        if (tail.Length >= EStargzSize && Parse(tail[^EStargzSize..], extraLength: 26, payloadAt: 16) is { } offset && offset < length - EStargzSize)
            return new TocLocation(LayerFormat.EStargz, offset, length - EStargzSize - offset, -1, offset);
        if (Parse(tail[^LegacyStargzSize..], extraLength: 22, payloadAt: 12) is { } legacy && legacy < length - LegacyStargzSize)
            return new TocLocation(LayerFormat.EStargz, legacy, length - LegacyStargzSize - legacy, -1, legacy);
        return null;
    }

    /// <summary>The TOC offset of a footer gzip header (FEXTRA set) whose extra field is <c>[SG len]%016xSTARGZ</c>.</summary>
    private static long? Parse(ReadOnlySpan<byte> footer, int extraLength, int payloadAt)
    {
        if (footer[0] != 0x1F || footer[1] != 0x8B || footer[2] != 8 || (footer[3] & 4) == 0) return null;
        if (BinaryPrimitives.ReadUInt16LittleEndian(footer[10..]) != extraLength) return null;
        if (extraLength == 26 && (footer[12] != (byte)'S' || footer[13] != (byte)'G' || BinaryPrimitives.ReadUInt16LittleEndian(footer[14..]) != 22)) return null;
        if (!footer.Slice(payloadAt + 16, StargzMarker.Length).SequenceEqual(StargzMarker)) return null;
        Span<char> hex = stackalloc char[16];
        for (var i = 0; i < 16; i++) hex[i] = (char)footer[payloadAt + i];
        return long.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var offset) && offset >= 0 ? offset : null;
    }
}
