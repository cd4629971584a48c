using System.Formats.Tar;
using UnionFs.Images.Storage;
using UnionFs.Images.Tar;
using UnionFs.Images.Tests.Infrastructure;

namespace UnionFs.Images.Tests.Tar;

public class TarHeaderScannerTests
{
    private static TarHeaderScanner Scan(byte[] tar, int chunk)
    {
        var scanner = new TarHeaderScanner();
        for (var at = 0; at < tar.Length; at += chunk) scanner.Feed(tar.AsSpan(at, Math.Min(chunk, tar.Length - at)));
        return scanner;
    }

    [TestCaseSource(typeof(TarIndexSerializerTests), nameof(TarIndexSerializerTests.Layers))]
    public void TheKeptHeaders_IndexToTheSameTree_AsTheWholeTar(byte[] tar, bool interpretWhiteouts)
    {
        foreach (var chunk in new[] { 1, 511, 4096, 1 << 20 })
        {
            var scanner = Scan(tar, chunk);
            var seen = new List<long>();
            var fromHeaders = TarIndex.Build(scanner.ToSource(tar.Length), "layer", interpretWhiteouts, seen);
            var whole = TarIndex.Build(MemorySource.FromArray(tar), "layer", interpretWhiteouts);

            scanner.Failed.Should().BeFalse();
            seen.Should().Equal(scanner.DataOffsets).And.NotBeEmpty();
            TarIndexSerializerTests.Snapshot(fromHeaders).Should().Equal(TarIndexSerializerTests.Snapshot(whole));
            scanner.CapturedBytes.Should().BeLessThan(tar.Length);
        }
    }

    [Test]
    public void FileContents_AreNotKept()
    {
        var tar = new LayerBuilder().File("big", new byte[1 << 20]).File("small", "x").Build();
        var scanner = Scan(tar, 4096);

        scanner.CapturedBytes.Should().BeLessThan(8 * 1024);
        scanner.DataOffsets.Should().HaveCount(2);
    }

    [Test]
    public void AnEntryWithAPaxSize_IsFollowedPastItsData()
    {
        var entry = new PaxTarEntry(TarEntryType.RegularFile, "a", new Dictionary<string, string> { ["size"] = "1000" })
        {
            DataStream = new MemoryStream(new byte[1000]),
        };
        var tar = new LayerBuilder().Entry(entry).File("b", "after").Build();
        var scanner = Scan(tar, 777);
        var seen = new List<long>();
        TarIndex.Build(scanner.ToSource(tar.Length), "layer", true, seen).Find("/b").Should().NotBeNull();
        seen.Should().Equal(scanner.DataOffsets).And.HaveCount(2);
    }

    [Test]
    public void AHeaderTheScannerCannotFollow_IsReported()
    {
        var tar = new LayerBuilder(TarEntryFormat.Ustar).File("a", "data").File("b", "more").Build();
        tar[124] = (byte)'z'; // the size field of the first header
        Scan(tar, 512).Failed.Should().BeTrue();
    }

    [Test]
    public void AMangledPaxRecord_NeverThrows()
    {
        var tar = new LayerBuilder(TarEntryFormat.Pax).File(new string('n', 150), "data").Build();
        tar[156].Should().Be((byte)'x', "the first header is a PAX extended header");
        "1 "u8.CopyTo(tar.AsSpan(512)); // a record length shorter than its own length field (found by the mutation fuzzer)

        var act = () => Scan(tar, 100);
        act.Should().NotThrow();
    }
}
