namespace UnionFs.Cli.Sources;

/// <summary>One branch of the union as the tool shows it.</summary>
/// <param name="Id">The layer's name in output: its position counted from the base layer (<c>0</c>), or <c>upper</c>.</param>
/// <param name="Branch">The branch.</param>
/// <param name="Source">Where it comes from: a directory, a layer tar, or its path inside the image.</param>
/// <param name="Tar">The layer tar behind it, for tar layers and image layers; null for a directory.</param>
/// <param name="Digest">The blob digest as the image's manifest gives it; null to use the tar's own.</param>
internal sealed record LayerInfo(string Id, IBranch Branch, string Source, TarLayerBranch? Tar = null, string? Digest = null)
{
    /// <summary>The id of the upper layer.</summary>
    public const string UpperId = "upper";

    /// <summary>True for the upper directory.</summary>
    public bool IsUpper => Id == UpperId;

    /// <summary>The blob digest (<c>sha256:…</c>) of a tar layer; null for a directory.</summary>
    public string? BlobDigest => Digest ?? Tar?.Digest;

    /// <summary>A short description for messages: <c>layer 2 (sha256:…)</c> or <c>upper (/srv/upper)</c>.</summary>
    public string Describe() => (IsUpper ? "upper" : "layer " + Id) + " (" + (BlobDigest ?? Source) + ")";
}
