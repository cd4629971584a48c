using UnionFs.Images.Storage;
using UnionFs.Images.Storage.Cache;
using UnionFs.Images.Tests.Infrastructure;

namespace UnionFs.Images.Tests.Gzip;

[NonParallelizable] // some tests change environment variables
public class LayerIndexCacheTests
{
    private string _cache = "";

    [SetUp]
    public void SetUp() => _cache = Directory.CreateTempSubdirectory("unionfs-cache-test-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_cache, recursive: true);

    private LayerOpenOptions Options => new() { Name = "big", IndexCacheDirectory = _cache };

    private static TarLayerBranch OpenCounted(CountingSource source, LayerOpenOptions options, string? digest = null, string? path = null) =>
        TarLayerBranch.Open(source, options, ownsSource: true, expectedDigest: digest, path: path);

    private static byte[] ReadAll(IBranch branch, string path)
    {
        using var stream = branch.OpenRead(path);
        using var copy = new MemoryStream();
        // 4 KiB at a time, as a reader of a file would.
        var buffer = new byte[4096];
        int read;
        while ((read = stream.Read(buffer)) > 0) copy.Write(buffer, 0, read);
        return copy.ToArray();
    }

    private string[] EntryFiles() => Directory.Exists(Path.Combine(_cache, "layers")) ? Directory.GetFiles(Path.Combine(_cache, "layers"), "*.idx", SearchOption.AllDirectories) : [];

    [Test]
    public void SecondOpen_OfABigGzipLayer_ReadsUnderTwoPercentOfTheBlob_ForOneSmallFile()
    {
        var blobLength = new FileInfo(BigGzipLayer.Path).Length;
        var first = new CountingSource(FileSource.Open(BigGzipLayer.Path));
        using (var layer = OpenCounted(first, Options, BigGzipLayer.Digest))
        {
            layer.EntryCount.Should().Be(BigGzipLayer.FileCount);
            layer.UncompressedSize.Should().BeGreaterThan(64L << 20);
            TestContext.Out.WriteLine($"blob {blobLength} bytes; first open read {first.BytesRead} ({(double)first.BytesRead / blobLength:P1})");
            first.BytesRead.Should().BeInRange(blobLength, blobLength + 6 + 72, "one streaming pass reads the blob once (the tar is indexed from the headers it kept), after the magic and the footer probe for a table of contents");
        }
        var entry = EntryFiles().Should().ContainSingle().Subject;
        var entrySize = new FileInfo(entry).Length;
        TestContext.Out.WriteLine($"cache entry {entrySize} bytes ({(double)entrySize / blobLength:P2} of the blob)");
        entrySize.Should().BeLessThan(blobLength / 50, "the cache holds under 2 % of the blob");

        var second = new CountingSource(FileSource.Open(BigGzipLayer.Path));
        using (var layer = OpenCounted(second, Options, BigGzipLayer.Digest))
        {
            second.BytesRead.Should().BeLessThanOrEqualTo(6 + 72, "a cache hit opens without reading the blob (only the magic and the footer that would announce a table of contents)");
            var index = 3001;
            ReadAll(layer, BigGzipLayer.FileName(index)).Should().Equal(BigGzipLayer.Content(index));
            layer.DiffId.Should().StartWith("sha256:");
            TestContext.Out.WriteLine($"cached open + one 32 KiB file read {second.BytesRead} bytes ({(double)second.BytesRead / blobLength:P2})");
            second.BytesRead.Should().BeLessThan(blobLength / 50);
        }
    }

    [Test]
    public void ALayerFileOpenedByPath_HitsTheCacheTheSecondTime()
    {
        using (var layer = TarLayerBranch.Open(BigGzipLayer.Path, Options)) layer.Stat(BigGzipLayer.FileName(5)).Should().NotBeNull();
        Directory.GetFiles(Path.Combine(_cache, "files")).Should().ContainSingle();

        var blobLength = new FileInfo(BigGzipLayer.Path).Length;
        var second = new CountingSource(FileSource.Open(BigGzipLayer.Path));
        using var again = OpenCounted(second, Options, path: BigGzipLayer.Path);
        ReadAll(again, BigGzipLayer.FileName(4000)).Should().Equal(BigGzipLayer.Content(4000));
        second.BytesRead.Should().BeLessThan(blobLength / 50);
        again.Digest.Should().Be(BigGzipLayer.Digest);
    }

    [Test]
    public void AWrongExpectedDigest_IsAnInvalidImageException_NamingTheBlob_AndCachesNothing()
    {
        var blob = LayerBuilder.Gzip(SampleLayers.Base());
        var wrong = LayerBuilder.Sha256([1, 2, 3]);
        var act = () => OpenCounted(new CountingSource(MemorySource.FromArray(blob)), Options with { Name = "blob-x" }, wrong);

        var error = act.Should().Throw<InvalidImageException>().Which;
        error.Layer.Should().Be("blob-x");
        error.Message.Should().Contain(wrong).And.Contain(LayerBuilder.Sha256(blob));
        Directory.GetFileSystemEntries(_cache, "*", SearchOption.AllDirectories).Where(File.Exists).Should().BeEmpty();
    }

    [Test]
    public void CacheOff_ByOptionOrEnvironment_WritesNothing()
    {
        var blob = LayerBuilder.Gzip(SampleLayers.Base());
        var digest = LayerBuilder.Sha256(blob);
        using (var layer = OpenCounted(new CountingSource(MemorySource.FromArray(blob)), Options with { UseIndexCache = false }, digest))
            layer.Stat("/etc/hosts").Should().NotBeNull();
        Environment.SetEnvironmentVariable(LayerIndexCacheLocation.SwitchVariable, "off");
        try
        {
            using var layer = OpenCounted(new CountingSource(MemorySource.FromArray(blob)), Options, digest);
            layer.Stat("/etc/hosts").Should().NotBeNull();
        }
        finally
        {
            Environment.SetEnvironmentVariable(LayerIndexCacheLocation.SwitchVariable, null);
        }
        EntryFiles().Should().BeEmpty();

        using (OpenCounted(new CountingSource(MemorySource.FromArray(blob)), Options, digest)) EntryFiles().Should().ContainSingle("with the cache on, the same open stores an entry");
    }

    [Test]
    public void TheDirectory_IsTheOptionThenTheVariableThenXdgThenHome_NeverTheCurrentDirectory()
    {
        string?[] names = ["UNIONFS_CACHE_DIR", "XDG_CACHE_HOME", "HOME"];
        var saved = names.Select(n => Environment.GetEnvironmentVariable(n!)).ToArray();
        var current = Environment.CurrentDirectory;
        try
        {
            Environment.CurrentDirectory = _cache;
            LayerIndexCacheLocation.Resolve("/opt/option").Should().Be("/opt/option");
            Environment.SetEnvironmentVariable("UNIONFS_CACHE_DIR", "/var/variable");
            LayerIndexCacheLocation.Resolve(null).Should().Be("/var/variable");
            Environment.SetEnvironmentVariable("UNIONFS_CACHE_DIR", "relative");
            Environment.SetEnvironmentVariable("XDG_CACHE_HOME", "/xdg");
            LayerIndexCacheLocation.Resolve(null).Should().Be("/xdg/unionfs");
            Environment.SetEnvironmentVariable("XDG_CACHE_HOME", "");
            Environment.SetEnvironmentVariable("HOME", "/home/someone");
            LayerIndexCacheLocation.Resolve(null).Should().Be("/home/someone/.cache/unionfs");
            Environment.SetEnvironmentVariable("HOME", null);
            var fallback = LayerIndexCacheLocation.Resolve(null);
            fallback.Should().StartWith(Path.GetTempPath());
            foreach (var relative in new[] { "", ".", "cache" })
            {
                Environment.SetEnvironmentVariable("UNIONFS_CACHE_DIR", relative);
                Environment.SetEnvironmentVariable("XDG_CACHE_HOME", relative);
                Environment.SetEnvironmentVariable("HOME", relative);
                LayerIndexCacheLocation.Resolve(null).Should().Be(fallback).And.NotStartWith(_cache);
            }
            var act = () => LayerIndexCacheLocation.Resolve("relative");
            act.Should().Throw<ArgumentException>();

            // The variable is what an open uses when the option is not set.
            Environment.SetEnvironmentVariable("UNIONFS_CACHE_DIR", Path.Combine(_cache, "from-variable"));
            var blob = LayerBuilder.Gzip(SampleLayers.Base());
            using (OpenCounted(new CountingSource(MemorySource.FromArray(blob)), new LayerOpenOptions(), LayerBuilder.Sha256(blob)))
                Directory.GetFiles(Path.Combine(_cache, "from-variable"), "*.idx", SearchOption.AllDirectories).Should().ContainSingle();
        }
        finally
        {
            Environment.CurrentDirectory = current;
            for (var i = 0; i < names.Length; i++) Environment.SetEnvironmentVariable(names[i]!, saved[i]);
        }
    }

    [Test]
    public void ConcurrentFirstOpens_OfTheSameBlob_AllSucceed_AndLeaveOneEntry()
    {
        var blob = LayerBuilder.Gzip(SampleLayers.Base());
        var digest = LayerBuilder.Sha256(blob);
        Parallel.For(0, 6, _ =>
        {
            for (var round = 0; round < 5; round++)
            {
                using var layer = OpenCounted(new CountingSource(MemorySource.FromArray(blob)), Options, digest);
                layer.Stat("/etc/hosts")!.Length.Should().Be(20);
                layer.DiffId.Should().Be(LayerBuilder.Sha256(SampleLayers.Base()));
            }
        });
        EntryFiles().Should().ContainSingle();
        Directory.GetFiles(_cache, "*.tmp", SearchOption.AllDirectories).Should().BeEmpty();
    }

    [Test]
    public void ADamagedEntry_IsIgnored_AndRebuilt()
    {
        var blob = LayerBuilder.Gzip(SampleLayers.Base());
        var digest = LayerBuilder.Sha256(blob);
        using (OpenCounted(new CountingSource(MemorySource.FromArray(blob)), Options, digest))
        {
        }
        var entry = EntryFiles().Single();
        var bytes = File.ReadAllBytes(entry);
        bytes[bytes.Length / 2] ^= 0xFF;
        File.WriteAllBytes(entry, bytes);

        var source = new CountingSource(MemorySource.FromArray(blob));
        using (var layer = OpenCounted(source, Options, digest)) layer.Stat("/etc/hosts").Should().NotBeNull();
        source.BytesRead.Should().BeGreaterThanOrEqualTo(blob.Length, "a damaged entry is a miss: the blob is scanned again");
        File.ReadAllBytes(entry).Should().NotEqual(bytes, "the entry was rebuilt");
    }

    [Test]
    public void TheSizeLimit_RemovesTheLeastRecentlyUsedEntries()
    {
        var blobs = Enumerable.Range(0, 5).Select(i => LayerBuilder.Gzip(new LayerBuilder().File($"f{i}", new string('x', 100 + i)).Build())).ToArray();
        foreach (var blob in blobs[..4])
        {
            using var layer = OpenCounted(new CountingSource(MemorySource.FromArray(blob)), Options, LayerBuilder.Sha256(blob));
        }
        EntryFiles().Should().HaveCount(4);
        var oldest = Path.Combine(_cache, "layers", "sha256", LayerBuilder.Sha256(blobs[2])["sha256:".Length..] + ".idx");
        File.SetLastAccessTimeUtc(oldest, DateTime.UtcNow.AddDays(-1));
        var total = EntryFiles().Sum(f => new FileInfo(f).Length);

        // A fifth entry takes the cache past a limit the four fit in: the least recently used one goes.
        using (OpenCounted(new CountingSource(MemorySource.FromArray(blobs[4])), Options with { MaxIndexCacheSize = total + 50 }, LayerBuilder.Sha256(blobs[4])))
        {
        }
        File.Exists(oldest).Should().BeFalse("the least recently used entry goes first");
        EntryFiles().Should().HaveCount(4);
    }
}
