using System.Security.Cryptography;
using UnionFs.Images.Storage;

namespace UnionFs.Images.Registry;

/// <summary>
/// The copy of a whole blob a registry sent when it ignored Range: streamed once into a <see cref="SpillBuffer"/>
/// (at most 1 MiB in memory, the rest in a temporary file deleted with the source) and checked against its digest
/// on the way, since every later read is served from it.
/// </summary>
internal static class BlobSpill
{
    public static ByteSource Copy(HttpResponseMessage response, string digest, long length, string host, RegistryOptions options, Action<int> count)
    {
        var layers = options.Image.Layers;
        if (response.Content.Headers.ContentLength is { } announced && announced != length)
        {
            response.Dispose();
            throw new InvalidImageException(digest, null, $"{host} sent {announced} bytes for the blob, its size is {length}.");
        }
        using var spill = new SpillBuffer(Math.Min(layers.MemoryThreshold, MemorySource.ChunkSize), length, layers.TempDirectory);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using (var body = new BlobBody(response, 0, length, options.Timeout))
        {
            var buffer = new byte[1 << 16];
            while (!body.Exhausted)
            {
                var read = body.Read(buffer);
                count(read);
                spill.Write(buffer.AsSpan(0, read));
                hash.AppendData(buffer, 0, read);
            }
        }
        var actual = Digests.Format(hash.GetHashAndReset());
        if (options.Image.VerifyDigests && actual != digest)
            throw new InvalidImageException(digest, null, $"the blob {host} sent has the digest {actual}.");
        return spill.Complete();
    }
}
