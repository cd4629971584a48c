namespace UnionFs.Tests.Metadata;

/// <summary>
/// A read of a lower object moves the access time the union reports under relatime's rule (when the access time is
/// not after the last write, or is a day old), without ever writing the lower: the union keeps the reads in memory.
/// </summary>
public class LowerAccessTimeTests
{
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(30);

    private MemoryBranch _lower = null!;
    private UnionFileSystem _fs = null!;

    [SetUp]
    public void SetUp()
    {
        _lower = new MemoryBranch();
        var filler = new UnionFileSystem(_lower);
        filler.Directory.CreateDirectory("/d");
        filler.File.WriteAllText("/d/f.txt", "content");
        _fs = new UnionFileSystem(new MemoryBranch(), _lower);
    }

    private void LowerTimes(string path, DateTime accessed, DateTime written) =>
        _lower.SetMetadata(path, new MetadataChange(LastAccessTimeUtc: accessed, LastWriteTimeUtc: written));

    [Test]
    public void AReadOfAFileAccessedBeforeItsLastWrite_MovesItsAccessTime()
    {
        var written = DateTime.UtcNow.AddHours(-1);
        LowerTimes("/d/f.txt", written.AddMinutes(-1), written);

        _fs.File.ReadAllBytes("/d/f.txt");

        _fs.File.GetLastAccessTimeUtc("/d/f.txt").Should().BeCloseTo(DateTime.UtcNow, Slack);
        _lower.Stat("/d/f.txt")!.LastAccessTimeUtc.Should().Be(written.AddMinutes(-1), "the lower is never written");
    }

    [Test]
    public void AReadOfAFileAccessedRecentlyAfterItsLastWrite_LeavesItsAccessTime()
    {
        var accessed = DateTime.UtcNow.AddHours(-1);
        LowerTimes("/d/f.txt", accessed, accessed.AddHours(-1));

        _fs.File.ReadAllBytes("/d/f.txt");
        using (var stream = _fs.File.OpenRead("/d/f.txt")) stream.ReadByte();

        _fs.File.GetLastAccessTimeUtc("/d/f.txt").Should().Be(accessed);
    }

    [Test]
    public void AReadOfAFileAccessedADayAgo_MovesItsAccessTime_AndASecondReadKeepsTheFirst()
    {
        var accessed = DateTime.UtcNow.AddDays(-2);
        LowerTimes("/d/f.txt", accessed, accessed.AddDays(-1));

        _fs.File.ReadAllBytes("/d/f.txt");
        var first = _fs.File.GetLastAccessTimeUtc("/d/f.txt");
        Thread.Sleep(20);
        _fs.File.ReadAllBytes("/d/f.txt");

        first.Should().BeCloseTo(DateTime.UtcNow, Slack);
        _fs.File.GetLastAccessTimeUtc("/d/f.txt").Should().Be(first, "relatime moves it again only a day later");
    }

    [Test]
    public void AListingOfALowerDirectory_MovesItsAccessTimeAsARead()
    {
        var written = DateTime.UtcNow.AddHours(-1);
        LowerTimes("/d", written, written);

        _fs.Directory.GetFiles("/d").Should().Equal("/d/f.txt");

        _fs.Directory.GetLastAccessTimeUtc("/d").Should().BeCloseTo(DateTime.UtcNow, Slack);
        _lower.Stat("/d")!.LastAccessTimeUtc.Should().Be(written);
    }

    [Test]
    public void SettingTheAccessTime_ForgetsTheReads()
    {
        var written = DateTime.UtcNow.AddHours(-1);
        LowerTimes("/d/f.txt", written, written);
        _fs.File.ReadAllBytes("/d/f.txt");
        var set = new DateTime(2010, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        _fs.File.SetLastAccessTimeUtc("/d/f.txt", set);

        _fs.File.GetLastAccessTimeUtc("/d/f.txt").Should().Be(set);
    }
}
