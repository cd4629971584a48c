using System.IO.Abstractions.TestingHelpers;
using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Branches;

/// <summary>
/// A large file of a directory lower, written through a memory upper, is copied up lazily: the write reads one
/// chunk of the lower file, not all of it; every byte still reads as the merged view should; the lower is untouched.
/// </summary>
public class LazyCopyUpTests
{
    private const int Chunk = 64 * 1024;
    private const int Size = 40 * Chunk + 321;

    private MockFileSystem _disk = null!;
    private CountingBranch _lower = null!;
    private UnionFileSystem _fs = null!;
    private byte[] _original = null!;

    [SetUp]
    public void SetUp()
    {
        _original = new byte[Size];
        new Random(3).NextBytes(_original);
        _disk = new MockFileSystem();
        _disk.Directory.CreateDirectory("/lower/data");
        _disk.File.WriteAllBytes("/lower/data/big.bin", _original);
        _lower = new CountingBranch(new DirectoryBranch(_disk, "/lower"));
        _fs = new UnionFileSystem(new MemoryBranch(), _lower);
    }

    [Test]
    public void Write_InTheMiddle_ShouldReadOneChunkOfTheLowerFile()
    {
        using (var stream = _fs.File.OpenWrite("/data/big.bin"))
        {
            stream.Position = 20 * Chunk + 5;
            stream.Write([9, 9, 9]);
        }

        _lower.BytesRead.Should().BeLessThanOrEqualTo(Chunk);
        var expected = (byte[])_original.Clone();
        expected.AsSpan(20 * Chunk + 5, 3).Fill(9);
        _fs.File.ReadAllBytes("/data/big.bin").Should().Equal(expected);
        _disk.File.ReadAllBytes("/lower/data/big.bin").Should().Equal(_original);
    }

    [Test]
    public void Append_OneByte_ShouldReadAtMostTheLastChunk()
    {
        _fs.File.AppendAllText("/data/big.bin", "!");

        _lower.BytesRead.Should().BeLessThanOrEqualTo(Chunk);
        _fs.File.ReadAllBytes("/data/big.bin").Should().Equal([.. _original, (byte)'!']);
        _fs.GetChanges().Should().ContainSingle(c => c.Path == "/data/big.bin" && c.Kind == ChangeKind.Modified);
    }

    [Test]
    public void Truncate_ThenGrow_ShouldReadZerosWhereTheLowerBytesWereCut()
    {
        using (var stream = _fs.File.OpenWrite("/data/big.bin"))
        {
            stream.SetLength(3 * Chunk + 7);
            stream.SetLength(5 * Chunk);
        }

        var bytes = _fs.File.ReadAllBytes("/data/big.bin");
        bytes.Take(3 * Chunk + 7).Should().Equal(_original.Take(3 * Chunk + 7));
        bytes.Skip(3 * Chunk + 7).Should().OnlyContain(b => b == 0);
    }

    [Test]
    public void UpperAsLowerOfTheNextUnion_ShouldShareTheLazyCopyAndKeepEachSidesWrites()
    {
        using (var stream = _fs.File.OpenWrite("/data/big.bin"))
            stream.Write([1]);
        var next = new UnionFileSystem(new MemoryBranch(), _fs.Upper!, _lower);

        using (var stream = next.File.OpenWrite("/data/big.bin"))
        {
            stream.Position = 30 * Chunk;
            stream.Write([2]);
        }

        var mine = (byte[])_original.Clone();
        mine[0] = 1;
        var theirs = (byte[])mine.Clone();
        theirs[30 * Chunk] = 2;
        _fs.File.ReadAllBytes("/data/big.bin").Should().Equal(mine);
        next.File.ReadAllBytes("/data/big.bin").Should().Equal(theirs);
    }

    [Test]
    public void SmallFile_ShouldBeCopiedWhole()
    {
        _disk.File.WriteAllText("/lower/data/small.txt", "small");
        _fs.RefreshLowers();

        _fs.File.AppendAllText("/data/small.txt", "er");
        _disk.File.Delete("/lower/data/small.txt");

        _fs.File.ReadAllText("/data/small.txt").Should().Be("smaller", "a small file is copied at once, so it no longer needs the lower");
    }
}
