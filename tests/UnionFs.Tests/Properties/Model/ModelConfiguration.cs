using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Properties.Model;

/// <summary>One arrangement the model-based tests run in: where the fixture goes, and what the branches are made of.</summary>
public sealed record ModelConfiguration(FixturePlacement Placement, BranchKind UpperKind, BranchKind LowerKind)
{
    /// <summary>Every arrangement: memory, MockFileSystem and real-disk branches, and the model checked against the disk.</summary>
    public static IReadOnlyList<ModelConfiguration> All { get; } =
    [
        new(FixturePlacement.Upper, BranchKind.Memory, BranchKind.Memory),
        new(FixturePlacement.OneLower, BranchKind.Memory, BranchKind.Memory),
        new(FixturePlacement.ThreeLowers, BranchKind.Memory, BranchKind.Memory),
        new(FixturePlacement.UpperAndThreeLowers, BranchKind.Memory, BranchKind.Memory),
        new(FixturePlacement.ThreeLowers, BranchKind.Memory, BranchKind.MockDirectory),
        new(FixturePlacement.UpperAndThreeLowers, BranchKind.MockDirectory, BranchKind.MockDirectory),
        new(FixturePlacement.OneLower, BranchKind.MockDirectory, BranchKind.Memory),
        new(FixturePlacement.UpperAndThreeLowers, BranchKind.RealDirectory, BranchKind.RealDirectory),
        new(FixturePlacement.RealDiskReference, BranchKind.RealDirectory, BranchKind.RealDirectory),
    ];

    /// <summary>How many layers receive the fixture (bits of <see cref="ModelFixture.Masks"/>).</summary>
    public int FixtureLayers => Placement switch
    {
        FixturePlacement.ThreeLowers => 3,
        FixturePlacement.UpperAndThreeLowers => 4,
        _ => 1,
    };

    /// <summary>
    /// False when a branch that receives the fixture, or the upper a lower link may be copied up into, lives in a
    /// MockFileSystem, which refuses to store a link whose target does not exist on the mock host.
    /// </summary>
    public bool LinksInFixture => Placement == FixturePlacement.RealDiskReference
        || (UpperKind != BranchKind.MockDirectory && (Placement == FixturePlacement.Upper || LowerKind != BranchKind.MockDirectory));

    /// <summary>False when new links would land in a MockFileSystem upper (see <see cref="LinksInFixture"/>).</summary>
    public bool LinkOperations => Placement == FixturePlacement.RealDiskReference || UpperKind != BranchKind.MockDirectory;

    public override string ToString() => Placement == FixturePlacement.RealDiskReference
        ? "RealDiskReference"
        : $"{Placement}_{UpperKind}Upper_{LowerKind}Lowers";
}
