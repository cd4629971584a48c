namespace UnionFs.Images;

/// <summary>The OCI and Docker media types this package reads and writes.</summary>
public static class MediaTypes
{
    /// <summary>An uncompressed OCI layer.</summary>
    public const string OciLayer = "application/vnd.oci.image.layer.v1.tar";

    /// <summary>A gzip OCI layer.</summary>
    public const string OciLayerGzip = "application/vnd.oci.image.layer.v1.tar+gzip";

    /// <summary>A zstd OCI layer.</summary>
    public const string OciLayerZstd = "application/vnd.oci.image.layer.v1.tar+zstd";

    /// <summary>An OCI image manifest.</summary>
    public const string OciManifest = "application/vnd.oci.image.manifest.v1+json";

    /// <summary>An OCI image index.</summary>
    public const string OciIndex = "application/vnd.oci.image.index.v1+json";

    /// <summary>An OCI image configuration.</summary>
    public const string OciConfig = "application/vnd.oci.image.config.v1+json";

    /// <summary>A Docker (schema 2) gzip layer.</summary>
    public const string DockerLayerGzip = "application/vnd.docker.image.rootfs.diff.tar.gzip";

    /// <summary>A Docker uncompressed layer.</summary>
    public const string DockerLayer = "application/vnd.docker.image.rootfs.diff.tar";

    /// <summary>A Docker foreign (non-distributable) gzip layer.</summary>
    public const string DockerForeignLayerGzip = "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip";

    /// <summary>A Docker (schema 2) image manifest.</summary>
    public const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";

    /// <summary>A Docker manifest list.</summary>
    public const string DockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";

    /// <summary>A Docker image configuration.</summary>
    public const string DockerConfig = "application/vnd.docker.container.image.v1+json";

    private static readonly HashSet<string> LayerTypes = new(StringComparer.Ordinal)
    {
        OciLayer, OciLayerGzip, OciLayerZstd,
        "application/vnd.oci.image.layer.nondistributable.v1.tar",
        "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip",
        "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd",
        DockerLayerGzip, DockerLayer, DockerForeignLayerGzip,
    };

    /// <summary>True for a layer media type this package reads (compression is still sniffed from the bytes).</summary>
    /// <param name="mediaType">A descriptor's media type.</param>
    public static bool IsLayer(string? mediaType) => mediaType is not null && LayerTypes.Contains(mediaType);

    /// <summary>True for an image manifest media type (OCI or Docker schema 2).</summary>
    /// <param name="mediaType">A descriptor's media type.</param>
    public static bool IsManifest(string? mediaType) => mediaType is OciManifest or DockerManifest;

    /// <summary>True for an image index or manifest list media type.</summary>
    /// <param name="mediaType">A descriptor's media type.</param>
    public static bool IsIndex(string? mediaType) => mediaType is OciIndex or DockerManifestList;

    /// <summary>The OCI layer media type for a compression.</summary>
    /// <param name="compression">The layer's compression.</param>
    public static string ForLayer(LayerCompression compression) => compression switch
    {
        LayerCompression.Gzip => OciLayerGzip,
        LayerCompression.Zstd => OciLayerZstd,
        _ => OciLayer,
    };
}
