namespace UnionFs.Images;

/// <summary>Which image of an archive or layout to open, and how.</summary>
public sealed record ImageOpenOptions
{
    /// <summary>The shared default options.</summary>
    public static ImageOpenOptions Default { get; } = new();

    /// <summary>
    /// The platform to pick from a multi-platform index. Null: the only image, or else the one for
    /// <see cref="ImagePlatform.Current"/>.
    /// </summary>
    public ImagePlatform? Platform { get; init; }

    /// <summary>
    /// The tag or reference to pick: matched against the <c>org.opencontainers.image.ref.name</c> and
    /// <c>io.containerd.image.name</c> annotations, and Docker's <c>RepoTags</c>. <c>latest</c>,
    /// <c>busybox:latest</c> and <c>docker.io/library/busybox:latest</c> all match the last one. Null: the only image.
    /// </summary>
    public string? Tag { get; init; }

    /// <summary>
    /// Check every blob against its digest and size, and the config's <c>rootfs.diff_ids</c> against the
    /// layers' computed diff digests (one read pass over each uncompressed layer). On by default.
    /// </summary>
    public bool VerifyDigests { get; init; } = true;

    /// <summary>How layers are decompressed (memory threshold, temporary directory, size limit).</summary>
    public LayerOpenOptions Layers { get; init; } = LayerOpenOptions.Default;
}
