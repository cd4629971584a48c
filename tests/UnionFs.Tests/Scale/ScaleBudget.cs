namespace UnionFs.Tests.Scale;

/// <summary>
/// How big the scale tests go. CI runs the defaults; <c>UNIONFS_SCALE=full</c> runs every size the issue names
/// (a million-entry lower, a 10,000-deep chain made through the union, a copy-up of a 5 GiB file into a directory
/// upper): <c>UNIONFS_SCALE=full dotnet test tests/UnionFs.Tests --filter "FullyQualifiedName~UnionFs.Tests.Scale"</c>.
/// </summary>
public static class ScaleBudget
{
    public static bool Full { get; } = string.Equals(Environment.GetEnvironmentVariable("UNIONFS_SCALE"), "full", StringComparison.OrdinalIgnoreCase);

    /// <summary>Entries of the big lower: directories of 1,000 files each.</summary>
    public static int LowerEntries { get; } = Full ? 1_000_000 : 1_000_000;

    /// <summary>Depth of the chains built straight into a branch.</summary>
    public static int ChainDepth { get; } = 10_000;

    /// <summary>Depth of the chain made through the union, one CreateDirectory call, which walks each new level from the root.</summary>
    public static int CreationDepth { get; } = Full ? 10_000 : 2_000;

    /// <summary>Handles open at once.</summary>
    public static int Handles { get; } = 5_000;

    /// <summary>Copying a 5 GiB file into a directory upper writes 5 GiB: only in a full run (and only with the room for it).</summary>
    public static bool LargeCopyToDisk => Full;
}
