using System.IO.Compression;
using System.Security.Cryptography;
using UnionFs.Images.Storage;

namespace UnionFs.Images.Toc;

/// <summary>
/// What only a whole read of a lazily opened blob tells (an eStargz or zstd:chunked blob is also a plain gzip or zstd
/// tar): the uncompressed tar as a stream, and its diff digest and size.
/// </summary>
internal static class WholeBlob
{
    /// <summary>A forward-only stream of the uncompressed tar (the formats' own entries included, as in the diff_id).</summary>
    public static Stream OpenTar(ByteSource raw, LayerCompression compression)
    {
        var input = raw.OpenStream(1 << 16);
        return compression == LayerCompression.Gzip
            ? new GZipStream(input, CompressionMode.Decompress, leaveOpen: false)
            : new ZstdSharp.DecompressionStream(input, leaveOpen: false);
    }

    /// <summary>One pass over the whole blob: the diff digest and size of the tar; past <paramref name="maxSize"/> bytes it stops.</summary>
    public static (string DiffId, long Size) Measure(ByteSource raw, LayerCompression compression, long maxSize, string layer)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long size = 0;
        try
        {
            using var tar = OpenTar(raw, compression);
            var buffer = new byte[1 << 16];
            int read;
            while ((read = tar.Read(buffer, 0, buffer.Length)) > 0)
            {
                size += read;
                if (size > maxSize) throw new InvalidImageException(layer, null, $"the layer decompresses to more than {maxSize} bytes.");
                hash.AppendData(buffer, 0, read);
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or ZstdSharp.ZstdException or EndOfStreamException)
        {
            throw new InvalidImageException(layer, null, $"the {compression.ToString().ToLowerInvariant()} data is corrupt or truncated ({ex.Message})", ex);
        }
        return (Digests.Format(hash.GetHashAndReset()), size);
    }
}
