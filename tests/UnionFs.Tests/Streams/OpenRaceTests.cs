namespace UnionFs.Tests.Streams;

/// <summary>
/// A read takes no lock: when the file changes between the lookup and the branch's open (renamed over, removed,
/// a rollback), the union looks it up again instead of failing with the branch's own message.
/// </summary>
public class OpenRaceTests
{
    [Test]
    public void ReadAllText_WhenTheFirstBranchOpenFindsTheFileGone_ShouldLookUpAgainAndRead()
    {
        var lower = new MemoryBranch();
        new UnionFileSystem(lower).File.WriteAllText("/f.txt", "content");
        var fs = new UnionFileSystem(new MemoryBranch(), new VanishingOnceBranch(lower));

        fs.File.ReadAllText("/f.txt").Should().Be("content");
    }

    /// <summary>A branch whose first open throws as if the file had just been removed.</summary>
    private sealed class VanishingOnceBranch(MemoryBranch inner) : IBranch
    {
        private int _opens;

        public bool IsReadOnly => true;

        public bool SupportsRedirect => inner.SupportsRedirect;

        public BranchEntry? Stat(string path) => inner.Stat(path);

        public IEnumerable<BranchEntry> List(string path) => inner.List(path);

        public Stream OpenRead(string path) =>
            Interlocked.Increment(ref _opens) == 1 ? throw new FileNotFoundException("gone in the branch", path) : inner.OpenRead(path);

        public Stream OpenWrite(string path) => throw new NotSupportedException();

        public void CreateFile(string path, Stream? content, EntryMetadata metadata) => throw new NotSupportedException();

        public void CreateDirectory(string path, EntryMetadata metadata, bool opaque) => throw new NotSupportedException();

        public void CreateSymbolicLink(string path, string target, EntryMetadata metadata) => throw new NotSupportedException();

        public void CreateWhiteout(string path) => throw new NotSupportedException();

        public void Remove(string path) => throw new NotSupportedException();

        public void Rename(string sourcePath, string destinationPath, bool leaveWhiteout = false) => throw new NotSupportedException();

        public void SetMetadata(string path, MetadataChange change) => throw new NotSupportedException();

        public void SetOpaque(string path, bool opaque) => throw new NotSupportedException();

        public void SetRedirect(string path, string? redirect) => throw new NotSupportedException();
    }
}
