using System.Buffers.Binary;
using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace UnionFs.Images.Tests.Toc;

/// <summary>
/// Writes a zstd:chunked layer as containers/storage lays it out, from its published description (no tool here
/// writes this variant): the tar split into zstd frames, every file chunk a frame of its own whose range the
/// manifest gives by <c>offset</c>/<c>endOffset</c> (runs of zeros as <c>chunkType: zeros</c>), the manifest a
/// zstd-compressed skippable frame, and the 64-byte footer (with tar-split fields) in a last skippable frame.
/// </summary>
internal static class ZstdChunkedWriter
{
    /// <summary>The key of the annotation that vouches for the manifest.</summary>
    public const string ChecksumAnnotation = "io.github.containers.zstd-chunked.manifest-checksum";

    private static readonly DateTimeOffset Time = new(2024, 5, 6, 7, 8, 9, TimeSpan.Zero);

    /// <summary>The blob, its plain tar, and the annotation value of its manifest checksum.</summary>
    public static (byte[] Blob, byte[] Tar, string ManifestChecksum) Write(IEnumerable<(TarEntryType Type, string Name, byte[]? Content, string? Link)> entries, int chunkSize)
    {
        var tar = new MemoryStream();
        var blob = new MemoryStream();
        var manifest = new JsonArray();
        long flushed = 0;
        using var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true);
        foreach (var (type, name, content, link) in entries)
        {
            var entry = new PaxTarEntry(type, name) { Mode = type == TarEntryType.Directory ? (UnixFileMode)0x1ED : (UnixFileMode)0x1A4, ModificationTime = Time };
            if (link is not null) entry.LinkName = link;
            if (content is not null) entry.DataStream = new MemoryStream(content);
            writer.WriteEntry(entry);
            var json = new JsonObject { ["type"] = TypeName(type), ["name"] = name, ["mode"] = (int)entry.Mode, ["modtime"] = Time.ToString("yyyy-MM-ddTHH:mm:ssZ") };
            if (link is not null) json["linkName"] = link;
            manifest.Add(json);
            if (content is not { Length: > 0 }) continue;
            json["size"] = content.Length;
            json["digest"] = Digest(content);
            // The header (and what came before) is a frame of its own; then one frame per chunk of the data.
            var bytes = tar.GetBuffer();
            var dataStart = tar.Length - RoundUp(content.Length);
            Frame(blob, bytes.AsSpan((int)flushed, (int)(dataStart - flushed)));
            for (var offset = 0; offset < content.Length; offset += chunkSize)
            {
                var chunk = content.AsSpan(offset, Math.Min(chunkSize, content.Length - offset));
                var start = blob.Length;
                Frame(blob, chunk);
                var target = offset == 0 ? json : new JsonObject { ["type"] = "chunk", ["name"] = name, ["chunkOffset"] = offset };
                target["offset"] = start;
                target["endOffset"] = blob.Length;
                target["chunkSize"] = chunk.Length;
                target["chunkDigest"] = Digest(chunk);
                if (!chunk.ContainsAnyExcept((byte)0)) target["chunkType"] = "zeros";
                if (offset > 0) manifest.Add(target);
            }
            flushed = dataStart + content.Length;
        }
        writer.Dispose();
        Frame(blob, tar.GetBuffer().AsSpan((int)flushed, (int)(tar.Length - flushed)));

        var text = System.Text.Encoding.UTF8.GetBytes(new JsonObject { ["version"] = 1, ["entries"] = manifest }.ToJsonString());
        using var compressor = new ZstdSharp.Compressor();
        var compressedManifest = compressor.Wrap(text).ToArray();
        var manifestOffset = Skippable(blob, compressedManifest);
        var footer = new byte[64];
        BinaryPrimitives.WriteUInt64LittleEndian(footer, (ulong)manifestOffset);
        BinaryPrimitives.WriteUInt64LittleEndian(footer.AsSpan(8), (ulong)compressedManifest.Length);
        BinaryPrimitives.WriteUInt64LittleEndian(footer.AsSpan(16), (ulong)text.Length);
        BinaryPrimitives.WriteUInt64LittleEndian(footer.AsSpan(24), 1);
        "GnUlInUx"u8.CopyTo(footer.AsSpan(56));
        Skippable(blob, footer);
        return (blob.ToArray(), tar.ToArray(), Digest(compressedManifest));
    }

    private static void Frame(MemoryStream blob, ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty) return;
        using var compressor = new ZstdSharp.Compressor();
        blob.Write(compressor.Wrap(data));
    }

    /// <summary>Appends a skippable frame; returns where its payload starts.</summary>
    private static long Skippable(MemoryStream blob, byte[] payload)
    {
        Span<byte> header = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(header, 0x184D2A50);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], (uint)payload.Length);
        blob.Write(header);
        var start = blob.Length;
        blob.Write(payload);
        return start;
    }

    private static long RoundUp(long length) => (length + 511) / 512 * 512;

    private static string Digest(ReadOnlySpan<byte> data) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(data));

    private static string TypeName(TarEntryType type) => type switch
    {
        TarEntryType.RegularFile => "reg",
        TarEntryType.Directory => "dir",
        TarEntryType.SymbolicLink => "symlink",
        TarEntryType.HardLink => "hardlink",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };
}
