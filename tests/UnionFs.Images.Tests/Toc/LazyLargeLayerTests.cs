using System.Security.Cryptography;
using UnionFs.Images.Storage;
using UnionFs.Images.Tests.RealTools;
using UnionFs.Images.Toc;

namespace UnionFs.Images.Tests.Toc;

/// <summary>
/// A 100 MiB layer (a random, incompressible file and a small one) built with umoci and converted by ctr-remote to
/// eStargz and zstd:chunked, its blob read through a byte-counting source: what a lazy open and one small file cost,
/// that a whole large file is fetched once, and that a tampered chunk is caught. Ignored where umoci, skopeo,
/// containerd or ctr-remote is missing, or without root.
/// </summary>
[NonParallelizable]
public class LazyLargeLayerTests
{
    private const int BigSize = 100 << 20;
    private const string SmallText = "a small file in a large layer\n";

    private readonly Dictionary<string, string> _layouts = [];
    private string _directory = null!;
    private string _bigHash = null!;
    private byte[] _big = null!;
    private string? _scratch;

    [OneTimeSetUp]
    public void BuildImage()
    {
        ToolRunner.Require("umoci", "skopeo");
        _directory = Directory.CreateTempSubdirectory("unionfs-lazy-large-").FullName;
        var image = new UmociImage(Path.Combine(_directory, "image")).Init().Write("/etc/small.txt", SmallText);
        var big = _big = new byte[BigSize];
        new Random(14).NextBytes(big);
        _bigHash = Convert.ToHexStringLower(SHA256.HashData(big));
        Directory.CreateDirectory(Path.Combine(image.RootFs, "opt"));
        File.WriteAllBytes(Path.Combine(image.RootFs, "opt", "big.bin"), big);
        image.Repack();
        using var containerd = PrivateContainerd.Start();
        var archive = Path.Combine(_directory, "image.oci.tar");
        image.Copy("oci-archive:" + archive + ":" + UmociImage.Tag);
        containerd.Import(archive);
        foreach (var flag in (string[])["--estargz", "--zstdchunked"])
            _layouts[flag.TrimStart('-')] = containerd.Convert(UmociImage.Tag, flag, _directory);
    }

    [OneTimeTearDown]
    public void Remove()
    {
        if (_directory is not null && Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    [TearDown]
    public void RemoveScratch()
    {
        if (_scratch is not null && Directory.Exists(_scratch)) Directory.Delete(_scratch, recursive: true);
        _scratch = null;
    }

    [TestCase("estargz")]
    [TestCase("zstdchunked")]
    public void OpeningAndReadingOneSmallFile_ReadsUnderOnePercentOfTheBlob(string flavor)
    {
        var layer = LargeLayer(flavor);
        var blobSize = new FileInfo(layer.Path).Length;
        CountingSource? counter = null;

        using (var branch = layer.Open(raw => counter = new CountingSource(raw)))
        {
            branch.IsLazy.Should().BeTrue();
            branch.Stat("/opt/big.bin")!.Length.Should().Be(BigSize, "the listing comes from the table of contents");
            using var reader = new StreamReader(branch.OpenRead("/etc/small.txt"));
            reader.ReadToEnd().Should().Be(SmallText);
        }

        TestContext.Out.WriteLine($"{flavor}: blob {blobSize} bytes; open + list + read /etc/small.txt read {counter!.BytesRead} bytes in {counter.Reads} reads ({100.0 * counter.BytesRead / blobSize:F4} %)");
        blobSize.Should().BeGreaterThanOrEqualTo(100L << 20);
        counter.BytesRead.Should().BeLessThan(blobSize / 100, "only the footer, the table of contents and the small file's chunk are fetched");
    }

    [TestCase("estargz")]
    [TestCase("zstdchunked")]
    public void TheSameRead_WithTheTableOfContentsIgnored_ReadsTheWholeBlob(string flavor)
    {
        var layer = LargeLayer(flavor);
        var blobSize = new FileInfo(layer.Path).Length;
        CountingSource? lazyCounter = null, wholeCounter = null;

        var lazyTime = System.Diagnostics.Stopwatch.StartNew();
        using (var lazy = layer.Open(raw => lazyCounter = new CountingSource(raw)))
        using (var reader = new StreamReader(lazy.OpenRead("/etc/small.txt")))
            reader.ReadToEnd().Should().Be(SmallText);
        lazyTime.Stop();
        var wholeTime = System.Diagnostics.Stopwatch.StartNew();
        using (var whole = layer.Open(raw => wholeCounter = new CountingSource(raw), readTableOfContents: false))
        using (var reader = new StreamReader(whole.OpenRead("/etc/small.txt")))
            reader.ReadToEnd().Should().Be(SmallText);
        wholeTime.Stop();

        TestContext.Out.WriteLine($"{flavor}: open + read /etc/small.txt: lazy {lazyCounter!.BytesRead} bytes in {lazyTime.ElapsedMilliseconds} ms, whole {wholeCounter!.BytesRead} bytes in {wholeTime.ElapsedMilliseconds} ms");
        wholeCounter.BytesRead.Should().BeGreaterThanOrEqualTo(blobSize, "a whole open decompresses every byte (the counter sees it)");
        lazyCounter.BytesRead.Should().BeLessThan(wholeCounter.BytesRead / 100);
    }

    [TestCase("estargz")]
    [TestCase("zstdchunked")]
    public void ReadingTheLargeFile_FetchesEachChunkOnce_AndYieldsTheOriginalBytes(string flavor)
    {
        var layer = LargeLayer(flavor);
        var blobSize = new FileInfo(layer.Path).Length;
        CountingSource? counter = null;
        using var branch = layer.Open(raw => counter = new CountingSource(raw));

        using (var stream = branch.OpenRead("/opt/big.bin"))
            Convert.ToHexStringLower(SHA256.HashData(stream)).Should().Be(_bigHash);

        TestContext.Out.WriteLine($"{flavor}: reading all {BigSize} bytes of /opt/big.bin read {counter!.BytesRead} of the blob's {blobSize} bytes in {counter.Reads} reads");
        counter.BytesRead.Should().BeLessThanOrEqualTo(blobSize, "a sequential read decompresses each chunk once");
        counter.BytesRead.Should().BeGreaterThan(BigSize, "the random file's chunks do not compress");
    }

    [TestCase("estargz")]
    [TestCase("zstdchunked")]
    public void ParallelReadsOfRandomRanges_YieldTheOriginalBytes(string flavor)
    {
        using var branch = LargeLayer(flavor).Open();
        var mismatches = 0;

        Parallel.For(0, 64, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            var random = new Random(i);
            var offset = random.NextInt64(BigSize - 200_000);
            var buffer = new byte[random.Next(1, 200_000)];
            using var stream = branch.OpenRead("/opt/big.bin");
            stream.Position = offset;
            stream.ReadExactly(buffer);
            if (!buffer.AsSpan().SequenceEqual(_big.AsSpan((int)offset, buffer.Length))) Interlocked.Increment(ref mismatches);
        });

        mismatches.Should().Be(0, "concurrent reads share the chunk cache, never a position");
    }

    [TestCase("estargz")]
    [TestCase("zstdchunked")]
    public void TamperedChunk_IsAnInvalidImageException_NamingTheBlob(string flavor)
    {
        var layer = LargeLayer(flavor);
        _scratch = Directory.CreateTempSubdirectory("unionfs-tamper-").FullName;
        var copy = Path.Combine(_scratch, "blob");
        File.Copy(layer.Path, copy);
        var chunk = MiddleChunkOfBigFile(copy);
        using (var file = new FileStream(copy, FileMode.Open, FileAccess.ReadWrite))
        {
            // Inside the chunk's compressed data (past any frame or member header): the stored random bytes change.
            var b = new byte[1];
            file.Position = chunk + 4096;
            file.ReadExactly(b);
            b[0] ^= 0x5A;
            file.Position = chunk + 4096;
            file.Write(b);
        }
        using var branch = (layer with { Path = copy }).Open();

        branch.IsLazy.Should().BeTrue("the table of contents is untouched and still matches its annotation");
        using (var reader = new StreamReader(branch.OpenRead("/etc/small.txt"))) reader.ReadToEnd().Should().Be(SmallText, "other chunks are unaffected");
        var act = () =>
        {
            using var stream = branch.OpenRead("/opt/big.bin");
            stream.CopyTo(Stream.Null);
        };

        var thrown = act.Should().Throw<InvalidImageException>().Where(e => e.Layer == layer.Digest && e.Message.Contains(layer.Digest) && e.Entry == "opt/big.bin").Which;
        TestContext.Out.WriteLine(thrown.Message);
    }

    [TestCase("estargz")]
    [TestCase("zstdchunked")]
    public void ImageOpen_IsLazy_AndReadsTheSmallFile(string flavor)
    {
        using var image = ContainerImage.Open(_layouts[flavor]);
        var union = image.MountReadOnly();

        image.Layers.Should().OnlyContain(l => l.Branch.IsLazy);
        union.File.ReadAllText("/etc/small.txt").Should().Be(SmallText);
        union.FileInfo.New("/opt/big.bin").Length.Should().Be(BigSize);
    }

    private LazyLayer LargeLayer(string flavor) => LazyLayer.Of(_layouts[flavor]).Single(l => new FileInfo(l.Path).Length >= BigSize);

    /// <summary>The compressed offset of a chunk in the middle of /opt/big.bin, from the blob's own table of contents.</summary>
    private static long MiddleChunkOfBigFile(string blob)
    {
        using var source = FileSource.Open(blob);
        var location = TocFooter.Find(source)!.Value;
        var (entries, _) = TocReader.Read(source, location, null, "blob");
        var chunks = entries.Where(e => e.Name == "opt/big.bin").OrderBy(e => e.ChunkOffset).ToList();
        chunks.Should().HaveCountGreaterThan(2, "the converter splits a large file into chunks");
        return chunks[chunks.Count / 2].Offset;
    }
}
