using System.IO.Compression;
using System.Security.Cryptography;
using UnionFs.Images.Storage;
using UnionFs.Images.Storage.Gzip;
using static UnionFs.Images.Tests.Gzip.GzipTestData;

namespace UnionFs.Images.Tests.Gzip;

public class GzipSeekableSourceTests
{
    private static readonly byte[] Data = Text(12_000_000).Concat(Random(2_000_000)).Concat(Text(6_000_000, seed: 3)).ToArray();
    private static readonly byte[] Blob = Tool("gzip", "-6 -c", Data);

    private static GzipCheckpointIndex Scan(byte[] blob) => GzipScan.Run(MemorySource.FromArray(blob), long.MaxValue).Index;

    [Test]
    public void Scan_GivesBothDigestsAndTheLength()
    {
        var (index, digest, diffId) = GzipScan.Run(MemorySource.FromArray(Blob), long.MaxValue);

        digest.Should().Be(Digests.Of(Blob));
        diffId.Should().Be(Digests.Of(Data));
        index.UncompressedLength.Should().Be(Data.Length);
        index.CompressedLength.Should().Be(Blob.Length);
        var act = () => GzipScan.Run(MemorySource.FromArray(Blob), Data.Length - 1);
        act.Should().Throw<InvalidDataException>().Which.Message.Should().Contain("limit");
    }

    [Test]
    public void RandomReads_GiveTheOriginalBytes_AndReadOnlyNearTheirCheckpoint()
    {
        var counting = new CountingSource(MemorySource.FromArray(Blob));
        using var source = new GzipSeekableSource(counting, Scan(Blob), ownsCompressed: true);
        source.Length.Should().Be(Data.Length);
        var random = new Random(7);
        var buffer = new byte[5000];
        for (var i = 0; i < 200; i++)
        {
            var position = random.NextInt64(Data.Length - buffer.Length);
            counting.Reset();
            source.ReadExactlyAt(position, buffer);
            buffer.Should().Equal(Data.AsSpan((int)position, buffer.Length).ToArray(), $"at {position}");
        }
        counting.Reset();
        source.ReadExactlyAt(Data.Length - 100, buffer.AsSpan(0, 100));
        counting.BytesRead.Should().BeLessThan(Blob.Length / 5, "a read near the end starts at a checkpoint near the end");
    }

    [Test]
    public void SequentialSmallReads_ContinueOneCursor()
    {
        using var source = new GzipSeekableSource(MemorySource.FromArray(Blob), Scan(Blob), ownsCompressed: true);
        var buffer = new byte[4096];
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        for (long position = 0; position < Data.Length; position += buffer.Length)
        {
            var read = source.ReadAt(position, buffer);
            hash.AppendData(buffer, 0, read);
        }
        Digests.Format(hash.GetHashAndReset()).Should().Be(Digests.Of(Data));
        source.Restarts.Should().Be(1);
    }

    [Test]
    public void ConcurrentReaders_AllSeeTheRightBytes()
    {
        using var source = new GzipSeekableSource(MemorySource.FromArray(Blob), Scan(Blob), ownsCompressed: true);
        Parallel.For(0, 8, worker =>
        {
            var random = new Random(worker);
            var buffer = new byte[3000];
            for (var i = 0; i < 30; i++)
            {
                var position = random.NextInt64(Data.Length - buffer.Length);
                source.ReadExactlyAt(position, buffer);
                buffer.AsSpan().SequenceEqual(Data.AsSpan((int)position, buffer.Length)).Should().BeTrue();
            }
        });
    }

    [Test]
    public void Index_RoundTripsThroughItsBinaryForm_AndStaysSmall()
    {
        var index = Scan(Blob);
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true)) index.WriteTo(writer);
        buffer.Position = 0;
        var read = GzipCheckpointIndex.ReadFrom(new BinaryReader(buffer));

        read.Count.Should().Be(index.Count).And.BeGreaterThan(3);
        read.UncompressedLength.Should().Be(Data.Length);
        buffer.Length.Should().BeLessThan((long)(Blob.Length * 0.02) + (64 * 1024), "the windows keep within their budget");
        using var source = new GzipSeekableSource(MemorySource.FromArray(Blob), read, ownsCompressed: true);
        var bytes = new byte[1000];
        source.ReadExactlyAt(15_000_000, bytes);
        bytes.Should().Equal(Data.AsSpan(15_000_000, 1000).ToArray());
        buffer.Position = 0;
        buffer.WriteByte(99);
        buffer.Position = 0;
        ((Action)(() => GzipCheckpointIndex.ReadFrom(new BinaryReader(buffer)))).Should().Throw<InvalidDataException>();
    }

    [Test]
    public void ABlobThatChanged_IsNotReadAsIfItWereTheIndexedOne()
    {
        var index = Scan(Blob);
        var other = GZip(Data.AsSpan(0, Data.Length / 2).ToArray(), CompressionLevel.Fastest);
        using var source = new GzipSeekableSource(MemorySource.FromArray(other), index, ownsCompressed: true);
        var act = () => source.ReadExactlyAt(Data.Length - 10, new byte[10]);
        act.Should().Throw<InvalidDataException>();
    }
}
