using System.Text.Json.Nodes;
using UnionFs.Images.Registry;
using UnionFs.Images.Storage;
using UnionFs.Images.Tests.RealTools;

namespace UnionFs.Images.Tests.Registry;

/// <summary>
/// The six-layer umoci image pushed by skopeo into the real distribution registry (gzip, zstd and zstd:chunked
/// layers), opened with <see cref="ContainerImage.OpenRegistry"/> through a counting proxy: the merged view
/// against <c>umoci unpack</c>, the bytes served, and a registry that ignores Range, demands a token, sends a
/// wrong byte, lacks a tag or drops the connection.
/// </summary>
[NonParallelizable]
public class RegistryImageTests : SixLayerImageFixture
{
    private RegistryServer _registry = null!;
    private RegistryProxy _proxy = null!;
    private string _plainUnpacked = null!;
    private string _bigContent = null!;

    [OneTimeSetUp]
    public void StartRegistry()
    {
        ToolRunner.Require("docker-registry", "skopeo", "umoci");
        _registry = RegistryServer.Start();
        _registry.Push(Image.Layout + ":" + UmociImage.Tag, "six/gzip:t");
        // Converted into a layout of its own first: pushed directly, skopeo reuses the gzip blobs the registry already has.
        PushConverted(Image, "zstd", "six/zstd:t");
        // skopeo 1.9 hangs converting the layers `umoci insert` writes (no tar padding at their end) to zstd:chunked,
        // so the lazily-formatted variant is of a plainer image: three repacked layers.
        var plain = new UmociImage(Path.Combine(Image.Directory, "..", "plain")).Init();
        plain.Write("etc/hostname", "plain\n").Mkdir("var/log", (UnixFileMode)0x1E8).Write("var/log/a", "a\n").Symlink("lib", "usr/lib").Repack();
        plain.Write("usr/lib/libz.so", new string('z', 70_000)).Delete("var/log/a").Write("etc/hostname", "plain-2\n").Repack();
        plain.Mkdir("tmp", (UnixFileMode)0x3FF).Write("etc/passwd", "root:x:0:0::/root:/bin/sh\n").Repack();
        _plainUnpacked = plain.Unpack("unpacked");
        PushConverted(plain, "zstd:chunked", "plain/chunked:t");
        PushIndex();
        PushUncompressed();
    }

    /// <summary>
    /// <c>big/plain:t</c>: one uncompressed layer with a 4 MiB file between two small ones, the one layer kind read
    /// in place today, so the lazy path can be measured end to end. skopeo compresses every layer it pushes to a
    /// registry, so umoci's gzip layer is decompressed here and pushed with its manifest through the API.
    /// </summary>
    private void PushUncompressed()
    {
        var random = new Random(14);
        _bigContent = string.Create(4 << 20, random, static (span, r) => { for (var i = 0; i < span.Length; i++) span[i] = (char)('a' + r.Next(26)); });
        var big = new UmociImage(Path.Combine(Image.Directory, "..", "big")).Init();
        big.Write("etc/first", "first\n").Write("data/big.txt", _bigContent).Write("etc/small", "small\n").Repack();
        var manifest = big.Manifest();
        var configDigest = (string)manifest["config"]!["digest"]!;
        _registry.PushBlob("big/plain", File.ReadAllBytes(Path.Combine(big.Layout, "blobs", "sha256", configDigest["sha256:".Length..])));
        var tar = big.LayerTars().Single();
        var layerDigest = _registry.PushBlob("big/plain", tar);
        manifest["layers"] = new JsonArray(new JsonObject { ["mediaType"] = MediaTypes.OciLayer, ["digest"] = layerDigest, ["size"] = tar.Length });
        _registry.PutManifest("big/plain", "t", MediaTypes.OciManifest, System.Text.Encoding.UTF8.GetBytes(manifest.ToJsonString()));
    }

    /// <summary>
    /// <c>six/multi:t</c>: an OCI index over the gzip image (said to be linux/amd64) and the zstd one (linux/arm64),
    /// both pushed into the repository first as the registry demands.
    /// </summary>
    private void PushIndex()
    {
        _registry.Push(Image.Layout + ":" + UmociImage.Tag, "six/multi:gzip");
        _registry.Push(Path.Combine(Image.Directory, "zstd") + ":" + UmociImage.Tag, "six/multi:zstd");
        JsonObject Entry(string tag, string architecture)
        {
            var bytes = _registry.Manifest("six/multi", tag);
            return new JsonObject
            {
                ["mediaType"] = MediaTypes.OciManifest,
                ["digest"] = Digests.Of(bytes),
                ["size"] = bytes.Length,
                ["platform"] = new JsonObject { ["os"] = "linux", ["architecture"] = architecture },
            };
        }
        var index = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = MediaTypes.OciIndex,
            ["manifests"] = new JsonArray(Entry("gzip", "amd64"), Entry("zstd", "arm64")),
        };
        _registry.PutManifest("six/multi", "t", MediaTypes.OciIndex, System.Text.Encoding.UTF8.GetBytes(index.ToJsonString()));
    }

    private void PushConverted(UmociImage image, string format, string repository)
    {
        var layout = Path.Combine(image.Directory, format.Replace(':', '-'));
        image.Copy($"oci:{layout}:{UmociImage.Tag}", "--dest-compress", "--dest-compress-format", format);
        _registry.Push($"{layout}:{UmociImage.Tag}", repository);
    }

    [OneTimeTearDown]
    public void StopRegistry() => _registry?.Dispose();

    [SetUp]
    public void StartProxy() => _proxy = new RegistryProxy(_registry.Host);

    [TearDown]
    public void StopProxy() => _proxy?.Dispose();

    [TestCase("six/gzip:t", LayerCompression.Gzip, SixLayerImage.LayerCount)]
    [TestCase("six/zstd:t", LayerCompression.Zstd, SixLayerImage.LayerCount)]
    [TestCase("plain/chunked:t", LayerCompression.Zstd, 3)]
    public void OpenRegistry_MergedView_EqualsUmociUnpack(string repository, LayerCompression compression, int layers)
    {
        using var image = Open(repository);

        image.Format.Should().Be(ImageFormat.Registry);
        image.Source.Should().Be($"docker://{_proxy.Host}/{repository}");
        image.Layers.Should().HaveCount(layers).And.OnlyContain(l => ((TarLayerBranch)l.Branch).Compression == compression);
        image.ManifestDigest.Should().Be(Digests.Of(_registry.Manifest(Repo(repository), "t")));
        UnpackSnapshot.ShouldMatch(image.MountReadOnly(), repository.StartsWith("plain", StringComparison.Ordinal) ? _plainUnpacked : Unpacked, $"docker://{repository}");
    }

    [Test]
    public void OpenRegistry_ZstdChunked_IsTheLazyFormat()
    {
        // The variant must really carry the zstd:chunked TOC, or the test above proves nothing about it.
        var manifest = JsonNode.Parse(_registry.Manifest("plain/chunked", "t"))!;
        manifest["layers"]!.AsArray().Should().OnlyContain(l => l!["annotations"]!["io.containers.zstd-chunked.manifest-position"] != null);
    }

    [Test]
    public void OpenRegistry_ByDigest_OpensThatManifest()
    {
        var digest = Digests.Of(_registry.Manifest("six/zstd", "t"));

        using var image = Open("six/zstd@" + digest);

        image.ManifestDigest.Should().Be(digest);
        image.Mount().File.ReadAllText("/etc/hostname").Should().Be("unionfs-2\n");
    }

    [TestCase("linux/arm64", LayerCompression.Zstd, "zstd")]
    [TestCase("linux/amd64", LayerCompression.Gzip, "gzip")]
    public void OpenRegistry_Index_PicksThePlatform_FetchesOnlyItsManifest(string platform, LayerCompression compression, string chosenTag)
    {
        var chosen = Digests.Of(_registry.Manifest("six/multi", chosenTag));
        var other = Digests.Of(_registry.Manifest("six/multi", chosenTag == "zstd" ? "gzip" : "zstd"));

        using var image = Open("six/multi:t", new RegistryOptions { Image = new ImageOpenOptions { Platform = ImagePlatform.Parse(platform) } });

        image.ManifestDigest.Should().Be(chosen);
        image.Layers.Should().OnlyContain(l => ((TarLayerBranch)l.Branch).Compression == compression);
        UnpackSnapshot.ShouldMatch(image.MountReadOnly(), Unpacked, $"the {platform} image of an index");
        _proxy.Requests.Should().Contain(r => r.StartsWith($"GET /v2/six/multi/manifests/{chosen}", StringComparison.Ordinal));
        _proxy.Requests.Should().NotContain(r => r.Contains(other, StringComparison.Ordinal), "the other platform's manifest is never needed");
    }

    [Test]
    public void OpenRegistry_Index_NoPlatformMatches_ListsThePlatforms() =>
        FluentActions.Invoking(() => Open("six/multi:t", new RegistryOptions { Image = new ImageOpenOptions { Platform = ImagePlatform.Parse("linux/s390x") } }))
            .Should().Throw<InvalidImageException>().WithMessage("*linux/s390x*linux/amd64*linux/arm64*");

    [Test]
    public void OpenRegistry_ManifestByTagNotMatchingItsDockerContentDigest_ThrowsInvalidImage()
    {
        _proxy.TamperManifests = true;

        var act = () => Open("six/gzip:t");

        act.Should().Throw<InvalidImageException>().WithMessage("*Docker-Content-Digest*");
    }

    [Test]
    public void OpenRegistry_ManifestByDigestNotMatchingIt_ThrowsInvalidImageNamingTheDigest()
    {
        var digest = Digests.Of(_registry.Manifest("six/gzip", "t"));
        _proxy.TamperManifests = true;

        var act = () => Open("six/gzip@" + digest);

        act.Should().Throw<InvalidImageException>().Which.Entry.Should().Be(digest);
    }

    [Test]
    public void OpenRegistry_OpenAndCatOneFile_ServesNoBlobTwice()
    {
        var manifest = JsonNode.Parse(_registry.Manifest("six/gzip", "t"))!;
        var layerBytes = manifest["layers"]!.AsArray().Sum(l => (long)l!["size"]!);
        var blobBytes = layerBytes + (long)manifest["config"]!["size"]!;
        var manifestBytes = _registry.Manifest("six/gzip", "t").Length;

        using (var image = Open("six/gzip:t"))
            image.Mount().File.ReadAllText("/" + SixLayerImage.LongPath).Should().Be("long name\n");

        TestContext.Out.WriteLine($"open + cat: {_proxy.BodyBytes} body bytes served in {_proxy.Requests.Count} requests; blobs {blobBytes}, manifest {manifestBytes}");
        // Today every gzip layer is decompressed in one pass at open, so each blob is fetched once, whole. The lazy
        // gzip index (h-gzip) and TOC layers (h-toc) make this bound much tighter: only the bytes of the cat.
        _proxy.BodyBytes.Should().BeLessThanOrEqualTo(blobBytes + manifestBytes, "no blob may be fetched twice");
        _proxy.BodyBytes.Should().BeGreaterThanOrEqualTo(layerBytes, "every layer is read once at open today");
        _proxy.Requests.Count(r => r.StartsWith("GET", StringComparison.Ordinal)).Should().BeLessThanOrEqualTo(1 + 1 + (2 * SixLayerImage.LayerCount));
    }

    [Test]
    public void OpenRegistry_UncompressedLayer_NoVerify_FetchesOnlyTheBlocksRead()
    {
        var manifest = JsonNode.Parse(_registry.Manifest("big/plain", "t"))!;
        var layer = manifest["layers"]![0]!;
        ((string)layer["mediaType"]!).Should().Be(MediaTypes.OciLayer, "the layer was pushed as a plain tar");
        var layerBytes = (long)layer["size"]!;
        var documents = (long)manifest["config"]!["size"]! + _registry.Manifest("big/plain", "t").Length;

        // Without verification nothing reads a whole plain layer: the index reads the tar headers, cat reads the file.
        var options = new RegistryOptions { Image = new ImageOpenOptions { VerifyDigests = false } };
        using (var image = Open("big/plain:t", options))
        {
            image.Mount().File.ReadAllText("/etc/small").Should().Be("small\n");
            TestContext.Out.WriteLine($"open + cat of a plain {layerBytes}-byte layer: {_proxy.BodyBytes} body bytes in {_proxy.Requests.Count} requests");
            _proxy.BodyBytes.Should().BeLessThanOrEqualTo(documents + (3L * RegistryOptions.DefaultBlockSize), "only the blocks holding tar headers are fetched");

            image.Mount().File.ReadAllText("/data/big.txt").Should().Be(_bigContent);
        }
        _proxy.BodyBytes.Should().BeLessThanOrEqualTo(documents + layerBytes + (2L * RegistryOptions.DefaultBlockSize), "no byte of the layer is fetched twice but the cached blocks'");
    }

    [Test]
    public void OpenRegistry_UncompressedLayer_Verified_ReadsItOnce()
    {
        var manifest = JsonNode.Parse(_registry.Manifest("big/plain", "t"))!;
        var layerBytes = (long)manifest["layers"]![0]!["size"]!;

        using var image = Open("big/plain:t");

        image.Mount().File.ReadAllText("/etc/first").Should().Be("first\n");
        TestContext.Out.WriteLine($"open (verified) + cat of a plain {layerBytes}-byte layer: {_proxy.BodyBytes} body bytes in {_proxy.Requests.Count} requests");
        _proxy.BodyBytes.Should().BeGreaterThanOrEqualTo(layerBytes, "verification hashes the whole layer")
            .And.BeLessThanOrEqualTo(layerBytes + (3L * RegistryOptions.DefaultBlockSize) + 4096);
    }

    [Test]
    public void OpenRegistry_MissingTag_SaysManifestUnknown()
    {
        var act = () => Open("six/gzip:nope");

        var error = act.Should().Throw<RegistryException>().Which;
        error.StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound);
        error.Message.Should().Contain("manifest unknown").And.Contain($"{_proxy.Host}/six/gzip:nope").And.Contain("'nope'");
    }

    [Test]
    public void OpenRegistry_UnknownDigest_SaysManifestUnknown()
    {
        var digest = "sha256:" + new string('0', 64);

        var act = () => Open("six/gzip@" + digest);

        act.Should().Throw<RegistryException>().WithMessage($"*manifest unknown*{digest}*");
    }

    [Test]
    public void OpenRegistry_MissingRepository_SaysManifestUnknown() =>
        FluentActions.Invoking(() => Open("nobody/here:t")).Should().Throw<RegistryException>().WithMessage("*manifest unknown*nobody/here*");

    [Test]
    public void OpenRegistry_TamperedLayerByte_ThrowsInvalidImageNamingTheBlob()
    {
        var digest = (string)JsonNode.Parse(_registry.Manifest("six/gzip", "t"))!["layers"]![1]!["digest"]!;
        _proxy.TamperDigest = digest;
        _proxy.TamperOffsets = [4]; // the gzip header's time: the data still decompresses, only the digest differs
        // A fresh index cache: a blob whose index another test cached is trusted by its digest (the cache holds only
        // what one verified pass made), so only a first open reads the whole blob and finds the byte.
        var cache = Directory.CreateTempSubdirectory("unionfs-tamper-cache-").FullName;
        var options = new RegistryOptions { Image = new ImageOpenOptions { Layers = new LayerOpenOptions { IndexCacheDirectory = cache } } };

        var act = () => Open("six/gzip:t", options);

        var error = act.Should().Throw<InvalidImageException>().Which;
        error.Layer.Should().Be(digest);
        error.Message.Should().Contain(digest).And.Contain("digest");
        Directory.EnumerateFiles(cache, digest["sha256:".Length..] + ".idx", SearchOption.AllDirectories).Should().BeEmpty("nothing unverified is cached");
        Directory.Delete(cache, recursive: true);
    }

    [Test]
    public void OpenRegistry_TamperedConfig_ThrowsInvalidImageNamingTheBlob()
    {
        var digest = (string)JsonNode.Parse(_registry.Manifest("six/gzip", "t"))!["config"]!["digest"]!;
        _proxy.TamperDigest = digest;
        _proxy.TamperOffsets = [0];

        var act = () => Open("six/gzip:t");

        act.Should().Throw<InvalidImageException>().WithMessage($"*{digest}*digest*");
    }

    [Test]
    public void OpenRegistry_TokenRequired_RightCredentials_OpensWithOneToken()
    {
        _proxy.RequireToken = ("reader", "s3cret");

        using var image = Open("six/gzip:t", new RegistryOptions { Username = "reader", Password = "s3cret" });

        UnpackSnapshot.ShouldMatch(image.MountReadOnly(), Unpacked, "an image behind a token service");
        _proxy.TokenRequests.Should().Be(1, "the token is kept for every later request");
        _proxy.Requests.Count(r => r.EndsWith(" 401", StringComparison.Ordinal)).Should().Be(1);
    }

    [Test]
    public void OpenRegistry_TokenRequired_WrongCredentials_SaysAuthenticationFailed()
    {
        _proxy.RequireToken = ("reader", "s3cret");

        var act = () => Open("six/gzip:t", new RegistryOptions { Username = "reader", Password = "wrong" });

        var error = act.Should().Throw<RegistryException>().Which;
        error.StatusCode.Should().Be(System.Net.HttpStatusCode.Unauthorized);
        error.Message.Should().Contain("authentication failed").And.Contain("'reader'").And.Contain("repository:six/gzip:pull");
    }

    [Test]
    public void OpenRegistry_TokenRequired_Anonymous_SaysAuthenticationFailed()
    {
        _proxy.RequireToken = ("reader", "s3cret");

        FluentActions.Invoking(() => Open("six/gzip:t")).Should().Throw<RegistryException>().WithMessage("*authentication failed*anonymous access*");
    }

    [Test]
    public void OpenRegistry_BasicChallenge_RightCredentials_Open()
    {
        _proxy.RequireBasic = ("basic-user", "pw");

        using var image = Open("six/zstd:t", new RegistryOptions { Username = "basic-user", Password = "pw" });

        image.Mount().File.ReadAllText("/etc/hostname").Should().Be("unionfs-2\n");
        _proxy.Requests.Count(r => r.EndsWith(" 401", StringComparison.Ordinal)).Should().Be(1, "the header is kept once it worked");
    }

    [Test]
    public void OpenRegistry_BasicChallenge_WrongOrNoCredentials_FailClearly()
    {
        _proxy.RequireBasic = ("basic-user", "pw");

        FluentActions.Invoking(() => Open("six/zstd:t", new RegistryOptions { Username = "basic-user", Password = "no" }))
            .Should().Throw<RegistryException>().WithMessage("*authentication failed*'basic-user'*");
        FluentActions.Invoking(() => Open("six/zstd:t"))
            .Should().Throw<RegistryException>().WithMessage("*asks for credentials*test registry*");
    }

    [Test]
    public void OpenRegistry_RegistryIgnoresRange_StillGivesTheTree_EachBlobOnce()
    {
        _proxy.IgnoreRange = true;
        var manifest = JsonNode.Parse(_registry.Manifest("six/zstd", "t"))!;
        var blobBytes = manifest["layers"]!.AsArray().Sum(l => (long)l!["size"]!) + (long)manifest["config"]!["size"]!;

        using var image = Open("six/zstd:t");

        UnpackSnapshot.ShouldMatch(image.MountReadOnly(), Unpacked, "an image from a registry that ignores Range");
        _proxy.Requests.Should().Contain(r => r.Contains(" bytes=", StringComparison.Ordinal) && r.EndsWith(" 200", StringComparison.Ordinal));
        _proxy.BodyBytes.Should().BeLessThanOrEqualTo(blobBytes + _registry.Manifest("six/zstd", "t").Length);
    }

    [Test]
    public void OpenRegistry_ConnectionDroppedMidBlob_ResumesFromThere()
    {
        var layer = JsonNode.Parse(_registry.Manifest("six/gzip", "t"))!["layers"]![0]!;
        var digest = (string)layer["digest"]!;
        var half = (long)layer["size"]! / 2;
        _proxy.DropOnce(digest, half);

        using var image = Open("six/gzip:t");

        _proxy.Dropped.Should().BeTrue();
        // Resumed from where the client stopped reading: at the cut or before it (a reset drops unread bytes).
        _proxy.Requests.Where(r => r.Contains($"/blobs/{digest} bytes=", StringComparison.Ordinal)).Select(RegistryBlobSourceTests.RangeStart)
            .Should().Contain(s => s > 0 && s <= half);
        UnpackSnapshot.ShouldMatch(image.MountReadOnly(), Unpacked, "an image whose transfer was cut once");
    }

    [Test]
    public void OpenRegistry_ConnectionDropped_NoRetries_FailsNamingHostAndBlob()
    {
        var layer = JsonNode.Parse(_registry.Manifest("six/gzip", "t"))!["layers"]![0]!;
        var digest = (string)layer["digest"]!;
        _proxy.DropOnce(digest, (long)layer["size"]! / 2);

        var act = () => Open("six/gzip:t", new RegistryOptions { Retries = 0 });

        act.Should().Throw<RegistryException>().WithMessage($"*connection to {_proxy.Host} dropped*{digest}*");
    }

    [Test]
    public void OpenRegistry_NothingListening_FailsNamingHost()
    {
        var host = $"127.0.0.1:{RegistryServer.FreePort()}";

        var act = () => ContainerImage.OpenRegistry($"docker://{host}/six/gzip:t");

        act.Should().Throw<RegistryException>().WithMessage($"*cannot reach the registry {host}*").Which.StatusCode.Should().BeNull();
    }

    private ContainerImage Open(string repository, RegistryOptions? options = null) =>
        ContainerImage.OpenRegistry($"docker://{_proxy.Host}/{repository}", options);

    private static string Repo(string repositoryAndTag) => repositoryAndTag[..repositoryAndTag.IndexOf(':')];
}
