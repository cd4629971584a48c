using System.Text;
using System.Text.Json.Nodes;
using UnionFs.Images.Tests.Infrastructure;

namespace UnionFs.Images.Tests.BadInput;

/// <summary>Bad images: digest and size mismatches, unknown media types, missing or malformed documents, escaping links.</summary>
public class BadImageTests
{
    private string _dir = null!;

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("unionfs-badimage-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private static List<(string Name, byte[]? Data, string? Link)> Layout(LayerCompression compression = LayerCompression.Gzip) =>
        ImageBuilder.OciLayout([SampleLayers.Base(), SampleLayers.Middle()], compression, "v1", dockerManifest: false);

    private InvalidImageException Invalid(IEnumerable<(string Name, byte[]? Data, string? Link)> files, ImageOpenOptions? options = null)
    {
        var path = Path.Combine(_dir, Guid.NewGuid().ToString("N") + ".tar");
        File.WriteAllBytes(path, ImageBuilder.Tar(files));
        var open = () => ContainerImage.Open(path, options).Dispose();
        return open.Should().Throw<InvalidImageException>().Which;
    }

    private static List<(string Name, byte[]? Data, string? Link)> Replace(List<(string Name, byte[]? Data, string? Link)> files, string name, Func<byte[], byte[]> change) =>
        files.Select(f => f.Name == name ? (f.Name, change(f.Data!), f.Link) : f).ToList();

    private static (JsonObject Manifest, string Name) Manifest(List<(string Name, byte[]? Data, string? Link)> files)
    {
        var index = JsonNode.Parse(files.Single(f => f.Name == "index.json").Data)!;
        var name = "blobs/sha256/" + ((string)index["manifests"]![0]!["digest"]!)[7..];
        return ((JsonObject)JsonNode.Parse(files.Single(f => f.Name == name).Data)!, name);
    }

    /// <summary>Replaces the manifest with a changed one and points the index at it.</summary>
    private static List<(string Name, byte[]? Data, string? Link)> WithManifest(List<(string Name, byte[]? Data, string? Link)> files, Action<JsonObject> change)
    {
        var (manifest, name) = Manifest(files);
        change(manifest);
        var bytes = Encoding.UTF8.GetBytes(manifest.ToJsonString());
        var digest = LayerBuilder.Sha256(bytes);
        var index = JsonNode.Parse(files.Single(f => f.Name == "index.json").Data)!;
        index["manifests"]![0]!["digest"] = digest;
        index["manifests"]![0]!["size"] = bytes.Length;
        return files.Where(f => f.Name != name && f.Name != "index.json")
            .Append(("blobs/sha256/" + digest[7..], bytes, null))
            .Append(("index.json", Encoding.UTF8.GetBytes(index.ToJsonString()), null)).ToList();
    }

    [Test]
    public void ALayerBlobThatDoesNotMatchItsDigest_IsRefused_NamingTheLayer()
    {
        var files = Layout(LayerCompression.None);
        var (manifest, _) = Manifest(files);
        var layerDigest = (string)manifest["layers"]![1]!["digest"]!;
        var tampered = Replace(files, "blobs/sha256/" + layerDigest[7..], data =>
        {
            var copy = (byte[])data.Clone();
            var at = copy.AsSpan().IndexOf("welcome"u8);
            copy[at] = (byte)'W';
            return copy;
        });

        var exception = Invalid(tampered);
        exception.Layer.Should().Be(layerDigest);
        exception.Message.Should().Contain("digest");
    }

    [Test]
    public void ACompressedBlobThatDoesNotMatchItsDigest_IsRefused()
    {
        var files = Layout();
        var (manifest, _) = Manifest(files);
        var layerDigest = (string)manifest["layers"]![0]!["digest"]!;
        // Same content, recompressed: the diff digest is right, the blob digest is not.
        var tampered = Replace(files, "blobs/sha256/" + layerDigest[7..], _ => LayerBuilder.Compress(SampleLayers.Base(), LayerCompression.Zstd));

        Invalid(tampered, new ImageOpenOptions()).Layer.Should().Be(layerDigest);
        var path = Path.Combine(_dir, "lenient.tar");
        File.WriteAllBytes(path, ImageBuilder.Tar(tampered));
        using var lenient = ContainerImage.Open(path, new ImageOpenOptions { VerifyDigests = false });
        lenient.Layers[0].Branch.Compression.Should().Be(LayerCompression.Zstd, "compression is sniffed, not taken from the media type");
    }

    [Test]
    public void ADiffIdMismatch_IsRefused_AndAConfigWhoseNameIsNotItsDigest()
    {
        var layers = new[] { SampleLayers.Base(), SampleLayers.Middle() };
        var config = ImageBuilder.Config([layers[1], layers[0]]);
        var manifest = "[{\"Config\":\"config.json\",\"RepoTags\":[\"x:1\"],\"Layers\":[\"0/layer.tar\",\"1/layer.tar\"]}]";
        var files = new List<(string, byte[]?, string?)>
        {
            ("manifest.json", Encoding.UTF8.GetBytes(manifest), null),
            ("config.json", config, null),
            ("0/layer.tar", layers[0], null),
            ("1/layer.tar", layers[1], null),
        };

        var exception = Invalid(files);
        exception.Message.Should().Contain("rootfs.diff_ids[0]");
        exception.Layer.Should().Be("0/layer.tar");

        files[1] = ($"{new string('a', 64)}.json", ImageBuilder.Config(layers), null);
        files[0] = ("manifest.json", Encoding.UTF8.GetBytes(manifest.Replace("config.json", new string('a', 64) + ".json", StringComparison.Ordinal)), null);
        Invalid(files).Message.Should().Contain("its name says");
    }

    [Test]
    public void AnUnknownLayerMediaType_IsRefused() =>
        Invalid(WithManifest(Layout(), m => m["layers"]![0]!["mediaType"] = "application/vnd.example.weird"))
            .Message.Should().Contain("application/vnd.example.weird");

    [Test]
    public void AWrongBlobSize_IsRefused() =>
        Invalid(WithManifest(Layout(), m => m["layers"]![1]!["size"] = 12345)).Message.Should().Contain("12345");

    [Test]
    public void AMissingBlob_IsRefused()
    {
        var files = Layout();
        var (manifest, _) = Manifest(files);
        var digest = (string)manifest["layers"]![0]!["digest"]!;

        Invalid(files.Where(f => f.Name != "blobs/sha256/" + digest[7..])).Message.Should().Contain("missing");
    }

    [Test]
    public void MalformedDocuments_AreRefused()
    {
        Invalid(Replace(Layout(), "index.json", _ => "{not json"u8.ToArray())).Entry.Should().Be("index.json");
        Invalid(Replace(Layout(), "index.json", _ => "[1,2]"u8.ToArray())).Message.Should().Contain("no image manifest");
        Invalid(Replace(Layout(), "oci-layout", _ => "{\"imageLayoutVersion\":\"9.0\"}"u8.ToArray())).Message.Should().Contain("9.0");
        Invalid(Layout().Where(f => f.Name is not ("index.json"))).Message.Should().Contain("manifest.json");
        Invalid(WithManifest(Layout(), m => m["config"]!["digest"] = "sha256:xyz")).Message.Should().Contain("sha256:xyz");
        Invalid(Replace(Layout(), "index.json", _ => Encoding.UTF8.GetBytes("{\"manifests\":[{\"digest\":\"md5:abc\"}]}"))).Message.Should().Contain("md5:abc");
    }

    [Test]
    public void DockerLayerLinksEscapingTheArchive_AreNotFollowed()
    {
        var manifest = "[{\"Config\":\"c.json\",\"RepoTags\":[\"x:1\"],\"Layers\":[\"a/layer.tar\"]}]";
        var config = ImageBuilder.Config([SampleLayers.Base()]);
        var files = new List<(string, byte[]?, string?)>
        {
            ("manifest.json", Encoding.UTF8.GetBytes(manifest), null),
            ("c.json", config, null),
            ("a/", null, null),
            ("a/layer.tar", null, "../../../etc/passwd"),
        };

        Invalid(files).Message.Should().Contain("missing");
    }

    [Test]
    public void ACorruptLayerInsideAnImage_NamesTheLayerAndTheEntry()
    {
        var bad = new LayerBuilder().File("ok", "x").File("../evil", "x").Build();
        var exception = Invalid(ImageBuilder.OciLayout([bad], LayerCompression.Gzip, null, dockerManifest: false));

        exception.Layer.Should().StartWith("sha256:");
        exception.Entry.Should().Be("../evil");
    }
}
