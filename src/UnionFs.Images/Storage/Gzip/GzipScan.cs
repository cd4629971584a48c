using System.Security.Cryptography;

namespace UnionFs.Images.Storage.Gzip;

/// <summary>
/// The one streaming pass over a gzip blob: decodes it all, hashing the compressed bytes (the blob digest) and the
/// uncompressed ones (the diff digest), and records the checkpoints a <see cref="GzipSeekableSource"/> needs. Holds
/// nothing but the decoder's buffers and the (compressed) checkpoint windows.
/// </summary>
internal static class GzipScan
{
    /// <summary>About one checkpoint per this many uncompressed bytes (fewer when the windows would take too much room).</summary>
    public const long CheckpointSpacing = 1 << 20;

    /// <summary>Scans <paramref name="compressed"/>; <see cref="InvalidDataException"/> for corrupt data or more than <paramref name="maxLength"/> bytes.</summary>
    /// <param name="compressed">The gzip blob.</param>
    /// <param name="maxLength">The most uncompressed bytes allowed.</param>
    /// <param name="sink">When given, sees every uncompressed byte in order (the tar header scanner).</param>
    public static (GzipCheckpointIndex Index, string Digest, string DiffId) Run(ByteSource compressed, long maxLength, Action<ReadOnlySpan<byte>>? sink = null)
    {
        using var blobHash = new HashingSource(compressed);
        using var diffHash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var builder = new GzipCheckpointIndex.Builder();
        var decoder = new GzipDecoder(blobHash) { CheckpointSpacing = CheckpointSpacing, CheckpointRecorded = builder.Add };
        var buffer = new byte[1 << 16];
        long length = 0;
        int read;
        while ((read = decoder.Read(buffer)) > 0)
        {
            length += read;
            if (length > maxLength) throw new InvalidDataException($"The uncompressed layer is larger than the limit of {maxLength} bytes.");
            diffHash.AppendData(buffer, 0, read);
            sink?.Invoke(buffer.AsSpan(0, read));
        }
        return (builder.Complete(compressed.Length, length), blobHash.Digest(), Digests.Format(diffHash.GetHashAndReset()));
    }

    /// <summary>Hashes what the decoder reads, which is every byte once, in order; any bytes it did not read are hashed at the end.</summary>
    private sealed class HashingSource(ByteSource inner) : ByteSource
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private long _hashed;

        public override long Length => inner.Length;

        public override int ReadAt(long position, Span<byte> buffer)
        {
            var read = inner.ReadAt(position, buffer);
            if (position != _hashed) throw new InvalidOperationException("The scan reads the blob in order.");
            _hash.AppendData(buffer[..read]);
            _hashed += read;
            return read;
        }

        public string Digest()
        {
            var rest = new byte[1 << 16];
            while (_hashed < inner.Length)
            {
                var read = inner.ReadAt(_hashed, rest);
                if (read <= 0) throw new EndOfStreamException();
                _hash.AppendData(rest, 0, read);
                _hashed += read;
            }
            return Digests.Format(_hash.GetHashAndReset());
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) _hash.Dispose();
            base.Dispose(disposing);
        }
    }
}
