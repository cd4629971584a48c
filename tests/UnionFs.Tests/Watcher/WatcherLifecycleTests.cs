using System.ComponentModel;
using System.Diagnostics;

namespace UnionFs.Tests.Watcher;

/// <summary>Creating, enabling, disposing and waiting on a union watcher, and the threads its events come on.</summary>
public class WatcherLifecycleTests
{
    private UnionFileSystem _fs = null!;
    private readonly List<IFileSystemWatcher> _watchers = [];

    [SetUp]
    public void CreateUnion()
    {
        var lower = new MemoryBranch();
        var setup = new UnionFileSystem(lower);
        setup.Directory.CreateDirectory("/w/sub");
        setup.File.WriteAllText("/w/a.txt", "a");
        _fs = new UnionFileSystem(new MemoryBranch(), lower);
    }

    [TearDown]
    public void DisposeWatchers()
    {
        foreach (var watcher in _watchers) watcher.Dispose();
        _watchers.Clear();
    }

    private IFileSystemWatcher New(string path)
    {
        var watcher = _fs.FileSystemWatcher.New(path);
        _watchers.Add(watcher);
        return watcher;
    }

    [Test]
    public void New_WithoutPath_ShouldHaveEmptyPathAndDefaults()
    {
        using var watcher = _fs.FileSystemWatcher.New();

        watcher.Path.Should().BeEmpty();
        watcher.Filter.Should().Be("*");
        watcher.IncludeSubdirectories.Should().BeFalse();
        watcher.EnableRaisingEvents.Should().BeFalse();
        watcher.InternalBufferSize.Should().Be(8192);
        watcher.FileSystem.Should().BeSameAs(_fs);
    }

    [Test]
    public void New_WithPathAndFilter_ShouldKeepBoth()
    {
        using var watcher = _fs.FileSystemWatcher.New("/w", "*.txt");

        watcher.Path.Should().Be("/w");
        watcher.Filter.Should().Be("*.txt");
    }

    [Test]
    public void New_MissingDirectory_ShouldThrowArgumentExceptionAsDotNet()
    {
        var act = () => _fs.FileSystemWatcher.New("/missing");

        act.Should().ThrowExactly<ArgumentException>().WithMessage("The directory name '/missing' does not exist.*").Which.ParamName.Should().Be("path");
    }

    [Test]
    public void New_PathOfAFile_ShouldThrowArgumentException()
    {
        var act = () => _fs.FileSystemWatcher.New("/w/a.txt");

        act.Should().ThrowExactly<ArgumentException>().WithMessage("The directory name '/w/a.txt' does not exist.*");
    }

    [Test]
    public void New_EmptyOrNullPath_ShouldThrowAsDotNet()
    {
        ((Action)(() => _fs.FileSystemWatcher.New(""))).Should().ThrowExactly<ArgumentException>().WithMessage("The directory name  is invalid.*");
        ((Action)(() => _fs.FileSystemWatcher.New(null!))).Should().ThrowExactly<ArgumentNullException>();
        ((Action)(() => _fs.FileSystemWatcher.New("/w", null!))).Should().ThrowExactly<ArgumentNullException>().Which.ParamName.Should().Be("filter");
    }

    [Test]
    public void Path_SetToMissingDirectory_ShouldThrowWithParameterNamePath()
    {
        var watcher = New("/w");

        var act = () => watcher.Path = "/missing";

        act.Should().ThrowExactly<ArgumentException>().Which.ParamName.Should().Be("Path");
        watcher.Path.Should().Be("/w");
    }

    [Test]
    public void Path_Relative_ShouldResolveAgainstTheUnionCurrentDirectory_AndNameEventsRelatively()
    {
        _fs.Directory.SetCurrentDirectory("/w");
        var watcher = New("sub");
        var events = new EventRecorder(watcher);
        watcher.EnableRaisingEvents = true;

        _fs.File.WriteAllText("/w/sub/x", "x");

        events.WaitForLast("Changed x");
        // As System.IO's watcher: the events name the path as the watcher's Path was written.
        events.Args[0].FullPath.Should().Be("sub/x");
    }

    [Test]
    public void Path_ChangedWhileRunning_ShouldWatchTheNewDirectory()
    {
        var watcher = New("/w");
        var events = new EventRecorder(watcher);
        watcher.EnableRaisingEvents = true;

        watcher.Path = "/w/sub";
        _fs.File.WriteAllText("/w/b.txt", "not seen");
        _fs.File.WriteAllText("/w/sub/c.txt", "seen");

        events.WaitForLast("Changed c.txt").Should().Equal("Created c.txt", "Changed c.txt");
    }

    [Test]
    public void Wrap_ShouldAcceptNullOnly()
    {
        _fs.FileSystemWatcher.Wrap(null).Should().BeNull();
        using var real = new FileSystemWatcher();

        var act = () => _fs.FileSystemWatcher.Wrap(real);

        act.Should().Throw<NotSupportedException>();
    }

    [Test]
    public void EnableRaisingEvents_False_ShouldStopEvents_AndTrueShouldResume()
    {
        var watcher = New("/w");
        var events = new EventRecorder(watcher);
        watcher.EnableRaisingEvents = true;
        _fs.File.Delete("/w/a.txt");
        events.WaitForLast("Deleted a.txt");

        watcher.EnableRaisingEvents = false;
        _fs.Directory.CreateDirectory("/w/unseen");
        watcher.EnableRaisingEvents = true;
        _fs.Directory.CreateDirectory("/w/seen");

        events.WaitForLast("Created seen").Should().Equal("Deleted a.txt", "Created seen");
    }

    [Test]
    public void Disabled_ShouldRaiseNothing()
    {
        var watcher = New("/w");
        var events = new EventRecorder(watcher);

        _fs.File.Delete("/w/a.txt");

        events.AfterQuiet().Should().BeEmpty();
    }

    [Test]
    public void Dispose_ShouldStopEvents_AndForbidEnabling()
    {
        var watcher = New("/w");
        var events = new EventRecorder(watcher);
        watcher.EnableRaisingEvents = true;

        watcher.Dispose();
        _fs.File.Delete("/w/a.txt");

        events.AfterQuiet().Should().BeEmpty();
        ((Action)(() => watcher.EnableRaisingEvents = true)).Should().Throw<ObjectDisposedException>();
        watcher.Dispose();
    }

    [Test]
    public void BeginInit_ShouldDeferEnablingUntilEndInit()
    {
        var watcher = New("/w");
        var events = new EventRecorder(watcher);

        watcher.BeginInit();
        watcher.EnableRaisingEvents = true;
        _fs.File.Delete("/w/a.txt");
        events.AfterQuiet().Should().BeEmpty();
        watcher.EndInit();
        _fs.Directory.CreateDirectory("/w/after");

        events.WaitForLast("Created after").Should().Equal("Created after");
        watcher.EnableRaisingEvents.Should().BeTrue();
    }

    [Test]
    public void Events_ShouldComeOnAnotherThread_InOrder()
    {
        var watcher = New("/w");
        var events = new EventRecorder(watcher);
        watcher.EnableRaisingEvents = true;
        var expected = Enumerable.Range(0, 200).Select(i => $"Created d{i}").ToList();

        foreach (var i in Enumerable.Range(0, 200)) _fs.Directory.CreateDirectory($"/w/d{i}");

        events.WaitForLast("Created d199").Should().Equal(expected);
        events.Threads.Should().NotContain(Environment.CurrentManagedThreadId);
    }

    [Test]
    public void Handler_ThatChangesTheUnion_ShouldNotDeadlock_AndItsChangeIsReported()
    {
        var watcher = New("/w");
        var events = new EventRecorder(watcher);
        watcher.Created += (_, e) =>
        {
            if (e.Name == "trigger") _fs.File.WriteAllText("/w/from-handler", _fs.File.ReadAllText("/w/a.txt"));
        };
        watcher.EnableRaisingEvents = true;

        _fs.Directory.CreateDirectory("/w/trigger");

        events.WaitForLast("Changed from-handler").Should().Equal("Created trigger", "Created from-handler", "Changed from-handler");
        _fs.File.ReadAllText("/w/from-handler").Should().Be("a");
    }

    [Test]
    public void Handler_ThatBlocks_ShouldNotBlockChanges()
    {
        var watcher = New("/w");
        using var release = new ManualResetEventSlim();
        watcher.Created += (_, _) => release.Wait(TimeSpan.FromSeconds(10));
        var events = new EventRecorder(watcher);
        watcher.EnableRaisingEvents = true;

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 20; i++) _fs.Directory.CreateDirectory($"/w/d{i}");
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5));
        release.Set();

        events.WaitForLast("Created d19").Should().HaveCount(20);
    }

    [Test]
    public void Handler_ThatThrows_ShouldRaiseErrorAndStop()
    {
        var watcher = New("/w");
        var errors = new List<Exception>();
        watcher.Error += (_, e) => { lock (errors) errors.Add(e.GetException()); };
        watcher.Created += (_, _) => throw new InvalidOperationException("boom");
        var events = new EventRecorder(watcher);
        watcher.EnableRaisingEvents = true;

        _fs.Directory.CreateDirectory("/w/first");
        events.WaitUntil(_ => { lock (errors) return errors.Count > 0; });
        _fs.Directory.CreateDirectory("/w/second");

        events.AfterQuiet().Should().NotContain("Created second");
        lock (errors) errors.Should().ContainSingle().Which.Should().BeOfType<InvalidOperationException>();
        watcher.EnableRaisingEvents.Should().BeTrue();
    }

    [Test]
    public void WatchedDirectoryDeleted_ShouldStopEvents_EvenWhenRecreated()
    {
        var watcher = New("/w/sub");
        var events = new EventRecorder(watcher);
        watcher.EnableRaisingEvents = true;

        _fs.Directory.Delete("/w/sub");
        _fs.Directory.CreateDirectory("/w/sub");
        _fs.File.WriteAllText("/w/sub/x", "x");

        events.AfterQuiet().Should().BeEmpty();
    }

    [Test]
    public void WatchedDirectoryDeletedRecursively_ShouldReportItsContentsFirst()
    {
        _fs.File.WriteAllText("/w/sub/x", "x");
        var watcher = New("/w/sub");
        var events = new EventRecorder(watcher);
        watcher.EnableRaisingEvents = true;

        _fs.Directory.Delete("/w", recursive: true);

        events.WaitForLast("Deleted x").Should().Equal("Deleted x");
        events.AfterQuiet().Should().Equal("Deleted x");
    }

    [Test]
    public void Enabling_AfterTheDirectoryWasDeleted_ShouldRaiseError()
    {
        var watcher = New("/w/sub");
        var events = new EventRecorder(watcher);
        _fs.Directory.Delete("/w/sub");

        watcher.EnableRaisingEvents = true;

        events.WaitUntil(_ => events.Errors.Count > 0);
        events.Errors.Should().ContainSingle().Which.Should().BeOfType<FileNotFoundException>().Which.Message.Should().Contain("/w/sub");
    }

    [Test]
    public void WatchingALinkToADirectory_ShouldReportUnderTheLinkPath()
    {
        _fs.Directory.CreateSymbolicLink("/link", "/w/sub");
        var watcher = New("/link");
        var events = new EventRecorder(watcher);
        watcher.EnableRaisingEvents = true;

        _fs.File.WriteAllText("/w/sub/x", "x");

        events.WaitForLast("Changed x");
        events.Args[0].FullPath.Should().Be("/link/x");
    }

    [Test]
    public void WaitForChanged_ShouldReturnTheFirstMatchingEvent()
    {
        var watcher = New("/w");
        var change = Task.Run(() =>
        {
            Thread.Sleep(100);
            _fs.File.Move("/w/a.txt", "/w/b.txt");
        });

        var result = watcher.WaitForChanged(WatcherChangeTypes.Renamed, TimeSpan.FromSeconds(10));

        change.Wait();
        result.TimedOut.Should().BeFalse();
        result.ChangeType.Should().Be(WatcherChangeTypes.Renamed);
        result.Name.Should().Be("b.txt");
        result.OldName.Should().Be("a.txt");
        watcher.EnableRaisingEvents.Should().BeFalse();
    }

    [Test]
    public void WaitForChanged_ShouldIgnoreOtherChangeTypes()
    {
        var watcher = New("/w");
        var change = Task.Run(() =>
        {
            Thread.Sleep(100);
            _fs.File.WriteAllText("/w/new", "n");
            _fs.File.Delete("/w/new");
        });

        var result = watcher.WaitForChanged(WatcherChangeTypes.Deleted, 10_000);

        change.Wait();
        result.ChangeType.Should().Be(WatcherChangeTypes.Deleted);
        result.Name.Should().Be("new");
        result.OldName.Should().BeNull();
    }

    [Test]
    public void WaitForChanged_NothingHappens_ShouldTimeOutAsDotNet()
    {
        var watcher = New("/w");

        var result = watcher.WaitForChanged(WatcherChangeTypes.All, 50);

        result.TimedOut.Should().BeTrue();
        result.ChangeType.Should().Be((WatcherChangeTypes)0);
        result.Name.Should().BeNull();
        result.OldName.Should().BeNull();
    }

    [Test]
    public void WaitForChanged_NegativeTimeSpan_ShouldThrow()
    {
        var watcher = New("/w");

        var act = () => watcher.WaitForChanged(WatcherChangeTypes.All, TimeSpan.FromMilliseconds(-2));

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Test]
    public void SynchronizingObject_ShouldBeKept_AndUsedWhenItAsks()
    {
        var watcher = New("/w");
        var synchronizer = new RecordingSynchronizer();
        watcher.SynchronizingObject = synchronizer;
        var events = new EventRecorder(watcher);
        watcher.EnableRaisingEvents = true;

        _fs.File.Delete("/w/a.txt");

        events.WaitForLast("Deleted a.txt");
        watcher.SynchronizingObject.Should().BeSameAs(synchronizer);
        synchronizer.Invoked.Should().BeGreaterThan(0);
    }

    [Test]
    public void Site_ShouldBeKept()
    {
        var watcher = New("/w");

        watcher.Site.Should().BeNull();
        watcher.Container.Should().BeNull();
    }

    [Test]
    public void TwoWatchers_ShouldEachGetTheEventsOfTheirScope()
    {
        var top = New("/");
        top.IncludeSubdirectories = true;
        var sub = New("/w/sub");
        var topEvents = new EventRecorder(top);
        var subEvents = new EventRecorder(sub);
        top.EnableRaisingEvents = true;
        sub.EnableRaisingEvents = true;

        _fs.File.WriteAllText("/w/sub/x", "x");

        topEvents.WaitForLast("Changed w/sub/x").Should().Equal("Created w/sub/x", "Changed w/sub/x");
        subEvents.WaitForLast("Changed x").Should().Equal("Created x", "Changed x");
    }

    [Test]
    public void AbandonedWatcher_ShouldBeCollectable_AndTheUnionKeepsWorking()
    {
        var abandoned = StartAndAbandon();

        for (var i = 0; i < 5 && abandoned.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        _fs.File.WriteAllText("/w/after", "x");

        abandoned.IsAlive.Should().BeFalse();
        _fs.File.ReadAllText("/w/after").Should().Be("x");
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private WeakReference StartAndAbandon()
    {
        var watcher = _fs.FileSystemWatcher.New("/w");
        watcher.Created += (_, _) => { };
        watcher.EnableRaisingEvents = true;
        return new WeakReference(watcher);
    }

    /// <summary>Runs every delegate on a new thread and counts the calls.</summary>
    private sealed class RecordingSynchronizer : ISynchronizeInvoke
    {
        private int _invoked;

        public int Invoked => Volatile.Read(ref _invoked);

        public bool InvokeRequired => true;

        public IAsyncResult BeginInvoke(Delegate method, object?[]? args)
        {
            Interlocked.Increment(ref _invoked);
            return Task.Run(() => method.DynamicInvoke(args));
        }

        public object? EndInvoke(IAsyncResult result)
        {
            ((Task)result).Wait();
            return null;
        }

        public object? Invoke(Delegate method, object?[]? args) => method.DynamicInvoke(args);
    }
}
