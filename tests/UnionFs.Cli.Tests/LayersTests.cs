using System.Text.Json;
using UnionFs.Cli.Tests.Infrastructure;

namespace UnionFs.Cli.Tests;

public sealed class LayersTests : ImageFixture
{
    private static List<string?> Paths(JsonElement layer, string property) =>
        [.. layer.GetProperty(property).EnumerateArray().Select(p => p.GetString())];

    private List<JsonElement> ImageLayers()
    {
        var result = CliRun.Text("layers", "--json", "--image", Image);
        result.ExitCode.Should().Be(0, result.ToString());
        return [.. result.Json().EnumerateArray()];
    }

    [Test]
    public void LayersJson_ShouldDescribeEachLayerBaseFirst()
    {
        var layers = ImageLayers();
        var tars = SampleImages.Layers();

        layers.Select(l => l.GetProperty("id").GetString()).Should().Equal("0", "1", "2", "3");
        for (var i = 0; i < layers.Count; i++)
        {
            layers[i].GetProperty("digest").GetString().Should().Be(LayerBuilder.Sha256(tars[i]));
            layers[i].GetProperty("diffId").GetString().Should().Be(LayerBuilder.Sha256(tars[i]));
            layers[i].GetProperty("size").GetInt64().Should().Be(tars[i].Length);
            layers[i].GetProperty("mediaType").GetString().Should().Be(MediaTypes.OciLayer);
            layers[i].GetProperty("source").GetString().Should().EndWith("/layer.tar");
        }
        layers.Select(l => l.GetProperty("entries").GetInt32()).Should().Equal(17, 7, 10, 3);
    }

    [Test]
    public void LayersJson_BaseLayer_ShouldOnlyAdd()
    {
        var layer = ImageLayers()[0];

        Paths(layer, "added").Should().HaveCount(28).And.Contain(["/bin/ls", "/etc/conf.d/a.conf", "/usr/lib", "/var/log/old.log"]);
        Paths(layer, "changed").Should().BeEmpty();
        Paths(layer, "hidden").Should().BeEmpty();
        Paths(layer, "opaque").Should().BeEmpty();
    }

    [Test]
    public void LayersJson_MiddleLayer_ShouldAddChangeHideAndMakeOpaque()
    {
        var layer = ImageLayers()[1];

        Paths(layer, "added").Should().Equal("/etc/motd", "/opt/app/new.txt");
        Paths(layer, "changed").Should().Equal("/etc", "/etc/conf.d", "/etc/passwd", "/home", "/home/user", "/opt", "/opt/app", "/var");
        Paths(layer, "hidden").Should().Equal("/etc/conf.d/a.conf", "/var/log");
        Paths(layer, "opaque").Should().Equal("/opt/app");
    }

    [Test]
    public void LayersJson_TopLayer_ShouldHideTheHardLinkAndReplaceDirectories()
    {
        var layer = ImageLayers()[2];

        Paths(layer, "hidden").Should().Equal("/bin/ls");
        Paths(layer, "changed").Should().Contain(["/etc/hosts", "/etc/conf.d/b.conf", "/var/cache", "/tmp"]);
        Paths(layer, "added").Should().Contain(["/tmp/new", "/var/cache/fresh", "/" + SampleLayers.LongName]);
        Paths(layer, "opaque").Should().Equal("/tmp", "/var/cache");
    }

    [Test]
    public void LayersJson_HardLinkLayer_ShouldAddBothNames()
    {
        var layer = ImageLayers()[3];

        Paths(layer, "added").Should().Equal("/usr/bin", "/usr/bin/tool", "/usr/bin/tool-link");
        Paths(layer, "changed").Should().Equal("/usr");
    }

    [Test]
    public void Layers_Human_ShouldPrintAHeaderAndLetteredPaths()
    {
        var result = CliRun.Text("layers", "--image", Image);

        result.ExitCode.Should().Be(0, result.ToString());
        var text = result.Out.ReplaceLineEndings("\n");
        text.Should().StartWith("layer 0\n  source:  ");
        text.Should().Contain($"  digest:  {LayerBuilder.Sha256(SampleImages.Layers()[1])}\n");
        text.Should().Contain("  adds 2, changes 8, hides 2, opaque directories 1\n");
        text.Should().Contain("\n  C /etc/passwd\n").And.Contain("\n  D /etc/conf.d/a.conf\n").And.Contain("\n  A /etc/motd\n").And.Contain("\n  O /opt/app\n");
    }

    [Test]
    public void Layers_Summary_ShouldLeaveOutThePaths()
    {
        var result = CliRun.Text("layers", "--summary", "--image", Image);

        result.Lines.Should().NotContain(l => l.StartsWith("  A ", StringComparison.Ordinal) || l.StartsWith("  D ", StringComparison.Ordinal));
        result.Lines.Should().Contain("  adds 3, changes 1, hides 0");
    }

    [Test]
    public void Layers_CompressedImage_ShouldShowTheBlobDigestAndTheDiffId()
    {
        var result = CliRun.Text("layers", "--json", "--image", ImageOf(ImageShape.Containerd), "--platform", "linux/amd64");
        var layer = result.Json()[0];
        var tar = SampleImages.Layers()[0];

        layer.GetProperty("diffId").GetString().Should().Be(LayerBuilder.Sha256(tar));
        layer.GetProperty("digest").GetString().Should().NotBe(LayerBuilder.Sha256(tar));
        layer.GetProperty("mediaType").GetString().Should().Be(MediaTypes.OciLayerGzip);
        CliRun.Text("layers", "--image", ImageOf(ImageShape.Containerd), "--platform", "linux/amd64").Out.Should().Contain("  diff id: " + LayerBuilder.Sha256(tar));
    }

    [Test]
    public void Layers_TarLowers_ShouldMatchTheImage()
    {
        var tars = SampleImages.Layers();
        var args = new List<string> { "layers", "--json" };
        for (var i = tars.Count - 1; i >= 0; i--) args.AddRange(["--lower", Temp.Write($"tar-lower-{i}.tar", tars[i])]);

        var fromTars = CliRun.Text([.. args]).Json().EnumerateArray().ToList();
        var fromImage = ImageLayers();

        fromTars.Should().HaveCount(4);
        for (var i = 0; i < 4; i++)
        {
            fromTars[i].GetProperty("id").GetString().Should().Be(fromImage[i].GetProperty("id").GetString());
            fromTars[i].GetProperty("digest").GetString().Should().Be(fromImage[i].GetProperty("digest").GetString());
            foreach (var list in new[] { "added", "changed", "hidden", "opaque" }) Paths(fromTars[i], list).Should().Equal(Paths(fromImage[i], list));
        }
    }

    [Test]
    public void Layers_DirectoriesAndUpper_ShouldCountFilesAndLeaveOutDigests()
    {
        using var workspace = new Workspace().Standard();

        var layers = CliRun.Text(workspace.With("layers", "--json")).Json().EnumerateArray().ToList();

        layers.Select(l => l.GetProperty("id").GetString()).Should().Equal("0", "1", "upper");
        layers[2].GetProperty("source").GetString().Should().Be(workspace.Upper);
        layers[2].TryGetProperty("digest", out _).Should().BeFalse();
        layers[2].TryGetProperty("diffId", out _).Should().BeFalse();
        Paths(layers[1], "hidden").Should().Equal("/etc/passwd");
        Paths(layers[1], "added").Should().Equal("/etc/motd");
        Paths(layers[0], "added").Should().HaveCount(9);
        layers[0].GetProperty("size").GetInt64().Should().Be("127.0.0.1 localhost\n".Length + "root:x:0:0\n".Length + 3);
        Paths(layers[2], "hidden").Should().Equal("/etc/motd", "/var/log");
        Paths(layers[2], "added").Should().Equal("/etc/new.conf", "/srv", "/srv/www", "/srv/www/index.html");
        Paths(layers[2], "changed").Should().Equal("/etc", "/etc/hosts", "/var");
    }
}
