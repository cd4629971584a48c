using System.Security.Cryptography;
using System.Text;
using UnionFs.Images.Storage.Gzip;
using UnionFs.Images.Tar;

namespace UnionFs.Images.Storage.Cache;

/// <summary>
/// The file form of a <see cref="LayerIndexEntry"/>: a magic and version, the fields, the tar index, the gzip
/// checkpoints, and a SHA-256 of all of it at the end, so a damaged or foreign file is recognised and ignored.
/// </summary>
internal static class LayerIndexEntrySerializer
{
    private static readonly byte[] Magic = "UNIONFS-LAYER-INDEX\n"u8.ToArray();
    private const int FormatVersion = 1;

    public static byte[] Write(LayerIndexEntry entry)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write7BitEncodedInt(FormatVersion);
            writer.Write(entry.Digest);
            writer.Write(entry.DiffId);
            writer.Write((byte)entry.Compression);
            writer.Write7BitEncodedInt64(entry.CompressedLength);
            writer.Write7BitEncodedInt64(entry.UncompressedLength);
            TarIndexSerializer.Write(entry.Tar, writer);
            writer.Write(entry.Gzip is not null);
            entry.Gzip?.WriteTo(writer);
        }
        buffer.Write(SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)));
        return buffer.ToArray();
    }

    /// <summary>The entry in <paramref name="bytes"/>; <see cref="InvalidDataException"/> when they are not one (of this version).</summary>
    public static LayerIndexEntry Read(byte[] bytes, string layer)
    {
        const int HashLength = 32;
        if (bytes.Length < Magic.Length + HashLength || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            throw new InvalidDataException("not a layer index file");
        var body = bytes.AsSpan(0, bytes.Length - HashLength);
        if (!SHA256.HashData(body).AsSpan().SequenceEqual(bytes.AsSpan(body.Length))) throw new InvalidDataException("damaged layer index file");
        using var reader = new BinaryReader(new MemoryStream(bytes, Magic.Length, body.Length - Magic.Length), Encoding.UTF8);
        if (reader.Read7BitEncodedInt() != FormatVersion) throw new InvalidDataException("layer index file of another version");
        var digest = reader.ReadString();
        var diffId = reader.ReadString();
        var compression = (LayerCompression)reader.ReadByte();
        var compressedLength = reader.Read7BitEncodedInt64();
        var uncompressedLength = reader.Read7BitEncodedInt64();
        var tar = TarIndexSerializer.Read(reader, layer);
        var gzip = reader.ReadBoolean() ? GzipCheckpointIndex.ReadFrom(reader) : null;
        return new LayerIndexEntry(digest, diffId, compression, compressedLength, uncompressedLength, tar, gzip);
    }
}
