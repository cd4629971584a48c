namespace UnionFs.Tests.Watcher;

/// <summary>Name patterns (Filter, Filters) and NotifyFilter, as .NET's watcher applies them on Linux.</summary>
public class WatcherFilterTests
{
    private UnionFileSystem _fs = null!;
    private IFileSystemWatcher _watcher = null!;

    [SetUp]
    public void CreateUnion()
    {
        var lower = new MemoryBranch();
        var setup = new UnionFileSystem(lower);
        setup.Directory.CreateDirectory("/w/sub");
        setup.File.WriteAllText("/w/a.txt", "a");
        setup.File.WriteAllText("/w/b.md", "b");
        setup.File.WriteAllText("/w/sub/c.txt", "c");
        _fs = new UnionFileSystem(new MemoryBranch(), lower);
        _watcher = _fs.FileSystemWatcher.New("/w");
    }

    [TearDown]
    public void DisposeWatcher() => _watcher.Dispose();

    private EventRecorder Start()
    {
        var recorder = new EventRecorder(_watcher);
        _watcher.EnableRaisingEvents = true;
        return recorder;
    }

    [Test]
    public void Filter_Default_ShouldBeStar()
    {
        _watcher.Filter.Should().Be("*");
        _watcher.Filters.Should().BeEmpty();
    }

    [TestCase("*.*")]
    [TestCase("")]
    [TestCase(null)]
    public void Filter_StarDotStarEmptyOrNull_ShouldBecomeStar(string? filter)
    {
        _watcher.Filter = filter!;

        _watcher.Filter.Should().Be("*");
        _watcher.Filters.Should().Equal("*");
    }

    [Test]
    public void Filter_Pattern_ShouldRaiseOnlyForMatchingNames()
    {
        _watcher.Filter = "*.txt";
        var events = Start();

        _fs.File.WriteAllText("/w/b.md", "changed");
        _fs.File.WriteAllText("/w/new.txt", "n");

        events.WaitForLast("Changed new.txt").Should().Equal("Created new.txt", "Changed new.txt");
    }

    [Test]
    public void Filter_ShouldMatchTheLastSegmentOnly()
    {
        _watcher.Filter = "sub";
        _watcher.IncludeSubdirectories = true;
        var events = Start();

        _fs.File.WriteAllText("/w/sub/c.txt", "changed");
        _fs.Directory.SetLastWriteTimeUtc("/w/sub", DateTime.UtcNow);

        events.WaitForLast("Changed sub").Should().Equal("Changed sub");
    }

    [Test]
    public void Filter_IsCaseSensitive_AsOnLinux()
    {
        _watcher.Filter = "*.TXT";
        var events = Start();

        _fs.File.WriteAllText("/w/lower.txt", "l");
        _fs.File.WriteAllText("/w/UPPER.TXT", "u");

        events.WaitForLast("Changed UPPER.TXT").Should().Equal("Created UPPER.TXT", "Changed UPPER.TXT");
    }

    [Test]
    public void Filters_Several_ShouldRaiseForAnyMatch()
    {
        _watcher.Filters.Add("*.md");
        _watcher.Filters.Add("a.*");
        var events = Start();

        _fs.File.Delete("/w/b.md");
        _fs.File.Delete("/w/a.txt");
        _fs.File.WriteAllText("/w/other.txt", "o");
        _fs.Directory.CreateDirectory("/w/last.md");

        events.WaitForLast("Created last.md").Should().Equal("Deleted b.md", "Deleted a.txt", "Created last.md");
    }

    [Test]
    public void Filters_ChangedWhileRunning_ShouldApplyToLaterEvents()
    {
        _watcher.Filter = "*.md";
        var events = Start();
        _fs.File.Delete("/w/b.md");
        events.WaitForLast("Deleted b.md");

        _watcher.Filter = "*.txt";
        _fs.File.Delete("/w/a.txt");

        events.WaitForLast("Deleted a.txt").Should().Equal("Deleted b.md", "Deleted a.txt");
    }

    [Test]
    public void Renamed_ShouldRaiseWhenEitherNameMatches()
    {
        _watcher.Filter = "*.txt";
        var events = Start();

        _fs.File.Move("/w/a.txt", "/w/a.bin");
        _fs.File.Move("/w/a.bin", "/w/b.bin");
        _fs.File.Move("/w/b.md", "/w/b.txt");

        events.WaitForLast("Renamed b.md -> b.txt").Should().Equal("Renamed a.txt -> a.bin", "Renamed b.md -> b.txt");
    }

    [Test]
    public void NotifyFilter_Default_ShouldBeLastWriteFileNameDirectoryName()
    {
        _watcher.NotifyFilter.Should().Be(NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.DirectoryName);
    }

    [Test]
    public void NotifyFilter_Invalid_ShouldThrowArgumentException()
    {
        var act = () => _watcher.NotifyFilter = (NotifyFilters)0x10000;

        act.Should().Throw<ArgumentException>().WithMessage("*NotifyFilters*");
    }

    [Test]
    public void NotifyFilter_FileName_ShouldReportFilesOnly_AndNoChanges()
    {
        _watcher.NotifyFilter = NotifyFilters.FileName;
        var events = Start();

        _fs.Directory.CreateDirectory("/w/dir");
        _fs.File.WriteAllText("/w/a.txt", "changed");
        _fs.File.SetAttributes("/w/b.md", FileAttributes.ReadOnly);
        _fs.File.WriteAllText("/w/new.txt", "n");
        _fs.File.Move("/w/new.txt", "/w/moved.txt");
        _fs.Directory.Move("/w/dir", "/w/dir2");
        _fs.File.Delete("/w/moved.txt");

        events.WaitForLast("Deleted moved.txt").Should().Equal("Created new.txt", "Renamed new.txt -> moved.txt", "Deleted moved.txt");
    }

    [Test]
    public void NotifyFilter_DirectoryName_ShouldReportDirectoriesOnly()
    {
        _watcher.NotifyFilter = NotifyFilters.DirectoryName;
        var events = Start();

        _fs.File.WriteAllText("/w/new.txt", "n");
        _fs.Directory.CreateDirectory("/w/dir");
        _fs.Directory.Move("/w/dir", "/w/dir2");
        _fs.Directory.Delete("/w/dir2");

        events.WaitForLast("Deleted dir2").Should().Equal("Created dir", "Renamed dir -> dir2", "Deleted dir2");
    }

    [TestCase(NotifyFilters.Attributes)]
    [TestCase(NotifyFilters.CreationTime)]
    public void NotifyFilter_AttributesOrCreationTime_ShouldReportMetadataChangesButNotWrites(NotifyFilters filter)
    {
        _watcher.NotifyFilter = filter;
        var events = Start();

        _fs.File.AppendAllText("/w/a.txt", "more");
        _fs.File.Delete("/w/b.md");
        _fs.File.SetLastWriteTimeUtc("/w/a.txt", DateTime.UtcNow);

        events.WaitForLast("Changed a.txt").Should().Equal("Changed a.txt");
        events.Lines.Should().HaveCount(1);
    }

    [TestCase(NotifyFilters.Size)]
    [TestCase(NotifyFilters.LastWrite)]
    [TestCase(NotifyFilters.Security)]
    [TestCase(NotifyFilters.LastAccess)]
    public void NotifyFilter_WriteRelated_ShouldReportWritesAndMetadataChanges(NotifyFilters filter)
    {
        _watcher.NotifyFilter = filter;
        var events = Start();

        _fs.File.AppendAllText("/w/a.txt", "more");
        _fs.File.WriteAllText("/w/new.txt", "n");
        _fs.File.SetUnixFileMode("/w/b.md", UnixFileMode.UserRead);

        events.WaitForLast("Changed b.md").Should().Equal("Changed a.txt", "Changed new.txt", "Changed b.md");
    }

    [Test]
    public void NotifyFilter_ChangedWhileRunning_ShouldApplyToLaterChanges()
    {
        var events = Start();
        _watcher.NotifyFilter = NotifyFilters.DirectoryName;

        _fs.File.WriteAllText("/w/new.txt", "n");
        _fs.Directory.CreateDirectory("/w/dir");

        events.WaitForLast("Created dir").Should().Equal("Created dir");
    }

    [Test]
    public void IncludeSubdirectories_TurnedOnWhileRunning_ShouldReportNestedChanges()
    {
        var events = Start();
        _fs.File.WriteAllText("/w/sub/c.txt", "before");
        _watcher.IncludeSubdirectories = true;

        _fs.File.WriteAllText("/w/sub/c.txt", "after");

        events.WaitForLast("Changed sub/c.txt").Should().Equal("Changed sub/c.txt");
    }
}
