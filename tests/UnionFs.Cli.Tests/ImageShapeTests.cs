using UnionFs.Cli.Tests.Infrastructure;

namespace UnionFs.Cli.Tests;

/// <summary>The same image in every docker save shape (and as an OCI layout directory) shows the same merged view.</summary>
public sealed class ImageShapeTests : ImageFixture
{
    private static readonly ImageShape[] Shapes = Enum.GetValues<ImageShape>();

    [TestCaseSource(nameof(Shapes))]
    public void Tree_EveryShape_ShouldPrintTheMergedTree(ImageShape shape)
    {
        var result = CliRun.Text("tree", "--image", ImageOf(shape), "--platform", "linux/amd64");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Out.ReplaceLineEndings("\n").Should().Be(SampleImages.Tree);
        result.Error.Should().BeEmpty();
    }

    [TestCaseSource(nameof(Shapes))]
    public void Cat_EveryShape_ShouldReadTheTopmostCopy(ImageShape shape)
    {
        var result = CliRun.Text("cat", "/etc/hosts", "/etc/passwd", "--image", ImageOf(shape));

        result.ExitCode.Should().Be(0, result.ToString());
        result.Out.Should().Be("127.0.0.1 localhost\n::1 localhost\nroot:x:0:0\nuser:x:1000:1000\n");
    }

    [TestCaseSource(nameof(Shapes))]
    public void Cat_HardLink_ShouldReadItsTargetsData(ImageShape shape)
    {
        var result = CliRun.Text("cat", "/usr/bin/tool-link", "--image", ImageOf(shape));

        result.ExitCode.Should().Be(0, result.ToString());
        result.Out.Should().Be("tool v1\n");
    }

    [TestCaseSource(nameof(Shapes))]
    public void Layers_EveryShape_ShouldListFourLayersWithTheirDiffIds(ImageShape shape)
    {
        var result = CliRun.Text("layers", "--json", "--image", ImageOf(shape));

        result.ExitCode.Should().Be(0, result.ToString());
        var diffIds = result.Json().EnumerateArray().Select(l => l.GetProperty("diffId").GetString()).ToList();
        diffIds.Should().Equal(SampleImages.Layers().Select(LayerBuilder.Sha256));
    }

    [Test]
    public void Platform_Arm64_ShouldPickTheOtherImageOfTheIndex()
    {
        var amd = CliRun.Text("ls", "/", "--image", ImageOf(ImageShape.Containerd), "--platform", "linux/amd64");
        var arm = CliRun.Text("cat", "/arch", "--image", ImageOf(ImageShape.Containerd), "--platform", "linux/arm64");

        amd.Out.Should().NotContain("arch");
        arm.ExitCode.Should().Be(0, arm.ToString());
        arm.Out.Should().Be("arm64");
    }

    [Test]
    public void Tag_MatchingTheArchive_ShouldOpenIt()
    {
        var result = CliRun.Text("cat", "/etc/motd", "--image", ImageOf(ImageShape.DockerLegacy), "--tag", "example:latest");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Out.Should().Be("welcome");
    }

    [Test]
    public void NoVerify_ShouldStillOpenTheImage()
    {
        var result = CliRun.Text("cat", "/etc/motd", "--image", ImageOf(ImageShape.DockerOci), "--no-verify");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Out.Should().Be("welcome");
    }
}
