namespace UnionFs.Images;

/// <summary>
/// A read-only view of another branch: reads pass through, every write member throws an
/// <see cref="IOException"/> with HResult 0x1E (EROFS), as <see cref="TarLayerBranch"/> does.
/// <see cref="UnionCommitExtensions.Commit"/> uses it to turn an upper into a lower.
/// </summary>
/// <param name="inner">The branch to protect; it is not copied, so whoever else holds it can still change it.</param>
public sealed class ReadOnlyBranch(IBranch inner) : ReadOnlyBranchBase
{
    /// <summary>The branch behind this view.</summary>
    public IBranch Inner { get; } = inner ?? throw new ArgumentNullException(nameof(inner));

    /// <inheritdoc />
    public override bool SupportsRedirect => Inner.SupportsRedirect;

    /// <inheritdoc />
    public override BranchEntry? Stat(string path) => Inner.Stat(path);

    /// <inheritdoc />
    public override IEnumerable<BranchEntry> List(string path) => Inner.List(path);

    /// <inheritdoc />
    public override Stream OpenRead(string path) => Inner.OpenRead(path);
}
