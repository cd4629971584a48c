using UnionFs.Cli.Tests.Infrastructure;

namespace UnionFs.Cli.Tests;

public sealed class StatTests : ImageFixture
{
    private string DigestOf(int layer) => LayerBuilder.Sha256(SampleImages.Layers()[layer]);

    [Test]
    public void Stat_File_ShouldDescribeItAndNameItsLayer()
    {
        var result = CliRun.Text("stat", "/usr/bin/tool-link", "--image", Image);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Lines.Should().Equal(
            "    Path: /usr/bin/tool-link",
            "    Type: file",
            "    Size: 8",
            "    Mode: 0755 (-rwxr-xr-x)",
            "Modified: 2024-01-02T03:04:05Z",
            $"   Layer: layer 3 ({DigestOf(3)})");
    }

    [Test]
    public void Stat_SymbolicLink_ShouldNotFollowIt()
    {
        var result = CliRun.Text("stat", "/home/user", "--image", Image);

        result.Lines.Should().Contain(["    Type: symlink", "  Target: /tmp", "    Size: 4", "    Mode: 0777 (lrwxrwxrwx)", $"   Layer: layer 1 ({DigestOf(1)})"]);
    }

    [Test]
    public void Stat_MergedDirectory_ShouldListEveryLayerTopmostFirst() =>
        CliRun.Text("stat", "/etc", "--image", Image).Lines.Should().Contain("  Layers: 2, 1, 0 (merged directory, topmost first)");

    [Test]
    public void Stat_StickyDirectory_ShouldShowTheSpecialBit()
    {
        // The base layer's /tmp is 1777; the top layer only implies /tmp (its opaque marker and a file): the opaque
        // marker hides the old contents, not the directory's own metadata, as extractors keep the existing directory.
        var baseLayer = Temp.Write("base-layer.tar", SampleLayers.Base());
        var topLayer = Temp.Write("top-layer.tar", SampleLayers.Top());

        CliRun.Text("stat", "/tmp", "--lower", baseLayer).Lines.Should().Contain("    Mode: 1777 (drwxrwxrwt)");
        CliRun.Text("stat", "/tmp", "--image", Image).Lines.Should().Contain("    Mode: 1777 (drwxrwxrwt)");
        CliRun.Text("stat", "/tmp", "--lower", topLayer, "--lower", baseLayer).Lines.Should().Contain("    Mode: 1777 (drwxrwxrwt)",
            "lower tars inherit as an image's layers do");
        CliRun.Text("stat", "/tmp", "--lower", topLayer).Lines.Should().Contain("    Mode: 0755 (drwxr-xr-x)", "with nothing below, an implied directory is 0755");
    }

    [TestCase("/opt/app", new[] { "1" })]
    [TestCase("/var/cache", new[] { "2" })]
    [TestCase("/tmp", new[] { "2" })]
    [TestCase("/etc/hosts", new[] { "2" })]
    [TestCase("/etc/passwd", new[] { "1" })]
    [TestCase("/usr", new[] { "3", "0" })]
    [TestCase("/lib/libx.so", new[] { "0" })]
    [TestCase("/home/user/new", new[] { "2" })]
    [TestCase("/", new[] { "3", "2", "1", "0" })]
    public void StatJson_ShouldNameTheLayersTheEntryComesFrom(string path, string[] layers)
    {
        var result = CliRun.Text("stat", path, "--json", "--image", Image);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Json().GetProperty("layers").EnumerateArray().Select(l => l.GetString()).Should().Equal(layers);
    }

    [Test]
    public void StatJson_ShouldHaveEveryField()
    {
        var json = CliRun.Text("stat", "/lib", "--json", "--image", Image).Json();

        json.GetProperty("path").GetString().Should().Be("/lib");
        json.GetProperty("type").GetString().Should().Be("symlink");
        json.GetProperty("size").GetInt64().Should().Be(7);
        json.GetProperty("target").GetString().Should().Be("usr/lib");
        json.GetProperty("mode").GetString().Should().Be("0777");
        json.GetProperty("modified").GetDateTime().Should().Be(new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc));
        json.GetProperty("layers").EnumerateArray().Select(l => l.GetString()).Should().Equal("0");
    }

    [Test]
    public void Stat_FileOfTheUpper_ShouldNameTheUpper()
    {
        var upper = Temp.CreateDirectory("stat-upper/etc");
        File.WriteAllText(Path.Combine(upper, "motd"), "changed");

        var result = CliRun.Text("stat", "/etc/motd", "--json", "--image", Image, "--upper", Path.GetDirectoryName(upper)!);

        result.Json().GetProperty("layers").EnumerateArray().Select(l => l.GetString()).Should().Equal("upper");
        result.Json().GetProperty("size").GetInt64().Should().Be(7);
    }
}
