using UnionFs.Images.Registry;
using UnionFs.Images.Tests.RealTools;

namespace UnionFs.Images.Tests.Registry;

/// <summary>
/// <see cref="RegistryBlobSource"/> over a 16 MiB random blob in the real registry, behind the counting proxy:
/// the two access patterns lazy layers use (one sequential pass; scattered small reads), a registry that ignores
/// Range, and a dropped connection.
/// </summary>
[NonParallelizable]
public class RegistryBlobSourceTests
{
    private const string Repository = "blobs/big";
    private const int BlobLength = 16 << 20;

    private RegistryServer _registry = null!;
    private RegistryProxy _proxy = null!;
    private byte[] _blob = null!;
    private string _digest = null!;

    [OneTimeSetUp]
    public void StartRegistry()
    {
        ToolRunner.Require("docker-registry");
        _registry = RegistryServer.Start();
        _blob = new byte[BlobLength];
        new Random(14).NextBytes(_blob);
        _digest = _registry.PushBlob(Repository, _blob);
    }

    [OneTimeTearDown]
    public void StopRegistry() => _registry?.Dispose();

    [SetUp]
    public void StartProxy() => _proxy = new RegistryProxy(_registry.Host);

    [TearDown]
    public void StopProxy() => _proxy?.Dispose();

    [Test]
    public void SequentialPass_KeepsOneResponseOpen_FetchesEachByteOnce()
    {
        using var client = Client();
        using var source = new RegistryBlobSource(client, _digest, BlobLength);
        var copy = new byte[BlobLength];

        // 64 KiB reads, as a decompressor's pass makes them.
        for (var position = 0; position < BlobLength; position += 1 << 16) source.ReadExactlyAt(position, copy.AsSpan(position, 1 << 16));

        copy.Should().Equal(_blob);
        source.BytesFetched.Should().Be(BlobLength);
        _proxy.BodyBytes.Should().Be(BlobLength);
        var gets = Gets();
        TestContext.Out.WriteLine($"sequential pass of {BlobLength} bytes: {gets.Count} requests: {string.Join(" | ", gets)}");
        // One block, then windows of 1, 2, 4, 8 and 1 MiB: 6 requests, not 256 of 64 KiB.
        gets.Count.Should().BeLessThanOrEqualTo(6);
    }

    [Test]
    public void ScatteredSmallReads_FetchOnlyTheirBlocks_AndHitTheCacheAfter()
    {
        using var client = Client();
        using var source = new RegistryBlobSource(client, _digest, BlobLength);
        var random = new Random(7);
        var positions = Enumerable.Range(0, 12).Select(_ => (long)random.Next(BlobLength - 512)).ToList();

        foreach (var position in positions) ReadAndCheck(source, position, 512);
        var afterFirst = source.BytesFetched;
        foreach (var position in positions) ReadAndCheck(source, position, 512);

        TestContext.Out.WriteLine($"12 scattered 512-byte reads: {afterFirst} bytes fetched in {Gets().Count} requests");
        afterFirst.Should().BeLessThanOrEqualTo(12L * RegistryOptions.DefaultBlockSize, "each read fetches at most its aligned block");
        source.BytesFetched.Should().Be(afterFirst, "the second round is served from the block cache");
        _proxy.BodyBytes.Should().Be(afterFirst);
    }

    [Test]
    public void SmallReadsInOneBlock_CostOneRequest()
    {
        using var client = Client();
        using var source = new RegistryBlobSource(client, _digest, BlobLength);

        const int block = RegistryOptions.DefaultBlockSize;
        for (var position = 5000L; position < block - 200; position += 1500) ReadAndCheck(source, position, 100);

        Gets().Should().ContainSingle().Which.Should().Contain($"bytes=0-{block - 1}");
    }

    [Test]
    public void BlockCache_IsBounded_EvictsTheLeastRecentlyUsed()
    {
        using var client = Client(new RegistryOptions { CachedBlocks = 2, BlockSize = 64 << 10 });
        using var source = new RegistryBlobSource(client, _digest, BlobLength);

        ReadAndCheck(source, 100, 10);              // block 0
        ReadAndCheck(source, 1_000_000, 10);        // block 15
        ReadAndCheck(source, 5_000_000, 10);        // block 76: block 0 is dropped
        ReadAndCheck(source, 1_000_050, 10);        // cached
        ReadAndCheck(source, 110, 10);              // fetched again

        Gets().Should().HaveCount(4);
        source.BytesFetched.Should().Be(4L * (64 << 10));
    }

    [Test]
    public void RegistryIgnoresRange_StreamsTheBlobOnceIntoASpill()
    {
        _proxy.IgnoreRange = true;
        using var client = Client();
        using var source = new RegistryBlobSource(client, _digest, BlobLength);

        ReadAndCheck(source, 9_000_000, 700);
        ReadAndCheck(source, 10, 700);
        ReadAndCheck(source, BlobLength - 300, 300);

        source.UsesFallback.Should().BeTrue();
        _proxy.BodyBytes.Should().Be(BlobLength, "the whole blob is sent once, then read from the spill");
        Gets().Should().ContainSingle();
    }

    [Test]
    public void RegistryIgnoresRange_WrongByte_ThrowsInvalidImageNamingTheBlob()
    {
        _proxy.IgnoreRange = true;
        _proxy.TamperDigest = _digest;
        _proxy.TamperOffsets = [12_345_678];
        using var client = Client();
        using var source = new RegistryBlobSource(client, _digest, BlobLength);

        var act = () => source.ReadExactlyAt(0, new byte[10]);

        act.Should().Throw<InvalidImageException>().Where(e => e.Layer == _digest).WithMessage($"*{_digest}*digest*");
    }

    [Test]
    public void ConnectionDroppedInASequentialPass_ResumesWhereItStopped()
    {
        const long cut = (3 << 20) + 123;
        _proxy.DropOnce(_digest, cut);
        using var client = Client();
        using var source = new RegistryBlobSource(client, _digest, BlobLength);
        var copy = new byte[BlobLength];

        for (var position = 0; position < BlobLength; position += 1 << 16) source.ReadExactlyAt(position, copy.AsSpan(position, 1 << 16));

        _proxy.Dropped.Should().BeTrue();
        copy.Should().Equal(_blob);
        // The reset may discard bytes the client had not read yet, so the resume starts at or before the cut.
        var starts = Gets().Select(RangeStart).ToList();
        starts.Should().Contain(s => s > 1_310_720 && s <= cut && s != 3_407_872, "a Range request resumes the cut window");
        source.BytesFetched.Should().Be(BlobLength, "the transfer resumes at the byte where it stopped");
    }

    [Test]
    public void AnswerCutInItsStatusLine_IsAskedForAgain()
    {
        _proxy.CutAnswers(1);
        using var client = Client();
        using var source = new RegistryBlobSource(client, _digest, BlobLength);

        ReadAndCheck(source, 0, 4096);

        _proxy.Cuts.Should().Be(1);
        Gets().Should().ContainSingle("the cut request never reached the registry; the one sent again did");
    }

    [Test]
    public void ConnectionDropped_AndTheAnswerToTheResumingRequestCut_StillResumes()
    {
        _proxy.DropOnce(_digest, (3 << 20) + 123);
        _proxy.CutAnswers(1, afterDrop: true);
        using var client = Client();
        using var source = new RegistryBlobSource(client, _digest, BlobLength);
        var copy = new byte[BlobLength];

        for (var position = 0; position < BlobLength; position += 1 << 16) source.ReadExactlyAt(position, copy.AsSpan(position, 1 << 16));

        _proxy.Dropped.Should().BeTrue();
        _proxy.Cuts.Should().Be(1);
        copy.Should().Equal(_blob);
    }

    [Test]
    public void AnswersCutEveryTime_FailAfterTheRetries_NamingHostAndBlob()
    {
        _proxy.CutAnswers(int.MaxValue);
        using var client = Client(new RegistryOptions { Retries = 2 });
        using var source = new RegistryBlobSource(client, _digest, BlobLength);

        var act = () => source.ReadExactlyAt(0, new byte[4096]);

        act.Should().Throw<RegistryException>().WithMessage($"*{_proxy.Host}*{_digest}*").Which.StatusCode.Should().BeNull();
        _proxy.Cuts.Should().Be(3, "the first request and two retries");
    }

    [Test]
    public void ConnectionDropped_NoRetriesLeft_FailsNamingHostAndBlob()
    {
        _proxy.DropOnce(_digest, 1000);
        using var client = Client(new RegistryOptions { Retries = 0 });
        using var source = new RegistryBlobSource(client, _digest, BlobLength);

        var act = () => source.ReadExactlyAt(0, new byte[4096]);

        act.Should().Throw<RegistryException>().WithMessage($"*connection to {_proxy.Host} dropped*{_digest} at byte *");
    }

    [Test]
    public void ReadsFromManyThreads_AllGetTheirBytes()
    {
        using var client = Client();
        using var source = new RegistryBlobSource(client, _digest, BlobLength);
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();

        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, worker =>
        {
            var random = new Random(worker);
            var buffer = new byte[4096];
            for (var i = 0; i < 40; i++)
            {
                // Half the workers read sequentially, half jump around, so both paths interleave.
                long position = worker % 2 == 0 ? ((worker * 1_000_000L) + (i * 4096L)) : random.Next(BlobLength - 4096);
                source.ReadExactlyAt(position, buffer);
                if (!buffer.AsSpan().SequenceEqual(_blob.AsSpan((int)position, 4096))) failures.Add($"worker {worker} at {position}");
            }
        });

        failures.Should().BeEmpty();
    }

    [Test]
    public void Progress_ReportsTheBytesFetchedOfTheBlob()
    {
        var reports = new List<BlobFetchProgress>();
        using var client = Client(new RegistryOptions { Progress = new Collect(reports) });
        using var source = new RegistryBlobSource(client, _digest, BlobLength);

        source.ReadExactlyAt(0, new byte[3 << 20]);

        reports.Should().NotBeEmpty().And.OnlyContain(r => r.Digest == _digest && r.Length == BlobLength);
        reports.Select(r => r.BytesFetched).Should().BeInAscendingOrder();
        reports[^1].BytesFetched.Should().Be(source.BytesFetched).And.BeGreaterThanOrEqualTo(3 << 20);
    }

    private RegistryClient Client(RegistryOptions? options = null) =>
        new(ImageReference.Parse($"{_proxy.Host}/{Repository}:x"), options ?? new RegistryOptions());

    private List<string> Gets() => [.. _proxy.Requests.Where(r => r.StartsWith("GET", StringComparison.Ordinal))];

    /// <summary>The first byte of a logged request's Range (<c>bytes=N-</c>).</summary>
    internal static long RangeStart(string request)
    {
        var at = request.IndexOf("bytes=", StringComparison.Ordinal) + 6;
        return long.Parse(request[at..request.IndexOf('-', at)]);
    }

    private void ReadAndCheck(RegistryBlobSource source, long position, int count)
    {
        var buffer = new byte[count];
        source.ReadExactlyAt(position, buffer);
        buffer.Should().Equal(_blob.AsSpan((int)position, count).ToArray(), $"the bytes at {position}");
    }

    /// <summary>Collects reports on the reading thread (Progress&lt;T&gt; would post them elsewhere).</summary>
    private sealed class Collect(List<BlobFetchProgress> reports) : IProgress<BlobFetchProgress>
    {
        public void Report(BlobFetchProgress value) => reports.Add(value);
    }
}
