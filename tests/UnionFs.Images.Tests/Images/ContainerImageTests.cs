using System.Text;
using System.Text.Json.Nodes;
using UnionFs.Images.Tests.Infrastructure;

namespace UnionFs.Images.Tests.Images;

public class ContainerImageTests
{
    private string _dir = null!;

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("unionfs-image-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private string Save(byte[] bytes, string name = "image.tar")
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>The merged tree of the sample layers, read through plain branches (the reference).</summary>
    /// <remarks>
    /// With <paramref name="inheritImplied"/> (an image's layers), a directory a layer only implies shows the metadata of
    /// the directory below, as an extractor applying the layer in place leaves it; without (the overlay2 fixture's diff
    /// directories, where each layer was extracted into an empty directory), it shows its own.
    /// </remarks>
    private static SortedDictionary<string, string> Expected(IReadOnlyList<byte[]>? layers = null, bool inheritImplied = true)
    {
        layers ??= SampleLayers.All();
        var branches = layers.Reverse().Select(l => (IBranch)TarLayerBranch.Open(new MemoryStream(l))).ToArray();
        if (inheritImplied) TarLayerBranch.InheritImpliedDirectories(branches);
        return TreeSnapshot.Of(UnionFileSystem.ReadOnly(branches));
    }

    public static IEnumerable<TestCaseData> Shapes()
    {
        yield return new TestCaseData("docker-legacy", ImageFormat.DockerArchive).SetName("DockerSave_Docker24");
        yield return new TestCaseData("docker-oci", ImageFormat.OciArchive).SetName("DockerSave_Docker25");
        yield return new TestCaseData("containerd", ImageFormat.OciArchive).SetName("ContainerdExport");
        yield return new TestCaseData("docker-legacy-gz", ImageFormat.DockerArchive).SetName("DockerSave_Gzipped");
        yield return new TestCaseData("oci-dir", ImageFormat.OciDirectory).SetName("OciLayoutDirectory");
        yield return new TestCaseData("oci-dir-zstd", ImageFormat.OciDirectory).SetName("OciLayoutDirectory_Zstd");
    }

    internal static string Build(string shape, string directory, IReadOnlyList<byte[]> layers)
    {
        string Write(byte[] bytes)
        {
            var path = Path.Combine(directory, shape + ".tar");
            File.WriteAllBytes(path, bytes);
            return path;
        }

        switch (shape)
        {
            case "docker-legacy": return Write(ImageBuilder.DockerLegacy(layers));
            case "docker-legacy-gz": return Write(LayerBuilder.Gzip(ImageBuilder.DockerLegacy(layers)));
            case "docker-oci": return Write(ImageBuilder.DockerOci(layers));
            case "containerd": return Write(ImageBuilder.Containerd(layers));
            default:
                var target = Path.Combine(directory, shape);
                var compression = shape.EndsWith("zstd", StringComparison.Ordinal) ? LayerCompression.Zstd : LayerCompression.Gzip;
                ImageBuilder.WriteDirectory(target, ImageBuilder.OciLayout(layers, compression, "v1", dockerManifest: false));
                return target;
        }
    }

    [TestCaseSource(nameof(Shapes))]
    public void Open_EveryShape_GivesTheLayersInOrderAndTheMergedTree(string shape, ImageFormat format)
    {
        var layers = SampleLayers.All();
        using var image = ContainerImage.Open(Build(shape, _dir, layers));

        image.Format.Should().Be(format);
        image.Layers.Should().HaveCount(3);
        image.Layers.Select(l => l.DiffId).Should().Equal(layers.Select(LayerBuilder.Sha256));
        image.Layers.Select(l => l.Index).Should().Equal(0, 1, 2);
        image.Lowers.Should().Equal(image.Layers.Reverse().Select(l => l.Branch));
        image.Config.DiffIds.Should().Equal(layers.Select(LayerBuilder.Sha256));
        image.Config.Os.Should().Be("linux");
        image.Config.Cmd.Should().Equal("/bin/sh");
        TreeSnapshot.Of(image.MountReadOnly()).Should().Equal(Expected(layers));
    }

    [Test]
    public void DockerLegacy_RepeatedLayers_AreSymlinksInTheArchive_AndReadInPlace()
    {
        var repeated = new LayerBuilder().File("same", "content").Build();
        var layers = new[] { SampleLayers.Base(), repeated, SampleLayers.Middle(), repeated };
        using var image = ContainerImage.Open(Save(ImageBuilder.DockerLegacy(layers)));

        image.Layers.Should().HaveCount(4);
        image.Layers[1].DiffId.Should().Be(image.Layers[3].DiffId);
        image.Layers.Should().OnlyContain(l => !l.Branch.UsesTemporaryFile && l.Branch.Compression == LayerCompression.None);
        image.Tags.Should().Equal("example:latest");
        image.ManifestDigest.Should().BeNull();
        image.Layers[2].Digest.Should().Be(image.Layers[2].DiffId, "an uncompressed blob's digest is its diff digest");
        image.Mount().File.ReadAllText("/same").Should().Be("content");
    }

    [Test]
    public void Mount_GivesAWritableUnion_ThatLeavesTheImageUnchanged()
    {
        using var image = ContainerImage.Open(Build("docker-oci", _dir, SampleLayers.All()));
        var fs = image.Mount();

        fs.File.WriteAllText("/etc/hosts", "changed");
        fs.Directory.Delete("/opt", recursive: true);

        fs.GetChanges().Select(c => c.ToString()).Should().NotBeEmpty();
        image.MountReadOnly().File.ReadAllText("/etc/hosts").Should().Contain("localhost");
        var write = () => image.MountReadOnly().File.WriteAllText("/x", "");
        write.Should().Throw<IOException>().Which.HResult.Should().Be(0x1E);
    }

    [Test]
    public void Containerd_MultiPlatformIndex_PicksByPlatform_AndSkipsAttestations()
    {
        var path = Build("containerd", _dir, SampleLayers.All());

        using (var amd = ContainerImage.Open(path, new ImageOpenOptions { Platform = ImagePlatform.Parse("linux/amd64") }))
        {
            amd.Config.Architecture.Should().Be("amd64");
            amd.Layers.Should().HaveCount(3);
            amd.Layers.Should().OnlyContain(l => l.MediaType == MediaTypes.OciLayerGzip && l.Branch.Compression == LayerCompression.Gzip);
            amd.Tags.Should().Contain("docker.io/library/example:latest");
            amd.ManifestDigest.Should().StartWith("sha256:");
        }
        using (var arm = ContainerImage.Open(path, new ImageOpenOptions { Platform = ImagePlatform.Parse("linux/arm64") }))
        {
            arm.Layers.Should().HaveCount(4);
            arm.MountReadOnly().File.ReadAllText("/arch").Should().Be("arm64");
        }
        var missing = () => ContainerImage.Open(path, new ImageOpenOptions { Platform = ImagePlatform.Parse("linux/s390x") });
        missing.Should().Throw<InvalidImageException>().Which.Message.Should().Contain("linux/amd64").And.Contain("linux/arm64");
    }

    [TestCase("latest", true)]
    [TestCase("example:latest", true)]
    [TestCase("docker.io/library/example:latest", true)]
    [TestCase("other", false)]
    public void Tags_AreMatchedAgainstRefNamesAndRepoTags(string tag, bool found)
    {
        foreach (var shape in new[] { "docker-oci", "docker-legacy" })
        {
            var open = () => ContainerImage.Open(Build(shape, _dir, SampleLayers.All()), new ImageOpenOptions { Tag = tag }).Dispose();
            if (found) open.Should().NotThrow(shape);
            else open.Should().Throw<InvalidImageException>(shape).Which.Message.Should().Contain("example:latest");
        }
    }

    [Test]
    public void SeveralImagesWithoutATag_IsAmbiguous()
    {
        var files = ImageBuilder.OciLayout([SampleLayers.Base()], LayerCompression.None, "a", dockerManifest: false);
        var second = ImageBuilder.OciLayout([SampleLayers.Middle()], LayerCompression.None, "b", dockerManifest: false);
        var index1 = JsonNode.Parse(files.Single(f => f.Name == "index.json").Data)!;
        var index2 = JsonNode.Parse(second.Single(f => f.Name == "index.json").Data)!;
        ((JsonArray)index1["manifests"]!).Add(index2["manifests"]![0]!.DeepClone());
        var merged = files.Where(f => f.Name != "index.json")
            .Concat(second.Where(f => f.Name.StartsWith("blobs/sha256/", StringComparison.Ordinal) && f.Data is not null))
            .DistinctBy(f => f.Name)
            .Append(("index.json", Encoding.UTF8.GetBytes(index1.ToJsonString()), null)).ToList();
        var path = Save(ImageBuilder.Tar(merged));

        var open = () => ContainerImage.Open(path);
        open.Should().Throw<InvalidImageException>().Which.Message.Should().Contain("a, b");
        using var b = ContainerImage.Open(path, new ImageOpenOptions { Tag = "b" });
        b.Layers.Single().DiffId.Should().Be(LayerBuilder.Sha256(SampleLayers.Middle()));
    }

    [Test]
    public void GzipLayersInsideAnArchive_AreReadInPlace_WithoutTemporaryFiles()
    {
        // Gzip layers are read through decompression checkpoints, never decompressed whole into a store.
        var temp = Path.Combine(_dir, "spill");
        Directory.CreateDirectory(temp);
        using var image = ContainerImage.Open(Build("containerd", _dir, SampleLayers.All()), new ImageOpenOptions
        {
            Layers = new LayerOpenOptions { MemoryThreshold = 0, TempDirectory = temp },
        });
        image.Layers.Should().OnlyContain(l => !l.Branch.UsesTemporaryFile && l.Branch.Compression == LayerCompression.Gzip);
        Directory.GetFiles(temp).Should().BeEmpty();
        image.Layers[^1].Branch.Stat("/etc/hosts").Should().NotBeNull();
    }

    [Test]
    public void Overlay2Storage_OpensTheLowerChain()
    {
        if (!KernelOverlay.CanUseOverlayFormat()) Assert.Ignore("Needs root for the overlay whiteout format.");
        var root = Path.Combine(_dir, "docker");
        var ids = Overlay2Fixture.Create(root, SampleLayers.All());

        var storage = Overlay2Storage.Open(root, ids[^1]);

        storage.LayerId.Should().Be(ids[^1]);
        storage.DiffDirectories.Should().HaveCount(3);
        storage.DiffDirectories[0].Should().EndWith(ids[^1] + "/diff");
        storage.DiffDirectories[^1].Should().EndWith(ids[0] + "/diff");
        TreeSnapshot.Of(storage.MountReadOnly()).Should().Equal(Expected(inheritImplied: false));
        Overlay2Storage.Open(Path.Combine(root, "overlay2"), ids[1]).Lowers.Should().HaveCount(2);
        var bad = () => Overlay2Storage.Open(root, "../etc");
        bad.Should().Throw<InvalidImageException>();
    }
}
