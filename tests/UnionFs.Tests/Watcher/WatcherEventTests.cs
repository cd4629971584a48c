using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Watcher;

/// <summary>
/// What a watcher of the union raises for each operation, in every placement of the standard tree: the events
/// .NET's watcher raises on Linux for the same operation on a plain directory. A copy-up is never an event; a
/// whiteout is a deletion; a rename, even of a lower directory, is one Renamed event.
/// </summary>
[TestFixtureSource(typeof(Placements), nameof(Placements.All))]
public class WatcherEventTests(Placement placement, BranchKind kind) : UnionTestBase(placement, kind)
{
    private IFileSystemWatcher _watcher = null!;

    [TearDown]
    public void DisposeWatcher() => _watcher?.Dispose();

    private EventRecorder Watch(string path, bool includeSubdirectories = true, NotifyFilters? filters = null)
    {
        _watcher = Fs.FileSystemWatcher.New(path);
        _watcher.IncludeSubdirectories = includeSubdirectories;
        if (filters is { } f) _watcher.NotifyFilter = f;
        var recorder = new EventRecorder(_watcher);
        _watcher.EnableRaisingEvents = true;
        return recorder;
    }

    [Test]
    public void WriteAllText_NewFile_ShouldRaiseCreatedThenChanged()
    {
        var events = Watch("/books");

        Fs.File.WriteAllText("/books/rust", "rust book");

        events.WaitForLast("Changed rust").Should().Equal("Created rust", "Changed rust");
        var created = events.Args[0];
        created.FullPath.Should().Be("/books/rust");
        created.Name.Should().Be("rust");
        created.ChangeType.Should().Be(WatcherChangeTypes.Created);
    }

    [Test]
    public void WriteAllText_ExistingFile_ShouldRaiseChangedOnly_NeverCreatedForTheCopyUp()
    {
        var events = Watch("/books");

        Fs.File.WriteAllText("/books/java", "new java");

        events.WaitForLast("Changed java").Should().Equal("Changed java");
    }

    [Test]
    public void AppendAllText_ExistingFile_ShouldRaiseChangedOnly()
    {
        var events = Watch("/");

        Fs.File.AppendAllText("/books/c", " second edition");

        events.WaitForLast("Changed books/c").Should().Equal("Changed books/c");
    }

    [Test]
    public void CreateNew_WithoutWriting_ShouldRaiseCreatedOnly()
    {
        var events = Watch("/docs");

        Fs.FileStream.New("/docs/new.txt", FileMode.CreateNew, FileAccess.Write).Dispose();

        events.WaitForLast("Created new.txt");
        events.Collapsed.Should().Equal("Created new.txt");
    }

    [Test]
    public void OpenExistingForWrite_WithoutWriting_ShouldRaiseNothing()
    {
        var events = Watch("/docs");

        Fs.File.Open("/docs/a.txt", FileMode.Open, FileAccess.ReadWrite).Dispose();

        events.AfterQuiet().Should().BeEmpty();
    }

    [Test]
    public void Create_ExistingFile_ShouldRaiseChanged_AsTheTruncationDoes()
    {
        var events = Watch("/docs");

        Fs.File.Create("/docs/a.txt").Dispose();

        events.WaitForLast("Changed a.txt").Should().Equal("Changed a.txt");
    }

    [Test]
    public void StreamWrites_ShouldRaiseChangedWhenTheyReachTheFile_AndNothingWhenClosed()
    {
        var events = Watch("/docs");
        using (var stream = Fs.File.Open("/docs/b.txt", FileMode.Open, FileAccess.Write))
        {
            // As a FileStream: the bytes reach the file (write(2), inotify's IN_MODIFY) when the buffer is flushed.
            stream.Write([1, 2, 3]);
            stream.Flush();
            events.WaitForLast("Changed b.txt").Should().Equal("Changed b.txt");
            stream.SetLength(1);
        }

        events.AfterQuiet().Should().OnlyContain(line => line == "Changed b.txt");
    }

    [Test]
    public void Reads_ShouldRaiseNothing()
    {
        var events = Watch("/", filters: NotifyFilterAll);

        Fs.File.ReadAllText("/books/c");
        Fs.Directory.GetFileSystemEntries("/", "*", SearchOption.AllDirectories);
        Fs.File.GetAttributes("/docs/a.txt");

        events.AfterQuiet().Should().BeEmpty();
    }

    [Test]
    public void FileDelete_ShouldRaiseOneDeleted_WhetherRemovedOrWhitedOut()
    {
        var events = Watch("/computers");

        Fs.File.Delete("/computers/huawei");

        events.WaitForLast("Deleted huawei").Should().Equal("Deleted huawei");
        events.Lines.Should().HaveCount(1);
    }

    [Test]
    public void CreateDirectory_Nested_ShouldRaiseCreatedForEachNewDirectory()
    {
        var events = Watch("/");

        Fs.Directory.CreateDirectory("/x/y/z");

        events.WaitForLast("Created x/y/z").Should().Equal("Created x", "Created x/y", "Created x/y/z");
    }

    [Test]
    public void CreateDirectory_Existing_ShouldRaiseNothing()
    {
        var events = Watch("/");

        Fs.Directory.CreateDirectory("/books");

        events.AfterQuiet().Should().BeEmpty();
    }

    [Test]
    public void DirectoryDelete_Empty_ShouldRaiseDeleted()
    {
        var events = Watch("/");

        Fs.Directory.Delete("/empty");

        events.WaitForLast("Deleted empty").Should().Equal("Deleted empty");
    }

    [Test]
    public void DirectoryDelete_Recursive_ShouldRaiseDeletedForEveryEntry_ChildrenBeforeTheirDirectory()
    {
        var events = Watch("/");

        Fs.Directory.Delete("/tree", recursive: true);

        var lines = events.WaitForLast("Deleted tree").ToList();
        lines.Should().BeEquivalentTo("Deleted tree/top.txt", "Deleted tree/x/w.txt", "Deleted tree/x/y/z.txt", "Deleted tree/x/y", "Deleted tree/x", "Deleted tree");
        lines.IndexOf("Deleted tree/x/y/z.txt").Should().BeLessThan(lines.IndexOf("Deleted tree/x/y"));
        lines.IndexOf("Deleted tree/x/y").Should().BeLessThan(lines.IndexOf("Deleted tree/x"));
    }

    [Test]
    public void DirectoryDelete_RecursiveWithoutSubdirectories_ShouldRaiseOneDeleted()
    {
        var events = Watch("/", includeSubdirectories: false);

        Fs.Directory.Delete("/tree", recursive: true);

        events.WaitForLast("Deleted tree").Should().Equal("Deleted tree");
    }

    [Test]
    public void DirectoryDelete_RecursiveOfAnUnwatchedSibling_ShouldRaiseNothing()
    {
        var events = Watch("/docs");

        Fs.Directory.Delete("/tree", recursive: true);

        events.AfterQuiet().Should().BeEmpty();
    }

    [Test]
    public void FileMove_SameDirectory_ShouldRaiseOneRenamed()
    {
        var events = Watch("/books");

        Fs.File.Move("/books/c", "/books/c-lang");

        events.WaitForLast("Renamed c -> c-lang").Should().Equal("Renamed c -> c-lang");
        var renamed = (RenamedEventArgs)events.Args[0];
        renamed.OldFullPath.Should().Be("/books/c");
        renamed.FullPath.Should().Be("/books/c-lang");
    }

    [Test]
    public void FileMove_OntoExistingFile_ShouldRaiseOneRenamed_NoDeleted()
    {
        var events = Watch("/books");

        Fs.File.Move("/books/c", "/books/java", overwrite: true);

        events.WaitForLast("Renamed c -> java").Should().Equal("Renamed c -> java");
    }

    [Test]
    public void FileMove_IntoSubdirectory_ShouldRaiseRenamedWithRelativeNames()
    {
        var events = Watch("/");

        Fs.File.Move("/books/c", "/docs/nested/c");

        events.WaitForLast("Renamed books/c -> docs/nested/c").Should().Equal("Renamed books/c -> docs/nested/c");
    }

    [Test]
    public void FileMove_OutOfTheWatchedDirectory_ShouldRaiseDeleted()
    {
        var events = Watch("/books", includeSubdirectories: false);

        Fs.File.Move("/books/c", "/docs/c");

        events.WaitForLast("Deleted c").Should().Equal("Deleted c");
    }

    [Test]
    public void FileMove_IntoTheWatchedDirectory_ShouldRaiseCreated()
    {
        var events = Watch("/books", includeSubdirectories: false);

        Fs.File.Move("/docs/a.txt", "/books/a.txt");

        events.WaitForLast("Created a.txt").Should().Equal("Created a.txt");
    }

    [Test]
    public void DirectoryMove_ShouldRaiseOneRenamed_NothingForItsContents()
    {
        var events = Watch("/");

        Fs.Directory.Move("/tree", "/forest");

        events.WaitForLast("Renamed tree -> forest").Should().Equal("Renamed tree -> forest");
    }

    [Test]
    public void DirectoryMove_ThenWriteInside_ShouldReportTheNewPath()
    {
        var events = Watch("/");

        Fs.Directory.Move("/tree", "/forest");
        Fs.File.WriteAllText("/forest/x/new.txt", "n");

        events.WaitForLast("Changed forest/x/new.txt").Should().Equal("Renamed tree -> forest", "Created forest/x/new.txt", "Changed forest/x/new.txt");
    }

    [TestCase("attributes")]
    [TestCase("write time")]
    [TestCase("access time")]
    [TestCase("creation time")]
    [TestCase("mode")]
    public void MetadataChange_ShouldRaiseOneChanged(string what)
    {
        var events = Watch("/docs");

        switch (what)
        {
            case "attributes": Fs.File.SetAttributes("/docs/a.txt", FileAttributes.ReadOnly); break;
            case "write time": Fs.File.SetLastWriteTimeUtc("/docs/a.txt", new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc)); break;
            case "access time": Fs.File.SetLastAccessTimeUtc("/docs/a.txt", new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc)); break;
            case "creation time": Fs.File.SetCreationTimeUtc("/docs/a.txt", new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc)); break;
            default: Fs.File.SetUnixFileMode("/docs/a.txt", UnixFileMode.UserRead); break;
        }

        events.WaitForLast("Changed a.txt").Should().Equal("Changed a.txt");
        events.Lines.Should().HaveCount(1);
    }

    [Test]
    public void MetadataChange_OfASubdirectory_ShouldRaiseOneChanged()
    {
        var events = Watch("/");

        Fs.Directory.SetLastWriteTimeUtc("/docs/nested", new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        events.WaitForLast("Changed docs/nested").Should().Equal("Changed docs/nested");
        events.Lines.Should().HaveCount(1);
    }

    [Test]
    public void CreateSymbolicLink_ShouldRaiseCreated()
    {
        var events = Watch("/links");

        Fs.File.CreateSymbolicLink("/links/to-java", "/books/java");

        events.WaitForLast("Created to-java").Should().Equal("Created to-java");
    }

    [Test]
    public void FileCopy_ShouldRaiseCreatedThenChanged()
    {
        var events = Watch("/books");

        Fs.File.Copy("/books/c", "/books/c2");

        events.WaitForLast("Changed c2").Should().Equal("Created c2", "Changed c2");
    }

    [Test]
    public void FileReplace_WithBackup_ShouldRaiseCreatedForTheBackupThenRenamed()
    {
        var events = Watch("/books");

        Fs.File.Replace("/books/c", "/books/java", "/books/java.bak");

        events.WaitForLast("Renamed c -> java").Should().Equal("Created java.bak", "Renamed c -> java");
    }

    [Test]
    public void ChangeOfTheWatchedDirectoryItself_ShouldRaiseNothing()
    {
        var events = Watch("/docs");

        Fs.Directory.SetLastWriteTimeUtc("/docs", new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        events.AfterQuiet().Should().BeEmpty();
    }

    [Test]
    public void ChangesInASubdirectory_WithoutIncludeSubdirectories_ShouldRaiseNothing()
    {
        var events = Watch("/docs", includeSubdirectories: false);

        Fs.File.WriteAllText("/docs/nested/n.txt", "changed");
        Fs.File.Delete("/docs/nested/deeper/d.txt");
        Fs.File.WriteAllText("/docs/top.txt", "top");

        events.WaitForLast("Changed top.txt").Should().Equal("Created top.txt", "Changed top.txt");
    }

    private const NotifyFilters NotifyFilterAll = NotifyFilters.Attributes | NotifyFilters.CreationTime | NotifyFilters.DirectoryName | NotifyFilters.FileName
        | NotifyFilters.LastAccess | NotifyFilters.LastWrite | NotifyFilters.Security | NotifyFilters.Size;
}
