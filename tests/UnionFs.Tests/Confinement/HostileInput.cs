namespace UnionFs.Tests.Confinement;

/// <summary>
/// One entry of the <see cref="HostileCatalogue"/>: a path a caller might pass (<see cref="Path"/>), a symbolic-link
/// target a caller might store (<see cref="LinkTarget"/>), and what the branch's directory may already hold on the
/// host (<see cref="Plant"/>: a layer someone else made). <c>{sandbox}</c> in a path or target stands for the host
/// directory that holds the branch root, the canary and the outside directory.
/// </summary>
public sealed record HostileInput(string Name, string Category, string Path, string? LinkTarget = null)
{
    /// <summary>What the branch's host directory holds before the union opens it.</summary>
    public Action<Planter>? Plant { get; init; }

    /// <summary>True when the plant needs real symbolic links or special files, which a <c>MockFileSystem</c> cannot hold.</summary>
    public bool RealDiskOnly { get; init; }

    public string PathIn(string sandbox) => Path.Replace("{sandbox}", sandbox, StringComparison.Ordinal);

    public string LinkTargetIn(string sandbox) => (LinkTarget ?? Path).Replace("{sandbox}", sandbox, StringComparison.Ordinal);

    public override string ToString() => $"{Category}: {Name}";
}
