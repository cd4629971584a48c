namespace UnionFs;

/// <summary>
/// Streams for the content of fixture files. A <see cref="MemoryBranch"/> adopts the chunks of a memory file
/// stream instead of copying them through a 64 KiB buffer, so a fixture of thousands of small files costs
/// only its bytes; any other branch gets a plain <see cref="MemoryStream"/>.
/// </summary>
internal static class FixtureContent
{
    /// <summary>A stream over <paramref name="content"/>, positioned at 0, for <see cref="IBranch.CreateFile"/> on <paramref name="branch"/>.</summary>
    public static Stream Open(IBranch branch, byte[] content, DateTime nowUtc)
    {
        if (branch is not MemoryBranch) return new MemoryStream(content, writable: false);
        var entry = new BranchEntry
        {
            Name = string.Empty,
            Kind = EntryKind.File,
            Length = content.Length,
            CreationTimeUtc = nowUtc,
            LastAccessTimeUtc = nowUtc,
            LastWriteTimeUtc = nowUtc,
        };
        var node = new MemoryNode(entry);
        node.Write(0, content);
        return new MemoryFileStream(node, writable: false, TimeProvider.System);
    }
}
