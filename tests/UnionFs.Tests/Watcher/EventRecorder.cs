using System.Collections.Concurrent;
using System.Diagnostics;

namespace UnionFs.Tests.Watcher;

/// <summary>
/// Records what a watcher raises, as lines such as <c>Created a.txt</c> and <c>Renamed a.txt -> b.txt</c>, and
/// waits for them (events are raised asynchronously). Works on the union's watcher and on the real one.
/// </summary>
public sealed class EventRecorder
{
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ConcurrentQueue<FileSystemEventArgs> _args = new();
    private readonly ConcurrentQueue<Exception> _errors = new();
    private readonly ConcurrentQueue<int> _threads = new();

    public EventRecorder(IFileSystemWatcher watcher)
    {
        watcher.Created += (_, e) => Add(e);
        watcher.Changed += (_, e) => Add(e);
        watcher.Deleted += (_, e) => Add(e);
        watcher.Renamed += (_, e) => Add(e);
        watcher.Error += (_, e) => _errors.Enqueue(e.GetException());
    }

    public EventRecorder(FileSystemWatcher watcher)
    {
        watcher.Created += (_, e) => Add(e);
        watcher.Changed += (_, e) => Add(e);
        watcher.Deleted += (_, e) => Add(e);
        watcher.Renamed += (_, e) => Add(e);
        watcher.Error += (_, e) => _errors.Enqueue(e.GetException());
    }

    /// <summary>How long to wait for events that should come.</summary>
    public static TimeSpan Patience { get; } = TimeSpan.FromSeconds(10);

    /// <summary>How long to wait after the expected events, for any unexpected ones.</summary>
    public static TimeSpan Quiet { get; } = TimeSpan.FromMilliseconds(250);

    public IReadOnlyList<string> Lines => [.. _lines];

    /// <summary>The lines with runs of identical lines collapsed into one (inotify and the union coalesce those).</summary>
    public IReadOnlyList<string> Collapsed => Collapse(Lines);

    public IReadOnlyList<FileSystemEventArgs> Args => [.. _args];

    public IReadOnlyList<Exception> Errors => [.. _errors];

    public IReadOnlyList<int> Threads => [.. _threads];

    public static IReadOnlyList<string> Collapse(IEnumerable<string> lines)
    {
        var result = new List<string>();
        foreach (var line in lines)
            if (result.Count == 0 || result[^1] != line) result.Add(line);
        return result;
    }

    /// <summary>Waits until <paramref name="done"/> holds for the lines recorded (or the patience runs out), then for quiet.</summary>
    public IReadOnlyList<string> WaitUntil(Func<IReadOnlyList<string>, bool> done)
    {
        var clock = Stopwatch.StartNew();
        while (!done(Lines) && clock.Elapsed < Patience) Thread.Sleep(10);
        Thread.Sleep(Quiet);
        return Lines;
    }

    /// <summary>Waits for the collapsed lines to end with <paramref name="last"/>, then for quiet; returns the collapsed lines.</summary>
    public IReadOnlyList<string> WaitForLast(string last) => Collapse(WaitUntil(lines => lines.Count > 0 && lines[^1] == last));

    /// <summary>Waits until the recorded lines stop growing for <paramref name="silence"/> (three times as long while none came).</summary>
    public IReadOnlyList<string> WaitForSilence(TimeSpan silence)
    {
        var clock = Stopwatch.StartNew();
        var count = -1;
        var since = Stopwatch.StartNew();
        while (clock.Elapsed < Patience)
        {
            var now = _lines.Count;
            if (now != count)
            {
                count = now;
                since.Restart();
            }
            else if (since.Elapsed >= (count > 0 ? silence : 3 * silence))
            {
                break;
            }
            Thread.Sleep(10);
        }
        return Lines;
    }

    /// <summary>Waits a little and returns what came: for checks that nothing (more) comes.</summary>
    public IReadOnlyList<string> AfterQuiet()
    {
        Thread.Sleep(Quiet);
        return Lines;
    }

    public static string Describe(FileSystemEventArgs e) =>
        e is RenamedEventArgs renamed ? $"Renamed {renamed.OldName} -> {renamed.Name}" : $"{e.ChangeType} {e.Name}";

    private void Add(FileSystemEventArgs e)
    {
        _threads.Enqueue(Environment.CurrentManagedThreadId);
        _args.Enqueue(e);
        _lines.Enqueue(Describe(e));
    }
}
