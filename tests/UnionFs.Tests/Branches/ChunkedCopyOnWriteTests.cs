namespace UnionFs.Tests.Branches;

/// <summary>
/// A memory upper over a memory lower shares the lower file's chunks on copy-up and copies only the chunks a
/// write touches; whichever chunk is written, past the first 64 too, the lower's bytes never change.
/// </summary>
public class ChunkedCopyOnWriteTests
{
    private const int Chunk = 64 * 1024;

    private static byte[] Pattern(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static (UnionFileSystem Fs, MemoryBranch Lower, byte[] Original) Setup(int length)
    {
        var lower = new MemoryBranch();
        var original = Pattern(length, 7);
        new UnionFileSystem(lower).File.WriteAllBytes("/big.bin", original);
        return (new UnionFileSystem(new MemoryBranch(), lower), lower, original);
    }

    private static byte[] ReadLower(MemoryBranch lower)
    {
        using var stream = lower.OpenRead("/big.bin");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }

    [TestCase(0)]
    [TestCase(5)]
    [TestCase(63)]
    [TestCase(64)]
    [TestCase(70)]
    [TestCase(129)]
    public void Write_IntoOneChunkOfALowerFile_ShouldChangeOnlyTheUnionsCopy(int chunkIndex)
    {
        var (fs, lower, original) = Setup(130 * Chunk + 123);
        var offset = (long)chunkIndex * Chunk + 17;

        using (var stream = fs.File.OpenWrite("/big.bin"))
        {
            stream.Position = offset;
            stream.Write([1, 2, 3]);
            stream.Position = offset + 1000;
            stream.Write([4]);
        }

        var expected = (byte[])original.Clone();
        expected[offset] = 1;
        expected[offset + 1] = 2;
        expected[offset + 2] = 3;
        expected[offset + 1000] = 4;
        fs.File.ReadAllBytes("/big.bin").Should().Equal(expected);
        ReadLower(lower).Should().Equal(original);
    }

    [Test]
    public void Append_ToALowerFile_ShouldLeaveTheLowerAsItWas()
    {
        var (fs, lower, original) = Setup(3 * Chunk + 5);

        fs.File.AppendAllText("/big.bin", "!");

        fs.File.ReadAllBytes("/big.bin").Should().Equal([.. original, (byte)'!']);
        ReadLower(lower).Should().Equal(original);
    }

    [Test]
    public void SmallFile_GrownByManyAppends_ShouldKeepEveryByte()
    {
        var fs = new UnionFileSystem(new MemoryBranch());
        var expected = new List<byte>();
        for (var i = 0; i < 3000; i++)
        {
            var piece = Pattern(1 + (i % 97), i);
            using (var stream = fs.File.Open("/grow.bin", FileMode.Append))
                stream.Write(piece);
            expected.AddRange(piece);
        }

        fs.File.ReadAllBytes("/grow.bin").Should().Equal(expected);
    }

    [Test]
    public void Truncate_ThenGrow_ShouldReadZerosInTheGap()
    {
        var (fs, _, original) = Setup(2 * Chunk + 50);

        using (var stream = fs.File.OpenWrite("/big.bin"))
        {
            stream.SetLength(Chunk + 10);
            stream.SetLength(2 * Chunk);
        }

        var bytes = fs.File.ReadAllBytes("/big.bin");
        bytes.Take(Chunk + 10).Should().Equal(original.Take(Chunk + 10));
        bytes.Skip(Chunk + 10).Should().OnlyContain(b => b == 0);
    }
}
