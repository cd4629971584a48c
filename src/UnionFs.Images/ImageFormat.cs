namespace UnionFs.Images;

/// <summary>The shape an image was read from.</summary>
public enum ImageFormat
{
    /// <summary>A <c>docker save</c> tar of Docker 24 and older: <c>manifest.json</c> and <c>&lt;id&gt;/layer.tar</c>.</summary>
    DockerArchive,

    /// <summary>
    /// A tar holding an OCI image layout: <c>docker save</c> of Docker 25 and newer (which adds a
    /// <c>manifest.json</c>), the containerd exporter, <c>buildx --output type=oci</c>.
    /// </summary>
    OciArchive,

    /// <summary>An OCI image layout directory (<c>oci-layout</c>, <c>index.json</c>, <c>blobs/</c>).</summary>
    OciDirectory,

    /// <summary>An extracted Docker 24 <c>docker save</c> tar: a directory with <c>manifest.json</c> and no <c>index.json</c>.</summary>
    DockerDirectory,

    /// <summary>An image read from a registry through the OCI distribution API (<see cref="ContainerImage.OpenRegistry"/>).</summary>
    Registry,
}
