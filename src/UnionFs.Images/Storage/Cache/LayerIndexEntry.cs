using UnionFs.Images.Storage.Gzip;
using UnionFs.Images.Tar;

namespace UnionFs.Images.Storage.Cache;

/// <summary>What the cache keeps about one verified layer blob: its digests, lengths, tar index and gzip checkpoints.</summary>
internal sealed record LayerIndexEntry(
    string Digest,
    string DiffId,
    LayerCompression Compression,
    long CompressedLength,
    long UncompressedLength,
    TarIndex Tar,
    GzipCheckpointIndex? Gzip);
