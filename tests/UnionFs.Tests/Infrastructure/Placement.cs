namespace UnionFs.Tests.Infrastructure;

/// <summary>Where a <see cref="Layout"/> is put before the test runs.</summary>
public enum Placement
{
    /// <summary>Everything in the upper; no lowers.</summary>
    Upper,

    /// <summary>Everything in one lower; the upper starts empty.</summary>
    Lower,

    /// <summary>Entries dealt round-robin over two lowers (directories merge); the upper starts empty.</summary>
    SplitLowers,

    /// <summary>Entries dealt round-robin over the upper and two lowers.</summary>
    UpperAndLowers,
}

/// <summary>What the branches are made of.</summary>
public enum BranchKind
{
    Memory,
    MockDirectory,
    RealDirectory,
}

/// <summary>Fixture sources for <c>[TestFixtureSource]</c>.</summary>
public static class Placements
{
    /// <summary>Every placement, with memory branches.</summary>
    public static IEnumerable<TestFixtureData> All =>
        Enum.GetValues<Placement>().Select(p => new TestFixtureData(p, BranchKind.Memory));

    /// <summary>Every placement with every kind of branch.</summary>
    public static IEnumerable<TestFixtureData> AllWithDirectoryBranches =>
        from k in Enum.GetValues<BranchKind>()
        from p in Enum.GetValues<Placement>()
        select new TestFixtureData(p, k);

    /// <summary>Placements whose upper starts empty (needed for a read-only union over the same lowers).</summary>
    public static IEnumerable<TestFixtureData> LowersOnly =>
        new[] { Placement.Lower, Placement.SplitLowers }.Select(p => new TestFixtureData(p, BranchKind.Memory));
}
