using System.IO.Abstractions;

namespace UnionFs.Tests.Watcher;

/// <summary>
/// The same operations on a real directory, watched by the real <see cref="FileSystemWatcher"/>, and on a union
/// whose tree lies in a lower branch (so writes copy up and deletions leave whiteouts), watched by the union's
/// watcher: the events must be the same kinds with the same relative names. Runs of identical events are
/// collapsed on both sides, because inotify coalesces them while they wait to be read. Only operations for which
/// the real watcher is deterministic are compared (no new directory is written into at once: the real watcher
/// adds its watch on a new directory a moment later and may miss what happens in it meanwhile).
/// </summary>
public class WatcherDifferentialTests
{
    private static readonly string[] Tree =
    [
        "a.txt=alpha",
        "b.txt=beta",
        "empty/",
        "dir/c.txt=gamma",
        "dir/sub/d.txt=delta",
        "dir/sub/deeper/e.txt=epsilon",
        "other/",
    ];

    private string _disk = null!;

    [SetUp]
    public void CreateDirectory()
    {
        _disk = Path.Combine(Path.GetTempPath(), "unionfs-watch-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(_disk);
    }

    [TearDown]
    public void RemoveDirectory()
    {
        try
        {
            foreach (var path in System.IO.Directory.EnumerateFileSystemEntries(_disk, "*", SearchOption.AllDirectories))
                System.IO.File.SetAttributes(path, FileAttributes.Normal);
            System.IO.Directory.Delete(_disk, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    public static IEnumerable<TestCaseData> Scenarios()
    {
        static TestCaseData Case(string name, Action<IFileSystem, Func<string, string>> act) => new TestCaseData(act).SetArgDisplayNames(name);

        yield return Case("write a new file", (fs, p) => fs.File.WriteAllText(p("new.txt"), "new"));
        yield return Case("overwrite a file", (fs, p) => fs.File.WriteAllText(p("a.txt"), "changed"));
        yield return Case("append to a file", (fs, p) => fs.File.AppendAllText(p("dir/c.txt"), " more"));
        yield return Case("truncate a file", (fs, p) => fs.File.Create(p("b.txt")).Dispose());
        yield return Case("create a file without writing", (fs, p) => fs.FileStream.New(p("made"), FileMode.CreateNew, FileAccess.Write).Dispose());
        yield return Case("delete a file", (fs, p) => fs.File.Delete(p("a.txt")));
        yield return Case("delete a nested file", (fs, p) => fs.File.Delete(p("dir/sub/d.txt")));
        yield return Case("rename a file", (fs, p) => fs.File.Move(p("a.txt"), p("z.txt")));
        yield return Case("move a file over another", (fs, p) => fs.File.Move(p("a.txt"), p("b.txt"), overwrite: true));
        yield return Case("move a file into a subdirectory", (fs, p) => fs.File.Move(p("a.txt"), p("dir/sub/a.txt")));
        yield return Case("move a nested file up", (fs, p) => fs.File.Move(p("dir/sub/deeper/e.txt"), p("e.txt")));
        yield return Case("rename a directory", (fs, p) => fs.Directory.Move(p("dir"), p("moved")));
        yield return Case("move a directory into another", (fs, p) => fs.Directory.Move(p("dir/sub"), p("other/sub")));
        yield return Case("create a directory", (fs, p) => fs.Directory.CreateDirectory(p("newdir")));
        yield return Case("delete an empty directory", (fs, p) => fs.Directory.Delete(p("empty")));
        yield return Case("set read-only", (fs, p) => fs.File.SetAttributes(p("a.txt"), FileAttributes.ReadOnly));
        yield return Case("set a write time", (fs, p) => fs.File.SetLastWriteTimeUtc(p("dir/c.txt"), new DateTime(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc)));
        yield return Case("set a directory's write time", (fs, p) => fs.Directory.SetLastWriteTimeUtc(p("dir/sub"), new DateTime(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc)));
        yield return Case("set a mode", (fs, p) => fs.File.SetUnixFileMode(p("b.txt"), UnixFileMode.UserRead | UnixFileMode.UserWrite));
        yield return Case("create a symbolic link", (fs, p) => fs.File.CreateSymbolicLink(p("link"), "a.txt"));
        yield return Case("copy a file", (fs, p) => fs.File.Copy(p("a.txt"), p("other/a-copy.txt")));
        yield return Case("copy over a file", (fs, p) => fs.File.Copy(p("a.txt"), p("b.txt"), overwrite: true));
        yield return Case("replace with a backup", (fs, p) => fs.File.Replace(p("a.txt"), p("b.txt"), p("b.bak")));
        yield return Case("replace without a backup", (fs, p) => fs.File.Replace(p("a.txt"), p("b.txt"), null));
        yield return Case("several in a row", (fs, p) =>
        {
            fs.File.WriteAllText(p("one"), "1");
            fs.File.Move(p("one"), p("two"));
            fs.File.Delete(p("two"));
            fs.Directory.CreateDirectory(p("three"));
            fs.Directory.Delete(p("three"));
        });
    }

    [TestCaseSource(nameof(Scenarios))]
    public void Scenario_ShouldRaiseWhatTheRealWatcherRaises(Action<IFileSystem, Func<string, string>> act)
    {
        var (real, union) = Run(_disk, act, includeSubdirectories: true);

        union.Should().Equal(real);
    }

    [TestCaseSource(nameof(Scenarios))]
    public void Scenario_WithoutSubdirectories_ShouldRaiseWhatTheRealWatcherRaises(Action<IFileSystem, Func<string, string>> act)
    {
        var (real, union) = Run(_disk, act, includeSubdirectories: false);

        union.Should().Equal(real);
    }

    [Test]
    public void RecursiveDelete_ShouldRaiseTheSameDeletions()
    {
        var (real, union) = Run(_disk, (fs, p) => fs.Directory.Delete(p("dir"), recursive: true), includeSubdirectories: true, inAnyOrder: true);

        union.Should().BeEquivalentTo(real);
        union[^1].Should().Be("Deleted dir");
    }

    [Test]
    public void RecursiveDelete_WithoutSubdirectories_ShouldRaiseTheSameDeletion()
    {
        var (real, union) = Run(_disk, (fs, p) => fs.Directory.Delete(p("dir"), recursive: true), includeSubdirectories: false);

        union.Should().Equal(real).And.Equal("Deleted dir");
    }

    /// <summary>
    /// Runs <paramref name="act"/> on both sides. The union's events come at once; the real watcher's are awaited until
    /// they agree with the union's (as a sequence, or as a set with <paramref name="inAnyOrder"/>) or the patience runs
    /// out, and then a little longer for any extra one, so a slow machine does not make the comparison fail.
    /// </summary>
    private static (IReadOnlyList<string> Real, IReadOnlyList<string> Union) Run(
        string diskRoot, Action<IFileSystem, Func<string, string>> act, bool includeSubdirectories, bool inAnyOrder = false)
    {
        // The real directory, watched by the real watcher.
        var disk = new FileSystem();
        Build(disk, diskRoot);
        using var realWatcher = new FileSystemWatcher(diskRoot) { IncludeSubdirectories = includeSubdirectories };
        var realEvents = new EventRecorder(realWatcher);
        realWatcher.EnableRaisingEvents = true;

        // The union: the tree in a lower branch, an empty upper.
        var lower = new MemoryBranch();
        Build(new UnionFileSystem(lower), "/w");
        var union = new UnionFileSystem(new MemoryBranch(), lower);
        using var unionWatcher = union.FileSystemWatcher.New("/w");
        unionWatcher.IncludeSubdirectories = includeSubdirectories;
        var unionEvents = new EventRecorder(unionWatcher);
        unionWatcher.EnableRaisingEvents = true;

        act(disk, relative => Path.Combine(diskRoot, relative));
        act(union, relative => "/w/" + relative);

        var unionLines = EventRecorder.Collapse(unionEvents.WaitForSilence(TimeSpan.FromMilliseconds(300)));
        var real = EventRecorder.Collapse(realEvents.WaitUntil(lines => Agree(EventRecorder.Collapse(lines), unionLines, inAnyOrder)));
        realEvents.Errors.Should().BeEmpty();
        return (real, unionLines);
    }

    private static bool Agree(IReadOnlyList<string> real, IReadOnlyList<string> union, bool inAnyOrder) =>
        inAnyOrder ? real.Order(StringComparer.Ordinal).SequenceEqual(union.Order(StringComparer.Ordinal)) : real.SequenceEqual(union);

    private static void Build(IFileSystem fs, string root)
    {
        fs.Directory.CreateDirectory(root);
        foreach (var line in Tree)
        {
            var separator = line.IndexOf('=', StringComparison.Ordinal);
            var path = fs.Path.Combine(root, separator < 0 ? line : line[..separator]);
            if (separator < 0)
            {
                fs.Directory.CreateDirectory(path);
                continue;
            }
            fs.Directory.CreateDirectory(fs.Path.GetDirectoryName(path)!);
            fs.File.WriteAllText(path, line[(separator + 1)..]);
        }
    }
}
