namespace UnionFs.Tests.Watcher;

/// <summary>
/// The queue between the union and a slow handler, which behaves like inotify's: identical changes waiting in a
/// row coalesce, and past the queue's bound the watcher reports an overflow through Error and goes on.
/// </summary>
public class WatcherQueueTests
{
    private UnionFileSystem _fs = null!;
    private IFileSystemWatcher _watcher = null!;
    private ManualResetEventSlim _release = null!;

    [SetUp]
    public void CreateUnion()
    {
        _fs = new UnionFileSystem(new MemoryBranch());
        _fs.Directory.CreateDirectory("/w");
        _fs.File.WriteAllText("/w/a", "a");
        _fs.File.WriteAllText("/w/b", "b");
        _fs.File.WriteAllText("/w/gate", "g");
        _release = new ManualResetEventSlim();
        _watcher = _fs.FileSystemWatcher.New("/w");
        // The first event blocks the handler thread until the test lets it go, so the later ones queue up.
        _watcher.Changed += (_, e) =>
        {
            if (e.Name == "gate") _release.Wait(TimeSpan.FromSeconds(30));
        };
    }

    [TearDown]
    public void DisposeWatcher()
    {
        _release.Set();
        _watcher.Dispose();
        _release.Dispose();
    }

    [Test]
    public void IdenticalChangesWaitingInARow_ShouldCoalesce()
    {
        var events = new EventRecorder(_watcher);
        _watcher.EnableRaisingEvents = true;
        _fs.File.AppendAllText("/w/gate", "!");

        using (var stream = _fs.File.Open("/w/a", FileMode.Open, FileAccess.Write))
            for (var i = 0; i < 100; i++) stream.WriteByte(1);
        _fs.File.AppendAllText("/w/b", "!");
        _release.Set();

        events.WaitForLast("Changed b").Should().Equal("Changed gate", "Changed a", "Changed b");
    }

    [Test]
    public void MoreChangesThanTheQueueHolds_ShouldRaiseOneOverflowError_ThenGoOn()
    {
        var events = new EventRecorder(_watcher);
        _watcher.EnableRaisingEvents = true;
        _fs.File.AppendAllText("/w/gate", "!");

        var time = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < 17_000; i++) _fs.File.SetLastWriteTimeUtc(i % 2 == 0 ? "/w/a" : "/w/b", time.AddSeconds(i));
        _release.Set();
        events.WaitUntil(_ => events.Errors.Count > 0);
        _fs.Directory.CreateDirectory("/w/later");

        events.WaitUntil(lines => lines.Count > 0 && lines[^1] == "Created later");
        events.Errors.Should().ContainSingle().Which.Should().BeOfType<InternalBufferOverflowException>().Which.Message.Should().Contain("/w");
        events.Lines.Count.Should().BeInRange(16_000, 16_400);
        events.Lines[^1].Should().Be("Created later");
    }
}
