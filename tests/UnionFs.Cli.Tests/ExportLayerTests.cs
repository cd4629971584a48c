using UnionFs.Cli.Tests.Infrastructure;

namespace UnionFs.Cli.Tests;

public sealed class ExportLayerTests
{
    [Test]
    public void Export_ShouldWriteTheUppersChangesAsAnOciLayer()
    {
        using var workspace = new Workspace().Standard();
        var output = workspace["layer.tar"];

        var result = CliRun.Text(workspace.With("export-layer", output));

        result.ExitCode.Should().Be(0, result.ToString());
        using var layer = TarLayerBranch.Open(output);
        layer.Compression.Should().Be(LayerCompression.None);
        layer.Stat("/etc/motd")!.Kind.Should().Be(EntryKind.Whiteout);
        layer.Stat("/var/log")!.Kind.Should().Be(EntryKind.Whiteout);
        layer.Stat("/srv/www/index.html")!.Kind.Should().Be(EntryKind.File);
        layer.Stat("/etc/hosts")!.Length.Should().Be("127.0.0.1 localhost\n::1 localhost\n".Length);
        result.Lines[0].Should().StartWith($"wrote {output}: {layer.EntryCount} entries, ").And.EndWith(MediaTypes.OciLayer);
        result.Lines[1].Should().Be("  digest:  " + layer.Digest);
    }

    [Test]
    public void Export_LayerOverTheSameLowers_ShouldGiveTheSameMergedView()
    {
        using var workspace = new Workspace().Standard();
        var output = workspace["layer.tar"];
        CliRun.Text(workspace.With("export-layer", output)).ExitCode.Should().Be(0);

        var withUpper = CliRun.Text(workspace.With("tree", "--json"));
        var withLayer = CliRun.Text("tree", "--json", "--lower", output, "--lower", workspace.Lower, "--lower", workspace.Base);

        withLayer.ExitCode.Should().Be(0, withLayer.ToString());
        withLayer.Out.Should().Be(withUpper.Out);
        CliRun.Text("cat", "/etc/hosts", "--lower", output, "--lower", workspace.Lower, "--lower", workspace.Base).Out
            .Should().Be("127.0.0.1 localhost\n::1 localhost\n");
    }

    [TestCase("--gzip", LayerCompression.Gzip, new byte[] { 0x1F, 0x8B })]
    [TestCase("--zstd", LayerCompression.Zstd, new byte[] { 0x28, 0xB5, 0x2F, 0xFD })]
    public void Export_Compressed_ShouldWriteACompressedLayer(string flag, LayerCompression compression, byte[] magic)
    {
        using var workspace = new Workspace().Standard();
        var output = workspace["layer.tar.compressed"];

        var result = CliRun.Text(workspace.With("export-layer", output, flag));

        result.ExitCode.Should().Be(0, result.ToString());
        File.ReadAllBytes(output)[..magic.Length].Should().Equal(magic);
        using var layer = TarLayerBranch.Open(output);
        layer.Compression.Should().Be(compression);
        layer.Stat("/etc/new.conf").Should().NotBeNull();
        result.Lines.Should().Contain("  diff id: " + layer.DiffId);
    }

    [Test]
    public void Export_ToStandardOutput_ShouldWriteTheTarThereAndReportOnStderr()
    {
        using var workspace = new Workspace().Standard();

        var result = CliRun.Binary(workspace.With("export-layer", "-"));

        result.ExitCode.Should().Be(0, result.ToString());
        result.Out.Should().BeEmpty();
        result.Error.Should().StartWith("wrote standard output: ");
        using var layer = TarLayerBranch.Open(new MemoryStream(result.Binary));
        layer.Stat("/srv/www/index.html").Should().NotBeNull();
    }

    [Test]
    public void Export_ExistingFile_ShouldBeReplacedAndLeaveNoTemporaryFile()
    {
        using var workspace = new Workspace().Standard();
        var directory = Path.GetDirectoryName(workspace.Upper)!;
        var output = Path.Combine(directory, "out.tar");
        File.WriteAllText(output, "old");

        CliRun.Text(workspace.With("export-layer", output)).ExitCode.Should().Be(0);

        new FileInfo(output).Length.Should().BeGreaterThan(512);
        Directory.GetFiles(directory).Select(Path.GetFileName).Should().Equal("out.tar");
    }

    [Test]
    public void Export_EmptyUpper_ShouldWriteAnEmptyLayer()
    {
        using var workspace = new Workspace();
        var output = workspace["empty.tar"];

        CliRun.Text(workspace.With("export-layer", output)).ExitCode.Should().Be(0);

        using var layer = TarLayerBranch.Open(output);
        layer.EntryCount.Should().Be(0);
    }

    [Test]
    public void Export_UpperOverAnImage_ShouldHoldOnlyTheUppersEntries()
    {
        using var temp = new TempDirectory();
        var image = temp.Write("image.tar", ImageBuilder.DockerLegacy(SampleImages.Layers()));
        temp.WriteText("upper/usr/bin/.wh.tool", "");
        temp.WriteText("upper/etc/app.conf", "x=1");

        var result = CliRun.Text("export-layer", temp["out.tar"], "--image", image, "--upper", temp["upper"]);

        result.ExitCode.Should().Be(0, result.ToString());
        using var layer = TarLayerBranch.Open(temp["out.tar"]);
        layer.List("/").Select(e => e.Name).Should().Equal("etc", "usr");
        layer.Stat("/usr/bin/tool")!.Kind.Should().Be(EntryKind.Whiteout);
    }
}
