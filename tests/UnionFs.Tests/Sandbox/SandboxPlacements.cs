using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Sandbox;

/// <summary>Fixture sources for the sandbox tests: an upper that starts empty, over lowers of every kind.</summary>
public static class SandboxPlacements
{
    /// <summary>Two lowers and an empty upper, with memory, mock-directory and real-directory branches.</summary>
    public static IEnumerable<TestFixtureData> EveryBranchKind =>
        Enum.GetValues<BranchKind>().Select(k => new TestFixtureData(Placement.SplitLowers, k));

    /// <summary>The branch kinds whose upper is a directory of a host file system.</summary>
    public static IEnumerable<TestFixtureData> DirectoryKinds =>
        new[] { BranchKind.MockDirectory, BranchKind.RealDirectory }.Select(k => new TestFixtureData(Placement.SplitLowers, k));

    /// <summary>The branch kinds whose open streams keep their data after the file is gone (not MockFileSystem's).</summary>
    public static IEnumerable<TestFixtureData> KindsWhoseStreamsOutliveTheirFile =>
        new[] { BranchKind.Memory, BranchKind.RealDirectory }.Select(k => new TestFixtureData(Placement.SplitLowers, k));
}
