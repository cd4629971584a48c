namespace UnionFs.Tests.Metadata;

/// <summary>
/// A read of a file the memory upper holds moves its access time under relatime's rule, in the branch itself: the
/// time a whole-file read gives is what a later stat of the union and of the branch show, an access time set
/// explicitly afterwards wins, and a read that relatime leaves alone changes nothing.
/// </summary>
public class UpperAccessTimeTests
{
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(30);

    private MemoryBranch _upper = null!;
    private UnionFileSystem _fs = null!;

    [SetUp]
    public void SetUp()
    {
        _upper = new MemoryBranch();
        _fs = new UnionFileSystem(_upper);
        _fs.Directory.CreateDirectory("/d");
        _fs.File.WriteAllText("/d/f.txt", "content");
    }

    [Test]
    public void AReadOfAFileAccessedBeforeItsLastWrite_MovesItsAccessTime_InTheBranch()
    {
        var written = DateTime.UtcNow.AddHours(-1);
        _fs.File.SetLastWriteTimeUtc("/d/f.txt", written);
        _fs.File.SetLastAccessTimeUtc("/d/f.txt", written.AddMinutes(-1));

        _fs.File.ReadAllBytes("/d/f.txt").Should().Equal("content"u8.ToArray());

        _fs.File.GetLastAccessTimeUtc("/d/f.txt").Should().BeCloseTo(DateTime.UtcNow, Slack);
        _upper.Stat("/d/f.txt")!.LastAccessTimeUtc.Should().BeCloseTo(DateTime.UtcNow, Slack);
        _upper.Stat("/d/f.txt")!.LastWriteTimeUtc.Should().Be(written, "a read moves no write time");
    }

    [Test]
    public void AListingOfADirectoryAccessedBeforeItsLastWrite_MovesItsAccessTime_InTheBranch_AndASetTimeThenWins()
    {
        var written = DateTime.UtcNow.AddHours(-1);
        _fs.Directory.SetLastWriteTimeUtc("/d", written);
        _fs.Directory.SetLastAccessTimeUtc("/d", written.AddMinutes(-1));

        _fs.Directory.GetFiles("/d").Should().Equal("/d/f.txt");

        _fs.Directory.GetLastAccessTimeUtc("/d").Should().BeCloseTo(DateTime.UtcNow, Slack);
        _upper.Stat("/d")!.LastAccessTimeUtc.Should().BeCloseTo(DateTime.UtcNow, Slack);
        _upper.Stat("/d")!.LastWriteTimeUtc.Should().Be(written, "a listing moves no write time");
        var old = new DateTime(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc);
        _fs.Directory.SetLastAccessTimeUtc("/d", old);
        _fs.Directory.GetLastAccessTimeUtc("/d").Should().Be(old);
    }

    [Test]
    public void AnAccessTimeSetAfterARead_Wins()
    {
        var old = new DateTime(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc);
        _fs.File.ReadAllBytes("/d/f.txt");

        _fs.File.SetLastAccessTimeUtc("/d/f.txt", old);

        _fs.File.GetLastAccessTimeUtc("/d/f.txt").Should().Be(old);
        _upper.Stat("/d/f.txt")!.LastAccessTimeUtc.Should().Be(old);
    }

    [Test]
    public void AReadOfAFileAccessedRecentlyAfterItsLastWrite_LeavesItsAccessTime()
    {
        var accessed = DateTime.UtcNow.AddHours(-1);
        _fs.File.SetLastWriteTimeUtc("/d/f.txt", accessed.AddHours(-1));
        _fs.File.SetLastAccessTimeUtc("/d/f.txt", accessed);

        _fs.File.ReadAllBytes("/d/f.txt");

        _fs.File.GetLastAccessTimeUtc("/d/f.txt").Should().Be(accessed);
        _upper.Stat("/d/f.txt")!.LastAccessTimeUtc.Should().Be(accessed);
    }

    [Test]
    public void AWriteAfterARead_KeepsTheReadsAccessTime_AndMovesTheWriteTime()
    {
        _fs.File.SetLastAccessTimeUtc("/d/f.txt", DateTime.UtcNow.AddDays(-3));
        _fs.File.ReadAllBytes("/d/f.txt");
        var accessed = _fs.File.GetLastAccessTimeUtc("/d/f.txt");

        _fs.File.WriteAllText("/d/f.txt", "changed");

        _fs.File.GetLastAccessTimeUtc("/d/f.txt").Should().Be(accessed);
        _fs.File.ReadAllText("/d/f.txt").Should().Be("changed");
        _upper.Stat("/d/f.txt")!.Length.Should().Be(7);
    }
}
