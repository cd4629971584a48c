namespace UnionFs.Images;

/// <summary>One layer of a <see cref="ContainerImage"/>.</summary>
public sealed class ImageLayer
{
    private readonly string? _digest;

    internal ImageLayer(int index, string path, string mediaType, string? digest, long size, TarLayerBranch branch)
    {
        Index = index;
        Path = path;
        MediaType = mediaType;
        _digest = digest;
        Size = size;
        Branch = branch;
    }

    /// <summary>The layer's position, 0 for the base layer (the order of the manifest and of <c>rootfs.diff_ids</c>).</summary>
    public int Index { get; }

    /// <summary>Where the layer is inside the image (<c>blobs/sha256/…</c> or <c>&lt;id&gt;/layer.tar</c>).</summary>
    public string Path { get; }

    /// <summary>The media type of the layer's descriptor (for Docker 24 archives, the one its compression implies).</summary>
    public string MediaType { get; }

    /// <summary>
    /// The blob digest (<c>sha256:…</c> of the layer as stored): the descriptor's, or for a Docker 24 archive
    /// computed on first use.
    /// </summary>
    public string Digest => _digest ?? Branch.Digest;

    /// <summary>The diff digest (<c>sha256:…</c> of the uncompressed tar).</summary>
    public string DiffId => Branch.DiffId;

    /// <summary>The stored size in bytes (compressed, for a compressed layer).</summary>
    public long Size { get; }

    /// <summary>The layer as a read-only branch; owned by the image.</summary>
    public TarLayerBranch Branch { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Index}: {Digest} ({MediaType}, {Size} bytes)";
}
