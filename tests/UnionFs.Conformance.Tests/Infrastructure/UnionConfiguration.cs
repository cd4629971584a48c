namespace UnionFs.Conformance.Tests.Infrastructure;

/// <summary>The union placements every conformance test runs in, each compared with the real file system.</summary>
public enum UnionConfiguration
{
    /// <summary>A union of one memory upper and no lowers: a plain in-memory file system.</summary>
    MemoryOnly,

    /// <summary>A memory upper over a <see cref="DirectoryBranch"/> lower that holds the test's tree on disk: every write is a copy-up or a whiteout.</summary>
    MemoryOverDirectoryLower,

    /// <summary>A memory upper over two memory lowers, the test's tree in the upper one.</summary>
    MemoryLowers,
}
