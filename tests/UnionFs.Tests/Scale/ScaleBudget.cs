namespace UnionFs.Tests.Scale;

/// <summary>
/// How big the scale tests go. CI runs a million-entry lower, 10,000-deep chains and 5,000 open handles, which take a
/// few seconds each; <c>UNIONFS_SCALE=full</c> adds what takes longer: a copy-up of a 5 GiB file into a directory upper
/// (5 GiB written, and only when the disk has room):
/// <c>UNIONFS_SCALE=full dotnet test tests/UnionFs.Tests --filter "FullyQualifiedName~UnionFs.Tests.Scale"</c>.
/// </summary>
public static class ScaleBudget
{
    public static bool Full { get; } = string.Equals(Environment.GetEnvironmentVariable("UNIONFS_SCALE"), "full", StringComparison.OrdinalIgnoreCase);

    /// <summary>Entries of the big lower: directories of 1,000 files each.</summary>
    public static int LowerEntries { get; } = 1_000_000;

    /// <summary>Depth of the chains built straight into a branch.</summary>
    public static int ChainDepth { get; } = 10_000;

    /// <summary>Depth of the chain made through the union, one CreateDirectory call (one walk down, a step per level).</summary>
    public static int CreationDepth { get; } = 10_000;

    /// <summary>Handles open at once.</summary>
    public static int Handles { get; } = 5_000;

    /// <summary>Copying a 5 GiB file into a directory upper writes 5 GiB: only in a full run (and only with the room for it).</summary>
    public static bool LargeCopyToDisk => Full;
}
