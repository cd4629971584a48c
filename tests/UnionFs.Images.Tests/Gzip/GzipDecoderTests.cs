using System.IO.Compression;
using UnionFs.Images.Storage;
using UnionFs.Images.Storage.Gzip;
using static UnionFs.Images.Tests.Gzip.GzipTestData;

namespace UnionFs.Images.Tests.Gzip;

public class GzipDecoderTests
{
    [TestCase(1)]
    [TestCase(1000)]
    [TestCase(300_000)]
    [TestCase(3_000_000)]
    public void GZipStreamOutput_DecodesToTheOriginal_ForRandomAndTextData(int length)
    {
        foreach (var data in new[] { Random(length), Text(length) })
            foreach (var level in new[] { CompressionLevel.Fastest, CompressionLevel.Optimal, CompressionLevel.SmallestSize, CompressionLevel.NoCompression })
                Decode(GZip(data, level)).Should().Equal(data, $"{length} bytes at {level}");
    }

    [TestCase("gzip", "-1 -c")]
    [TestCase("gzip", "-9 -c")]
    [TestCase("pigz", "-c -p 2 -b 128")]
    [TestCase("pigz", "-9 -c -i -b 128")]
    public void ToolOutput_DecodesToTheOriginal(string tool, string arguments)
    {
        var data = Text(2_500_000).Concat(Random(700_000)).Concat(Text(900_000, seed: 9)).ToArray();
        Decode(Tool(tool, arguments, data)).Should().Equal(data);
    }

    [Test]
    public void StoredFixedAndDynamicBlocks_AreAllDecoded()
    {
        var data = Text(100_000);
        var stored = new GzipDecoder(MemorySource.FromArray(GZip(data, CompressionLevel.NoCompression)));
        DecodeAll(stored).Should().Equal(data);
        stored.BlockCounts[0].Should().BePositive();

        var fixedBlock = new GzipDecoder(MemorySource.FromArray(GZip("hello hello"u8.ToArray())));
        DecodeAll(fixedBlock).Should().Equal("hello hello"u8.ToArray());
        fixedBlock.BlockCounts[1].Should().Be(1);

        var dynamic = new GzipDecoder(MemorySource.FromArray(GZip(data)));
        DecodeAll(dynamic).Should().Equal(data);
        dynamic.BlockCounts[2].Should().BePositive();
    }

    [Test]
    public void ConcatenatedMembers_IncludingEmptyOnes_DecodeInOrder()
    {
        var one = Text(50_000);
        var two = Random(40_000);
        var empty = Tool("gzip", "-c", []);
        empty.Should().NotBeEmpty("gzip writes a member even for no data");
        var blob = GZip(one).Concat(empty).Concat(GZip(two, CompressionLevel.Fastest)).Concat(empty).ToArray();

        Decode(blob).Should().Equal(one.Concat(two));
    }

    [Test]
    public void HeaderWithExtraNameCommentAndHeaderCrc_IsSkipped_AndItsCrcChecked()
    {
        var data = Text(5000);
        var plain = GZip(data);
        // FEXTRA + FNAME + FCOMMENT + FHCRC in front of the same deflate data and trailer.
        var header = new List<byte> { 0x1F, 0x8B, 8, 0x02 | 0x04 | 0x08 | 0x10, 0, 0, 0, 0, 0, 3, 4, 0, 1, 2, 3, 4 };
        header.AddRange("name.tar\0"u8.ToArray());
        header.AddRange("a comment\0"u8.ToArray());
        var headerCrc = Crc32.Update(0, header.ToArray());
        header.AddRange(new[] { (byte)headerCrc, (byte)(headerCrc >> 8) });
        var blob = header.Concat(plain.Skip(10)).ToArray();

        Decode(blob).Should().Equal(data);
        blob[10] ^= 1; // a byte of FEXTRA: the header CRC no longer matches
        ((Action)(() => Decode(blob))).Should().Throw<InvalidDataException>().Which.Message.Should().Contain("header");
    }

    [Test]
    public void TruncatedInput_IsReportedAsTruncated_AtEveryLength()
    {
        var blob = GZip(Text(20_000)).Concat(GZip(Random(3000))).ToArray();
        var firstMemberEnd = GZip(Text(20_000)).Length;
        for (var length = 1; length < blob.Length; length += length < 40 ? 1 : 37)
        {
            if (length == firstMemberEnd) continue; // a whole first member is valid gzip
            var act = () => Decode(blob[..length]);
            act.Should().Throw<InvalidDataException>().Which.Message.Should().Contain("truncated", $"at {length} bytes");
        }
    }

    [Test]
    public void CorruptCrcOrLength_IsRefused()
    {
        var blob = GZip(Text(20_000));
        var crc = (byte[])blob.Clone();
        crc[^8] ^= 1;
        ((Action)(() => Decode(crc))).Should().Throw<InvalidDataException>().Which.Message.Should().Contain("CRC-32");
        var size = (byte[])blob.Clone();
        size[^4] ^= 1;
        ((Action)(() => Decode(size))).Should().Throw<InvalidDataException>().Which.Message.Should().Contain("length");
    }

    [Test]
    public void GarbageAfterTheLastMember_IsRefused()
    {
        var blob = GZip(Text(1000)).Concat("garbage!"u8.ToArray()).ToArray();
        ((Action)(() => Decode(blob))).Should().Throw<InvalidDataException>().Which.Message.Should().Contain("not another gzip member");
    }

    [TestCase("gzip", "-6 -c")]
    [TestCase("pigz", "-c -p 2 -b 128")]
    [TestCase(null, null)]
    public void Checkpoints_AreAboutOnePerMiB_AndDecodingFromEachGivesTheSameBytes(string? tool, string? arguments)
    {
        var data = Text(6_000_000).Concat(Random(1_500_000)).ToArray();
        var blob = tool is null ? GZip(data).Concat(GZip(Text(2_000_000, seed: 5))).ToArray() : Tool(tool, arguments!, data);
        var expected = Decode(blob);
        var checkpoints = new List<GzipCheckpoint>();
        var first = new GzipDecoder(MemorySource.FromArray(blob)) { CheckpointSpacing = 1 << 20, CheckpointRecorded = checkpoints.Add };
        DecodeAll(first).Should().Equal(expected);

        checkpoints.Count.Should().BeInRange(expected.Length / (2 << 20), (expected.Length / (1 << 20)) + 2);
        checkpoints.Should().OnlyContain(c => c.Window.Length <= GzipDecoder.WindowSize);
        checkpoints.Skip(1).Should().Contain(c => c.Window.Length == GzipDecoder.WindowSize);
        checkpoints.Should().Contain(c => c.BlockType != 0, "checkpoints fall inside Huffman blocks too (at symbol boundaries)");
        foreach (var checkpoint in checkpoints)
        {
            var resumed = new GzipDecoder(MemorySource.FromArray(blob), checkpoint);
            resumed.Position.Should().Be(checkpoint.Output);
            DecodeAll(resumed).Should().Equal(expected[(int)checkpoint.Output..], $"from the checkpoint at {checkpoint.Output}");
        }
    }
}
