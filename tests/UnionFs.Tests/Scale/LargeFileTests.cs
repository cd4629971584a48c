using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Scale;

/// <summary>
/// Files larger than 4 GiB: a sparse 5 GiB file in a <see cref="DirectoryBranch"/> lower on the real disk, read
/// through the union at offsets past 4 GiB, copied up (lazily) into a memory upper and written past 4 GiB there, and,
/// in a full run with the room for it, copied up into a directory upper on the same disk. A 5 GiB file is also made
/// in a memory upper. Positions and lengths stay 64-bit all the way; the lower is never changed.
/// </summary>
[NonParallelizable]
public class LargeFileTests
{
    private const long FiveGiB = 5L << 30;
    private const long Marker = (4L << 30) + (1L << 29); // 4.5 GiB
    private static readonly byte[] MarkerBytes = "past-4GiB"u8.ToArray();

    private BranchStore _store = null!;
    private DirectoryBranch _lower = null!;

    [SetUp]
    public void MakeSparseLowerFile()
    {
        _store = new BranchStore(BranchKind.RealDirectory);
        _lower = (DirectoryBranch)_store.Create("lower");
        using var file = new FileStream(Path.Combine(_lower.Root, "big.bin"), FileMode.CreateNew, FileAccess.Write);
        file.SetLength(FiveGiB);
        file.Position = Marker;
        file.Write(MarkerBytes);
        file.Position = FiveGiB - 1;
        file.WriteByte(0xEE);
    }

    [TearDown]
    public void DeleteStore() => _store.Dispose();

    /// <summary>Cases that write 5 GiB to the disk are made only in a full run, and only when the disk has room.</summary>
    public static IEnumerable<TestCaseData> DiskCopyCases()
    {
        if (!ScaleBudget.LargeCopyToDisk) yield break;
        var free = new DriveInfo(Path.GetTempPath()).AvailableFreeSpace;
        if (free > 3 * FiveGiB) yield return new TestCaseData(free).SetName("LowerFileOver4GiB_CopiedUpIntoADirectoryUpper_ShouldKeepEveryByte");
    }

    private static byte[] ReadAt(Stream stream, long position, int count)
    {
        stream.Position = position;
        var buffer = new byte[count];
        stream.ReadExactly(buffer);
        return buffer;
    }

    [Test]
    public void LowerFileOver4GiB_ShouldBeReadPast4GiBWithoutCopyingUp()
    {
        var upper = new MemoryBranch();
        var fs = new UnionFileSystem(upper, new GuardedBranch(_lower, "disk"));

        fs.FileInfo.New("/big.bin").Length.Should().Be(FiveGiB);
        using (var stream = fs.File.OpenRead("/big.bin"))
        {
            stream.Length.Should().Be(FiveGiB);
            ReadAt(stream, Marker, MarkerBytes.Length).Should().Equal(MarkerBytes);
            ReadAt(stream, FiveGiB - 1, 1).Should().Equal(0xEE);
            ReadAt(stream, (4L << 30) - 2, 4).Should().Equal(0, 0, 0, 0);
            stream.Seek(-1, SeekOrigin.End).Should().Be(FiveGiB - 1);
        }
        upper.Stat("/big.bin").Should().BeNull("reads never copy up");
    }

    [Test]
    public void LowerFileOver4GiB_CopiedUpIntoMemory_ShouldBeWrittenPast4GiBAndLeaveTheLowerAlone()
    {
        var before = File.GetLastWriteTimeUtc(Path.Combine(_lower.Root, "big.bin"));
        var fs = new UnionFileSystem(new MemoryBranch(), new GuardedBranch(_lower, "disk"));

        using (var stream = fs.File.Open("/big.bin", FileMode.Open, FileAccess.ReadWrite))
        {
            stream.Position = Marker + 100;
            stream.Write("upper"u8);
            stream.Position = FiveGiB;
            stream.Write("tail"u8);
        }

        using (var stream = fs.File.OpenRead("/big.bin"))
        {
            stream.Length.Should().Be(FiveGiB + 4);
            ReadAt(stream, Marker, MarkerBytes.Length).Should().Equal(MarkerBytes, "the bytes not written come from the lower");
            ReadAt(stream, Marker + 100, 5).Should().Equal("upper"u8.ToArray());
            ReadAt(stream, FiveGiB - 1, 5).Should().Equal([0xEE, .. "tail"u8.ToArray()]);
        }
        using (var lower = File.OpenRead(Path.Combine(_lower.Root, "big.bin")))
        {
            lower.Length.Should().Be(FiveGiB);
            ReadAt(lower, Marker + 100, 5).Should().Equal(0, 0, 0, 0, 0);
        }
        File.GetLastWriteTimeUtc(Path.Combine(_lower.Root, "big.bin")).Should().Be(before);
    }

    [TestCaseSource(nameof(DiskCopyCases))]
    public void LowerFileOver4GiB_CopiedUpIntoADirectoryUpper_ShouldKeepEveryByte(long freeBytes)
    {
        freeBytes.Should().BeGreaterThan(3 * FiveGiB);
        var upper = (DirectoryBranch)_store.Create("upper");
        var fs = new UnionFileSystem(upper, new GuardedBranch(_lower, "disk"));

        fs.File.AppendAllText("/big.bin", "!");

        new FileInfo(Path.Combine(upper.Root, "big.bin")).Length.Should().Be(FiveGiB + 1);
        using var stream = fs.File.OpenRead("/big.bin");
        ReadAt(stream, Marker, MarkerBytes.Length).Should().Equal(MarkerBytes);
        ReadAt(stream, FiveGiB - 1, 2).Should().Equal(0xEE, (byte)'!');
    }

    [Test]
    public void MemoryFileOver4GiB_ShouldHoldItsBytesPast4GiB()
    {
        var fs = new UnionFileSystem(new MemoryBranch());

        using (var stream = fs.File.Create("/big.bin"))
        {
            stream.SetLength(FiveGiB);
            stream.Position = Marker;
            stream.Write(MarkerBytes);
        }

        fs.FileInfo.New("/big.bin").Length.Should().Be(FiveGiB);
        using var read = fs.File.OpenRead("/big.bin");
        ReadAt(read, Marker, MarkerBytes.Length).Should().Equal(MarkerBytes);
        ReadAt(read, Marker - 4, 4).Should().Equal(0, 0, 0, 0);
    }
}
