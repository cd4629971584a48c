namespace UnionFs.Images.Toc;

/// <summary>The layer descriptor annotations that pin a table of contents to the manifest (and so to the image's digest).</summary>
internal static class TocAnnotations
{
    /// <summary>sha256 of the TOC JSON (eStargz; containerd's converter writes it for zstd:chunked too).</summary>
    public const string StargzTocDigest = "containerd.io/snapshot/stargz/toc.digest";

    /// <summary>sha256 of the compressed zstd:chunked manifest, as containers/storage writes it.</summary>
    public const string ZstdChunkedManifestChecksum = "io.github.containers.zstd-chunked.manifest-checksum";

    /// <summary>The same, under the older key the eStargz converter writes.</summary>
    public const string LegacyZstdChunkedManifestChecksum = "io.containers.zstd-chunked.manifest-checksum";
}
