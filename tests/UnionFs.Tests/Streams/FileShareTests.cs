namespace UnionFs.Tests.Streams;

/// <summary>
/// <see cref="FileShare"/> between handles of one union behaves as .NET on Linux behaves on a real file: the
/// real file system is the oracle for every pair of opens, and the rules around it (release on dispose,
/// truncation never happens under a conflict, delete is not blocked) are checked directly.
/// </summary>
public class FileShareTests
{
    private static readonly FileAccess[] Accesses = [FileAccess.Read, FileAccess.Write, FileAccess.ReadWrite];

    private static readonly FileShare[] Shares =
        [FileShare.None, FileShare.Read, FileShare.Write, FileShare.ReadWrite, FileShare.Delete, FileShare.Read | FileShare.Delete];

    private string _host = null!;
    private UnionFileSystem _fs = null!;
    private MemoryBranch _upper = null!;

    [SetUp]
    public void SetUp()
    {
        _host = Directory.CreateTempSubdirectory("unionfs-share-").FullName;
        File.WriteAllText(Path.Combine(_host, "f.txt"), "content");
        var lower = new MemoryBranch();
        new UnionFileSystem(lower).File.WriteAllText("/f.txt", "content");
        _upper = new MemoryBranch();
        _fs = new UnionFileSystem(_upper, lower);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_host, recursive: true);

    private static string Outcome(Func<Stream> first, Func<Stream> second)
    {
        using var held = first();
        try
        {
            using var other = second();
            return "ok";
        }
        catch (IOException e)
        {
            return $"{e.GetType().Name} {e.HResult:x}";
        }
    }

    [Test]
    public void EveryPairOfOpens_ShouldConflictExactlyAsOnARealFile()
    {
        var real = Path.Combine(_host, "f.txt");
        var differences = new List<string>();
        foreach (var firstAccess in Accesses)
        foreach (var firstShare in Shares)
        foreach (var secondAccess in Accesses)
        foreach (var secondShare in Shares)
        {
            var expected = Outcome(
                () => new FileStream(real, FileMode.Open, firstAccess, firstShare),
                () => new FileStream(real, FileMode.Open, secondAccess, secondShare));
            var actual = Outcome(
                () => _fs.File.Open("/f.txt", FileMode.Open, firstAccess, firstShare),
                () => _fs.File.Open("/f.txt", FileMode.Open, secondAccess, secondShare));
            if (expected != actual) differences.Add($"{firstAccess}/{firstShare} then {secondAccess}/{secondShare}: real {expected}, union {actual}");
        }

        differences.Should().BeEmpty();
    }

    [Test]
    public void ReadAllText_WhileAnExclusiveHandleIsOpen_ShouldBeASharingViolation()
    {
        using var held = _fs.File.Open("/f.txt", FileMode.Open, FileAccess.Read, FileShare.None);

        var read = () => _fs.File.ReadAllText("/f.txt");

        read.Should().Throw<IOException>().Which.Message.Should().Contain("/f.txt").And.Contain("being used by another process");
    }

    [Test]
    [CancelAfter(60_000)]
    public void WholeFileWrites_FromAnotherThread_NeverLandWhileAnExclusiveHandleIsOpen()
    {
        var done = 0;
        var written = 0;
        var writer = Task.Run(() =>
        {
            while (Volatile.Read(ref done) == 0)
            {
                try
                {
                    _fs.File.WriteAllText("/f.txt", "other");
                    Interlocked.Increment(ref written);
                }
                catch (IOException)
                {
                    // The exclusive handle is open: refused, as on a real file.
                }
            }
        });

        var seen = new List<string>();
        var held = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        // Until both sides had their turn often enough (a time bound keeps a slow machine from running forever).
        while ((held < 300 || Volatile.Read(ref written) < 300) && clock.Elapsed < TimeSpan.FromSeconds(20))
        {
            // A gap between the handles, for the other thread's writes to land in.
            Thread.SpinWait(5_000);
            using var handle = TryOpenExclusive();
            // The other thread's write held the file at that moment: the open is refused, as on a real file.
            if (handle is null) continue;
            held++;
            handle.SetLength(0);
            handle.Write("mine"u8);
            Thread.SpinWait(5_000);
            handle.Position = 0;
            var buffer = new byte[16];
            var content = System.Text.Encoding.UTF8.GetString(buffer, 0, handle.Read(buffer));
            if (content != "mine") seen.Add(content);
        }
        Volatile.Write(ref done, 1);
        writer.Wait();

        seen.Should().BeEmpty("no other write lands while the handle holds the file exclusively");
        held.Should().BePositive();
        written.Should().BePositive("the other thread's writes went through between the handles");
    }

    private Stream? TryOpenExclusive()
    {
        try
        {
            return _fs.File.Open("/f.txt", FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }

    [Test]
    public void Open_AfterTheExclusiveHandleIsDisposed_ShouldSucceed()
    {
        _fs.File.Open("/f.txt", FileMode.Open, FileAccess.ReadWrite, FileShare.None).Dispose();

        _fs.File.ReadAllText("/f.txt").Should().Be("content");
    }

    [Test]
    public void Create_OverAFileHeldExclusively_ShouldFailAndLeaveItsContent()
    {
        using (var held = _fs.File.Open("/f.txt", FileMode.Open, FileAccess.Read, FileShare.None))
        {
            var create = () => _fs.File.Create("/f.txt");
            create.Should().Throw<IOException>();
            var overwrite = () => _fs.File.WriteAllText("/f.txt", "lost?");
            overwrite.Should().Throw<IOException>();
        }

        _fs.File.ReadAllText("/f.txt").Should().Be("content");
    }

    [TestCase(FileMode.Create)]
    [TestCase(FileMode.Truncate)]
    public void TruncatingOpen_RefusedByAnotherHandle_ShouldNotCopyTheLowerFileUp(FileMode mode)
    {
        using (_fs.File.Open("/f.txt", FileMode.Open, FileAccess.Read, FileShare.None))
        {
            var open = () => _fs.File.Open("/f.txt", mode, FileAccess.Write);
            open.Should().Throw<IOException>().Which.Message.Should().Contain("/f.txt");
        }

        _upper.Stat("/f.txt").Should().BeNull("a refused open changes nothing, not even a copy-up");
        _fs.File.ReadAllText("/f.txt").Should().Be("content");
    }

    [Test]
    public void Delete_WhileAHandleIsOpen_ShouldWorkAsOnLinux()
    {
        using var held = _fs.File.Open("/f.txt", FileMode.Open, FileAccess.Read, FileShare.None);

        _fs.File.Delete("/f.txt");

        _fs.File.Exists("/f.txt").Should().BeFalse();
    }

    [Test]
    public void Open_ThroughASymbolicLink_ShouldConflictWithTheTargetsHandle()
    {
        _fs.File.CreateSymbolicLink("/link.txt", "/f.txt");
        using var held = _fs.File.Open("/f.txt", FileMode.Open, FileAccess.Read, FileShare.None);

        var open = () => _fs.File.OpenRead("/link.txt");

        open.Should().Throw<IOException>();
    }

    [Test]
    public void Copy_OntoAFileAnotherHandleHolds_ShouldBeASharingViolation()
    {
        _fs.File.WriteAllText("/other.txt", "other");
        using var held = _fs.File.OpenRead("/other.txt");

        var copy = () => _fs.File.Copy("/f.txt", "/other.txt", overwrite: true);

        copy.Should().Throw<IOException>();
        held.Dispose();
        _fs.File.ReadAllText("/other.txt").Should().Be("other");
    }

    [Test]
    public void Open_WithAShareOutOfRange_ShouldThrowLikeFileStream()
    {
        var open = () => _fs.File.Open("/f.txt", FileMode.Open, FileAccess.Read, (FileShare)64);

        open.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("share");
    }
}
