namespace UnionFs.Images;

/// <summary>
/// The layers of an image (or of any union) to inspect, with their digests. Results name a layer by its index
/// counted from the base layer (<c>0</c>), the order of an image manifest; the constructors take the branches
/// topmost first, the order <see cref="UnionFileSystem"/> and <see cref="ContainerImage.Lowers"/> use.
/// </summary>
public sealed class LayerSet
{
    private readonly IBranch[] _lowers;
    private readonly string?[] _digests;

    /// <summary>A stack of <paramref name="lowers"/>, topmost first, with no digests of their own (a tar layer's is used).</summary>
    /// <param name="lowers">The branches, topmost first.</param>
    public LayerSet(IReadOnlyList<IBranch> lowers)
        : this(lowers, null)
    {
    }

    /// <summary>A stack of <paramref name="lowers"/> (topmost first) with their digests in the same order.</summary>
    /// <param name="lowers">The branches, topmost first.</param>
    /// <param name="digests">The digest of each branch (null entries fall back to a tar layer's own); null for none.</param>
    /// <exception cref="ArgumentException">The digests do not match the branches in number.</exception>
    public LayerSet(IReadOnlyList<IBranch> lowers, IReadOnlyList<string?>? digests)
    {
        ArgumentNullException.ThrowIfNull(lowers);
        if (digests is not null && digests.Count != lowers.Count)
            throw new ArgumentException($"{digests.Count} digests were given for {lowers.Count} layers.", nameof(digests));
        _lowers = [.. lowers];
        foreach (var branch in _lowers) ArgumentNullException.ThrowIfNull(branch, nameof(lowers));
        _digests = digests is null ? new string?[_lowers.Length] : [.. digests];
    }

    /// <summary>How many layers the stack has.</summary>
    public int Count => _lowers.Length;

    /// <summary>The branches, topmost first.</summary>
    public IReadOnlyList<IBranch> Lowers => _lowers;

    /// <summary>The branch of the layer at <paramref name="index"/> (0 = the base layer).</summary>
    public IBranch this[int index] => _lowers[ToLowerIndex(index)];

    /// <summary>The stack of <paramref name="image"/>'s layers with their manifest digests. The image must stay open while it is used.</summary>
    public static LayerSet FromImage(ContainerImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return new LayerSet(image.Lowers, [.. image.Layers.Reverse().Select(l => (string?)l.Digest)]);
    }

    /// <summary>
    /// The digest of the layer at <paramref name="index"/> (0 = the base layer): the one given, or a tar layer's
    /// blob digest (computed on first use for an uncompressed tar); null for other branches.
    /// </summary>
    public string? DigestOf(int index)
    {
        var lower = ToLowerIndex(index);
        return _digests[lower] ?? (_lowers[lower] as TarLayerBranch)?.Digest;
    }

    /// <summary>The layers below the one at <paramref name="index"/>, topmost first (what it changes).</summary>
    public IReadOnlyList<IBranch> Below(int index) => _lowers[(ToLowerIndex(index) + 1)..];

    /// <summary>A read-only union of every layer (an empty one for an empty stack).</summary>
    public UnionFileSystem Mount() => _lowers.Length == 0 ? UnionFileSystem.ReadOnly(new MemoryBranch()) : UnionFileSystem.ReadOnly(_lowers);

    private int ToLowerIndex(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _lowers.Length);
        return _lowers.Length - 1 - index;
    }
}
