using UnionFs.Images.Tests.Images;
using UnionFs.Images.Tests.Infrastructure;

namespace UnionFs.Images.Tests.Export;

public class CommitTests
{
    private static readonly DateTime Fixed = new(2025, 5, 6, 7, 8, 9, DateTimeKind.Utc);
    private string _dir = null!;

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("unionfs-commit-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    [Test]
    public void Commit_TurnsTheUpperIntoAReadOnlyLower_AndStartsAFreshUpper()
    {
        using var image = ContainerImage.Open(ContainerImageTests.Build("docker-oci", _dir, SampleLayers.All()));
        var fs = image.Mount();
        LayerExportTests.Change(fs);
        var before = TreeSnapshot.Of(fs);

        var committed = fs.Commit();

        TreeSnapshot.Of(committed).Should().Equal(before);
        committed.GetChanges().Should().BeEmpty();
        committed.Lowers.Should().HaveCount(image.Layers.Count + 1);
        committed.Lowers[0].IsReadOnly.Should().BeTrue();
        committed.Lowers[0].Should().BeOfType<ReadOnlyBranch>().Which.Inner.Should().BeSameAs(fs.Upper);
        committed.File.WriteAllText("/etc/hosts", "again");
        committed.GetChanges().Select(c => c.Path).Should().Contain("/etc/hosts").And.NotContain("/etc/passwd");
        fs.File.ReadAllText("/etc/hosts").Should().Be("edited", "the old upper was not written");
        var write = () => committed.Lowers[0].CreateWhiteout("/x");
        write.Should().Throw<IOException>().Which.HResult.Should().Be(0x1E);
    }

    [Test]
    public void OciImageWriter_WritesAnImage_ThatReopensToTheSameTree()
    {
        using var image = ContainerImage.Open(ContainerImageTests.Build("docker-legacy", _dir, SampleLayers.All()));
        var fs = image.Mount();
        LayerExportTests.Change(fs);
        var committed = fs.Commit();
        committed.File.WriteAllText("/etc/after-commit", "2");
        committed.Directory.Move("/srv-cache", "/srv-cache-2");
        var output = Path.Combine(_dir, "out");

        var result = OciImageWriter.Write(output, committed, new OciImageWriteOptions { BaseConfig = image.Config, Tag = "v2", Timestamp = Fixed });

        result.Layers.Should().HaveCount(5);
        result.Layers.Take(3).Select(l => l.DiffId).Should().Equal(image.Layers.Select(l => l.DiffId));
        File.Exists(Path.Combine(output, "oci-layout")).Should().BeTrue();
        using var reopened = ContainerImage.Open(output, new ImageOpenOptions { Tag = "v2" });
        reopened.Format.Should().Be(ImageFormat.OciDirectory);
        reopened.ManifestDigest.Should().Be(result.ManifestDigest);
        reopened.Config.DiffIds.Should().Equal(result.Layers.Select(l => l.DiffId));
        reopened.Config.Cmd.Should().Equal("/bin/sh");
        reopened.Config.Created.Should().Be(new DateTimeOffset(Fixed));
        reopened.Layers.Should().OnlyContain(l => l.MediaType == MediaTypes.OciLayerGzip);
        TreeSnapshot.Render(TreeSnapshot.Of(reopened.MountReadOnly())).Should().Be(TreeSnapshot.Render(TreeSnapshot.Of(committed)));
    }

    [Test]
    public void OciImageWriter_IsReproducible_WithAFixedTimestamp()
    {
        using var image = ContainerImage.Open(ContainerImageTests.Build("docker-oci", _dir, SampleLayers.All()));
        string Write(string name)
        {
            var fs = image.Mount();
            LayerExportTests.Change(fs);
            return OciImageWriter.Write(Path.Combine(_dir, name), fs, new OciImageWriteOptions { BaseConfig = image.Config, Timestamp = Fixed, Compression = LayerCompression.Zstd }).ManifestDigest;
        }

        Write("a").Should().Be(Write("b"));
    }

    [Test]
    public void OciImageWriter_FromScratch_WritesAMinimalConfig()
    {
        var fs = new UnionFileSystem(new MemoryBranch());
        fs.File.WriteAllText("/hello", "world");
        var output = Path.Combine(_dir, "scratch");

        OciImageWriter.Write(output, fs, new OciImageWriteOptions { Platform = ImagePlatform.Parse("linux/arm64/v8"), Compression = LayerCompression.None });

        using var image = ContainerImage.Open(output);
        image.Config.Platform.Should().Be(new ImagePlatform("linux", "arm64", "v8"));
        image.Layers.Should().ContainSingle();
        image.MountReadOnly().File.ReadAllText("/hello").Should().Be("world");
        var again = () => OciImageWriter.Write(output, fs);
        again.Should().Throw<IOException>().Which.Message.Should().Contain("not empty");
    }
}
