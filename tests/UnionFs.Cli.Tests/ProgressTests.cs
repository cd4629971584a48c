using UnionFs.Cli.Tests.Infrastructure;

namespace UnionFs.Cli.Tests;

/// <summary>A live progress line on stderr when it is a terminal; nothing when it is redirected.</summary>
public sealed class ProgressTests
{
    private static string[] TarLowers(TempDirectory temp) =>
    [
        "--lower", temp.Write("top.tar", SampleLayers.Top()),
        "--lower", temp.Write("middle.tar", SampleLayers.Middle()),
        "--lower", temp.Write("base.tar", SampleLayers.Base()),
    ];

    [Test]
    public void Terminal_ShouldShowEachLayerBeingIndexedAndEraseTheLine()
    {
        using var temp = new TempDirectory();

        var result = CliRun.OnTerminal(["ls", "/", .. TarLowers(temp)]);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Error.Should().Contain("indexing layer 1/3").And.Contain("indexing layer 3/3").And.EndWith("\r\u001b[K");
        result.Error.Should().NotContain("\n");
        result.Out.Should().Contain("etc/");
    }

    [Test]
    public void Terminal_Layers_ShouldShowTheAnalysis()
    {
        using var temp = new TempDirectory();

        var result = CliRun.OnTerminal(["layers", "--summary", .. TarLowers(temp)]);

        result.Error.Should().Contain("analysing layer 3/3").And.EndWith("\r\u001b[K");
    }

    [Test]
    public void Redirected_ShouldPrintNoProgress()
    {
        using var temp = new TempDirectory();

        var result = CliRun.Binary(["layers", .. TarLowers(temp)]);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Error.Should().BeEmpty();
    }

    [Test]
    public void Terminal_Failure_ShouldEraseTheProgressBeforeTheMessage()
    {
        using var temp = new TempDirectory();
        var bad = temp.Write("bad.tar", new LayerBuilder().File("a", "aaaa").Build()[..700]);

        var result = CliRun.OnTerminal("ls", "--lower", bad);

        result.ExitCode.Should().Be(2);
        result.Error.Should().MatchRegex("\r\u001b\\[Kunionfs ls: [^\n]*\n$");
    }
}
