using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Scale;

/// <summary>
/// Directory chains 10,000 deep (<c>/d/d/.../d</c>, a 20,000-character path): made through the union and straight
/// in a lower, then looked up, listed recursively, diffed, checkpointed, copied up from the bottom, moved and deleted,
/// each on a <see cref="SmallStackThread"/> thread, so any recursion per level would overflow it. A union in memory has no
/// PATH_MAX: every path it holds it lists. A <see cref="DirectoryBranch"/> is bound by its host (4,095 bytes), and
/// refuses deeper levels with a <see cref="PathTooLongException"/> that names the union path.
/// </summary>
[NonParallelizable]
public class DeepChainTests
{
    private static readonly EntryMetadata DirectoryMetadata = EntryMetadata.NewDirectory(new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc));

    private static string Chain(int depth) => string.Concat(Enumerable.Repeat("/d", depth));

    /// <summary>A chain built with one <see cref="IBranch.CreateDirectory"/> per level, and a file at the bottom.</summary>
    private static MemoryBranch LowerChain(int depth, string leafContent)
    {
        var branch = new MemoryBranch();
        var path = string.Empty;
        for (var i = 0; i < depth; i++)
        {
            path += "/d";
            branch.CreateDirectory(path, DirectoryMetadata, opaque: false);
        }
        using var content = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(leafContent));
        branch.CreateFile(path + "/leaf", content, EntryMetadata.NewFile(DirectoryMetadata.LastWriteTimeUtc));
        return branch;
    }

    [Test]
    public void ChainMadeThroughTheUnion_ShouldBeWalkedListedDiffedCheckpointedMovedAndDeleted() => SmallStackThread.Run(() =>
    {
        var depth = ScaleBudget.CreationDepth;
        var fs = new UnionFileSystem(new MemoryBranch());
        var bottom = Chain(depth);

        fs.Directory.CreateDirectory(bottom);
        fs.File.WriteAllText(bottom + "/leaf", "leaf");

        fs.File.ReadAllText(bottom + "/leaf").Should().Be("leaf");
        fs.Directory.EnumerateFileSystemEntries("/", "*", SearchOption.AllDirectories).Count().Should().Be(depth + 1);
        fs.Directory.EnumerateFiles("/", "leaf", SearchOption.AllDirectories).Should().Equal(bottom + "/leaf");
        fs.GetChanges().Should().HaveCount(depth + 1).And.OnlyContain(c => c.Kind == ChangeKind.Added);

        var mark = fs.Checkpoint();
        fs.Directory.Move("/d", "/e");
        fs.File.ReadAllText("/e" + Chain(depth - 1) + "/leaf").Should().Be("leaf");
        fs.Rollback(mark);
        fs.File.ReadAllText(bottom + "/leaf").Should().Be("leaf");

        fs.Directory.Delete("/d", recursive: true);
        fs.Directory.GetFileSystemEntries("/").Should().BeEmpty();
    });

    [Test]
    public void LowerChain_DeepestFile_ShouldBeCopiedUpListedDiffedMovedAndDeleted_LowerUnchanged() => SmallStackThread.Run(() =>
    {
        var depth = ScaleBudget.ChainDepth;
        var lower = LowerChain(depth, "bottom");
        var before = BranchFingerprint.Of(lower);
        var guard = new GuardedBranch(lower, "chain");
        var upper = new MemoryBranch();
        var fs = new UnionFileSystem(upper, guard);
        var leaf = Chain(depth) + "/leaf";

        fs.File.ReadAllText(leaf).Should().Be("bottom");
        fs.File.AppendAllText(leaf, "+up");

        fs.File.ReadAllText(leaf).Should().Be("bottom+up");
        BranchFingerprint.Of(upper).Entries.Should().Be(depth + 1, "the copy-up made every directory above the file");
        fs.Directory.EnumerateFileSystemEntries("/", "*", SearchOption.AllDirectories).Count().Should().Be(depth + 1);
        fs.GetChanges().Should().HaveCount(depth + 1).And.OnlyContain(c => c.Kind == ChangeKind.Modified);

        fs.Directory.Move("/d", "/moved");
        fs.File.ReadAllText("/moved" + Chain(depth - 1) + "/leaf").Should().Be("bottom+up");
        fs.Directory.Exists("/d").Should().BeFalse();

        fs.Directory.Delete("/moved", recursive: true);
        fs.Directory.GetFileSystemEntries("/").Should().BeEmpty();
        fs.GetChanges().Select(c => c.ToString()).Should().Equal("D /d");
        guard.Violations.Should().BeEmpty();
        BranchFingerprint.Of(lower).Should().Be(before);
    });

    [Test]
    public void ChainThroughManyLowers_ShouldMergeAtEveryLevel() => SmallStackThread.Run(() =>
    {
        var depth = ScaleBudget.ChainDepth;
        var top = LowerChain(depth, "top");
        var middle = LowerChain(depth / 2, "middle");
        var fs = new UnionFileSystem(new MemoryBranch(), top, middle, new MemoryBranch());

        fs.File.ReadAllText(Chain(depth) + "/leaf").Should().Be("top");
        fs.File.ReadAllText(Chain(depth / 2) + "/leaf").Should().Be("middle");
        fs.Directory.EnumerateFiles("/", "leaf", SearchOption.AllDirectories).Should().HaveCount(2);
    });

    [Test]
    public void DirectoryUpper_ChainLongerThanTheHostHolds_ShouldStopWithPathTooLongAndStayConsistent() => SmallStackThread.Run(() =>
    {
        using var store = new BranchStore(BranchKind.RealDirectory);
        var upper = (DirectoryBranch)store.Create("upper");
        var fs = new UnionFileSystem(upper);
        // 200 levels of 50 characters: 10,000 characters, well past the host's 4,095 bytes.
        var bottom = string.Concat(Enumerable.Repeat("/" + new string('x', 49), 200));

        var error = fs.Invoking(f => f.Directory.CreateDirectory(bottom)).Should().ThrowExactly<PathTooLongException>().Which;

        error.Message.Should().Contain("'/xxxxx").And.NotContain(upper.Root);
        var made = fs.Directory.EnumerateDirectories("/", "*", SearchOption.AllDirectories).ToList();
        made.Should().NotBeEmpty();
        (upper.Root.Length + made[^1].Length).Should().BeLessThanOrEqualTo(4095, "every level the host holds was made, none beyond");
        (upper.Root.Length + made[^1].Length + 50).Should().BeGreaterThan(4095, "every level the host holds was made");
        fs.File.WriteAllText(made[^1] + "/leaf", "leaf");
        fs.File.ReadAllText(made[^1] + "/leaf").Should().Be("leaf");

        fs.Directory.Delete(made[0], recursive: true);
        fs.Directory.GetFileSystemEntries("/").Should().BeEmpty();
    });

    [Test]
    public void DirectoryLower_ChainAsDeepAsTheHostHolds_ShouldBeReadCopiedUpListedAndDeleted_LowerUnchanged() => SmallStackThread.Run(() =>
    {
        using var store = new BranchStore(BranchKind.RealDirectory);
        var raw = (DirectoryBranch)store.Create("lower");
        // As deep as the host takes: "/d" levels up to 4,095 bytes with the root and "/leaf".
        var depth = (4095 - raw.Root.Length - "/leaf".Length) / 2;
        var bottom = Chain(depth);
        Directory.CreateDirectory(raw.Root + bottom);
        File.WriteAllText(raw.Root + bottom + "/leaf", "on disk");
        var before = BranchFingerprint.Of(raw, SnapshotDetail.FullWithoutAccessTime);
        var guard = new GuardedBranch(raw, "disk");
        var fs = new UnionFileSystem(new MemoryBranch(), guard);

        fs.File.ReadAllText(bottom + "/leaf").Should().Be("on disk");
        fs.File.AppendAllText(bottom + "/leaf", "+up");
        fs.File.ReadAllText(bottom + "/leaf").Should().Be("on disk+up");
        fs.Directory.EnumerateFileSystemEntries("/", "*", SearchOption.AllDirectories).Count().Should().Be(depth + 1);
        fs.GetChanges().Should().HaveCount(depth + 1);

        fs.Directory.Delete("/d", recursive: true);
        fs.Directory.GetFileSystemEntries("/").Should().BeEmpty();
        guard.Violations.Should().BeEmpty();
        BranchFingerprint.Of(raw, SnapshotDetail.FullWithoutAccessTime).Should().Be(before);
    });
}
