using System.Collections.Concurrent;
using UnionFs.Conformance.Tests.Infrastructure;

namespace UnionFs.Conformance.Tests.Behaviour;

/// <summary>
/// A FileSystemWatcher keeps the path as the caller wrote it: a relative watched path gives relative event paths.
/// Only the first event of the expected kind is compared (the real watcher may add Changed events of its own).
/// </summary>
public class WatcherBehaviourTests(UnionConfiguration configuration) : ConformanceTestBase(configuration)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static readonly (string Name, string Watched, Action<Subject> Act)[] Operations =
    [
        ("create in a relative directory", "d", s => s.FileSystem.File.WriteAllText(s.At("d/new.txt"), "x")),
        ("create in an absolute directory", "{R}/d", s => s.FileSystem.File.WriteAllText(s.At("d/new.txt"), "x")),
        ("delete in a relative directory", "d", s => s.FileSystem.File.Delete(s.At("d/c.txt"))),
        ("rename in a relative directory", "d", s => s.FileSystem.File.Move(s.At("d/c.txt"), s.At("d/renamed.txt"))),
        ("create in the current directory", ".", s => s.FileSystem.File.WriteAllText(s.At("new.txt"), "x")),
        ("create below, with subdirectories", "d", s => s.FileSystem.File.WriteAllText(s.At("d/sub/new.txt"), "x")),
    ];

    /// <summary>The cases.</summary>
    public static IEnumerable<TestCaseData> Cases => Operations.Select(o => new TestCaseData(o.Watched, o.Act).SetName($"Watcher({o.Name})"));

    [TestCaseSource(nameof(Cases))]
    public void Events_ShouldNameThePathsAsTheRealWatcherDoes(string watched, Action<Subject> act) => AssertSameResult(s =>
    {
        var events = new BlockingCollection<string>();
        using var watcher = s.FileSystem.FileSystemWatcher.New(watched.Replace("{R}", s.Root, StringComparison.Ordinal));
        watcher.IncludeSubdirectories = true;
        watcher.Created += (_, e) => events.Add($"created {e.Name} {e.FullPath}");
        watcher.Deleted += (_, e) => events.Add($"deleted {e.Name} {e.FullPath}");
        watcher.Renamed += (_, e) => events.Add($"renamed {e.OldName} {e.OldFullPath} -> {e.Name} {e.FullPath}");
        watcher.EnableRaisingEvents = true;
        act(s);
        var first = events.TryTake(out var seen, Wait) ? seen : "no event";
        return new[] { $"path {watcher.Path}", first };
    });
}
