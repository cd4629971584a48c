namespace UnionFs.Tests.Watcher;

/// <summary>With nobody watching, reporting changes costs no allocation on the write path.</summary>
public class WatcherCostTests
{
    [Test]
    public void StreamWrites_WithoutWatchers_ShouldAllocateNoMoreThanTheBranchStreamItself()
    {
        var upper = new MemoryBranch();
        var fs = new UnionFileSystem(upper);
        fs.File.WriteAllBytes("/raw", new byte[64 * 1024]);
        using var raw = upper.OpenWrite("/raw");
        using var union = fs.File.Open("/f", FileMode.Create, FileAccess.ReadWrite);
        union.SetLength(64 * 1024);

        var branchOnly = AllocatedByWrites(raw);
        var throughUnion = AllocatedByWrites(union);

        throughUnion.Should().Be(branchOnly);
    }

    private static long AllocatedByWrites(Stream stream)
    {
        ReadOnlySpan<byte> one = [42];
        for (var i = 0; i < 20_000; i++) stream.Write(one);
        stream.Position = 0;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++) stream.Write(one);
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [Test]
    public void StreamWrites_WithAWatcherElsewhere_ShouldStillReportNothingThere()
    {
        var fs = new UnionFileSystem(new MemoryBranch());
        fs.Directory.CreateDirectory("/watched");
        using var watcher = fs.FileSystemWatcher.New("/watched");
        var events = new EventRecorder(watcher);
        watcher.EnableRaisingEvents = true;

        using (var stream = fs.File.Open("/f", FileMode.Create, FileAccess.ReadWrite))
            for (var i = 0; i < 1000; i++) stream.WriteByte(1);

        events.AfterQuiet().Should().BeEmpty();
    }
}
