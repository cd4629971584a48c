using System.Collections.Concurrent;
using UnionFs.Zio.Tests.Infrastructure;
using Zio;

namespace UnionFs.Zio.Tests;

/// <summary>
/// Zio's watcher over a union: the events Zio's memory file system raises for the same changes (kind and path),
/// except that a move is one Renamed event (as Zio's physical watcher reports it) where the memory watcher reports two.
/// </summary>
public class ZioWatchTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    [Test]
    public void Watch_CreateChangeDelete_ShouldRaiseWhatZioMemoryFileSystemRaises()
    {
        using var reference = Layers.Reference();
        using var stacked = new StackedUnion(Configuration.ZioMemoryLower);

        var expected = Record(reference, fs =>
        {
            fs.CreateDirectory("/books/new");
            fs.DeleteFile("/books/java");
            fs.DeleteDirectory("/books/new", isRecursive: false);
        }, count: 3);
        var actual = Record(stacked.Zio, fs =>
        {
            fs.CreateDirectory("/books/new");
            fs.DeleteFile("/books/java");
            fs.DeleteDirectory("/books/new", isRecursive: false);
        }, count: 3);

        actual.Should().Equal(expected);
        stacked.AssertLowerUnchanged();
    }

    [Test]
    public void Watch_WriteFile_ShouldRaiseCreatedThenChangedForTheFile()
    {
        using var stacked = new StackedUnion(Configuration.ZioMemoryLower);

        var events = Record(stacked.Zio, fs => fs.WriteAllText("/books/new", "x"), count: 2);

        events.First().Should().Be("Created /books/new new");
        events.Should().Contain("Changed /books/new new");
    }

    [Test]
    public void Watch_MoveFile_ShouldRaiseOneRenamed()
    {
        using var stacked = new StackedUnion(Configuration.ZioMemoryLower);

        var events = Record(stacked.Zio, fs => fs.MoveFile("/books/java", "/books/java2"), count: 1);

        events.Should().Equal("Renamed /books/java -> /books/java2");
    }

    [Test]
    public void Watch_Filter_ShouldOnlyRaiseMatchingNames()
    {
        using var stacked = new StackedUnion(Configuration.ZioMemoryLower);

        var events = Record(stacked.Zio, fs =>
        {
            fs.WriteAllText("/books/skip.md", "x");
            fs.WriteAllText("/books/take.txt", "x");
        }, count: 1, filter: "*.txt");

        events.Should().OnlyContain(e => e.Contains("take.txt", StringComparison.Ordinal));
    }

    [Test]
    public void Watch_AfterDispose_ShouldRaiseNothing()
    {
        using var stacked = new StackedUnion(Configuration.ZioMemoryLower);
        var events = new ConcurrentQueue<string>();
        var watcher = stacked.Zio.Watch("/books");
        watcher.Created += (_, e) => events.Enqueue(e.FullPath.FullName);
        watcher.EnableRaisingEvents = true;
        watcher.Dispose();

        stacked.Zio.WriteAllText("/books/new", "x");
        Thread.Sleep(200);

        events.Should().BeEmpty();
        watcher.FileSystem.Should().BeSameAs(stacked.Zio);
    }

    private static List<string> Record(global::Zio.IFileSystem fs, Action<global::Zio.IFileSystem> changes, int count, string filter = "*.*")
    {
        var events = new ConcurrentQueue<string>();
        using var watcher = fs.Watch("/books");
        watcher.Filter = filter;
        watcher.IncludeSubdirectories = true;
        watcher.Created += (_, e) => events.Enqueue($"Created {e.FullPath} {e.Name}");
        watcher.Changed += (_, e) => events.Enqueue($"Changed {e.FullPath} {e.Name}");
        watcher.Deleted += (_, e) => events.Enqueue($"Deleted {e.FullPath} {e.Name}");
        watcher.Renamed += (_, e) => events.Enqueue($"Renamed {e.OldFullPath} -> {e.FullPath}");
        watcher.EnableRaisingEvents = true;
        changes(fs);
        var deadline = DateTime.UtcNow + Patience;
        while (events.Count < count && DateTime.UtcNow < deadline) Thread.Sleep(10);
        Thread.Sleep(100); // anything more that was coming
        return [.. events];
    }
}
