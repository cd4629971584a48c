using UnionFs.Cli.Tests.Infrastructure;

namespace UnionFs.Cli.Tests;

public sealed class EfficiencyTests
{
    private TempDirectory _temp = null!;
    private string _image = null!;

    /// <summary>Layer 0 ships /a (100 bytes) and /b (50); layer 1 overwrites /a with 20 bytes and deletes /b: 150 of 170 bytes wasted.</summary>
    [OneTimeSetUp]
    public void WriteImage()
    {
        _temp = new TempDirectory();
        _image = _temp.Write("image.tar", ImageBuilder.DockerOci([
            new LayerBuilder().File("a", new byte[100]).File("b", new byte[50]).Build(),
            new LayerBuilder().File("a", new byte[20]).Whiteout("b").Build(),
        ]));
    }

    [OneTimeTearDown]
    public void RemoveImage() => _temp.Dispose();

    [Test]
    public void EfficiencyJson_ShouldGiveTotalsLayersPathsAndFiles()
    {
        var result = CliRun.Text("efficiency", "--json", "--image", _image);

        result.ExitCode.Should().Be(0, result.ToString());
        var json = result.Json();
        json.GetProperty("fileBytes").GetInt64().Should().Be(170);
        json.GetProperty("wastedBytes").GetInt64().Should().Be(150);
        json.GetProperty("wastedPercent").GetDouble().Should().BeApproximately(88.2353, 1e-4);
        json.GetProperty("score").GetDouble().Should().BeApproximately(0.117647, 1e-6);
        json.GetProperty("layers").EnumerateArray().Select(l => (l.GetProperty("layer").GetString(), l.GetProperty("fileBytes").GetInt64(),
            l.GetProperty("wastedBytes").GetInt64(), l.GetProperty("wastedFiles").GetInt32())).Should().Equal(("0", 150L, 150L, 2), ("1", 20L, 0L, 0));
        json.GetProperty("layers")[0].GetProperty("digest").GetString().Should().StartWith("sha256:");
        json.GetProperty("paths").EnumerateArray().Select(p => (p.GetProperty("path").GetString(), p.GetProperty("wastedBytes").GetInt64()))
            .Should().Equal(("/a", 100L), ("/b", 50L));
        json.GetProperty("files").EnumerateArray().Select(f => (f.GetProperty("path").GetString(), f.GetProperty("layer").GetString(),
            f.GetProperty("hiddenBy").GetString(), f.GetProperty("reason").GetString())).Should().Equal(
            ("/a", "0", "1", "overwritten"), ("/b", "0", "1", "deleted"));
        json.GetProperty("exceeded").GetArrayLength().Should().Be(0);
    }

    [Test]
    public void Efficiency_Text_ShouldPrintTotalsAndTables()
    {
        var result = CliRun.Text("efficiency", "--image", _image);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Lines[0].Should().Be("file bytes:  170 B (170 bytes)");
        result.Lines[1].Should().Be("wasted:      150 B (150 bytes, 88.24 %)");
        result.Lines[2].Should().Be("efficiency:  0.1176");
        result.Lines[4].Should().MatchRegex("^LAYER +DIGEST +FILE BYTES +WASTED BYTES +WASTED FILES$");
        result.Lines[5].Should().MatchRegex(@"^0 +sha256:[0-9a-f]{12} +150 +150 +2$");
        result.Lines[6].Should().MatchRegex(@"^1 +sha256:[0-9a-f]{12} +20 +0 +0$");
        result.Lines.Skip(8).Should().Equal("WASTED BYTES  LAYERS  PATH", "100           0       /a", "50            0       /b");
    }

    [TestCase("--max-wasted-bytes", "149", 4)]
    [TestCase("--max-wasted-bytes", "150", 0)]
    [TestCase("--max-wasted-percent", "88", 4)]
    [TestCase("--max-wasted-percent", "88.3", 0)]
    [TestCase("--min-efficiency", "0.2", 4)]
    [TestCase("--min-efficiency", "0.1", 0)]
    public void Efficiency_Threshold_ShouldSetTheExitCode(string option, string value, int exitCode)
    {
        var result = CliRun.Text("efficiency", option, value, "--image", _image);

        result.ExitCode.Should().Be(exitCode, result.ToString());
        result.Out.Should().Contain("efficiency:", "the report is printed either way");
        if (exitCode == 0) result.Error.Should().BeEmpty();
        else result.Error.Should().StartWith("unionfs efficiency: ").And.Contain(option);
    }

    [Test]
    public void EfficiencyJson_ThresholdsExceeded_ShouldNameThem()
    {
        var result = CliRun.Text("efficiency", "--json", "--max-wasted-bytes", "1", "--min-efficiency", "0.5", "--max-wasted-percent", "99", "--image", _image);

        result.ExitCode.Should().Be(4);
        result.Json().GetProperty("exceeded").EnumerateArray().Select(e => e.GetString()).Should().Equal("--max-wasted-bytes", "--min-efficiency");
        result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().Equal(
            "unionfs efficiency: 150 wasted bytes exceed --max-wasted-bytes 1",
            "unionfs efficiency: efficiency 0.1176 is below --min-efficiency 0.5");
    }

    [TestCase("--max-wasted-bytes", "-1")]
    [TestCase("--max-wasted-bytes", "1.5")]
    [TestCase("--max-wasted-percent", "101")]
    [TestCase("--min-efficiency", "abc")]
    [TestCase("--min-efficiency", "1.1")]
    public void Efficiency_BadThreshold_ShouldBeAUsageError(string option, string value)
    {
        var result = CliRun.Text("efficiency", option, value, "--image", _image);

        result.ExitCode.Should().Be(1, result.ToString());
        result.Error.Should().StartWith($"unionfs efficiency: {option} '{value}' is not");
    }

    [Test]
    public void Efficiency_SampleImage_ShouldAgreeWithTheLibrary()
    {
        using var temp = new TempDirectory();
        var path = SampleImages.Write(temp, ImageShape.Containerd);
        using var image = ContainerImage.Open(path);
        var expected = ImageEfficiency.Analyse(image);

        var json = CliRun.Text("efficiency", "--json", "--image", path).Json();

        json.GetProperty("fileBytes").GetInt64().Should().Be(expected.FileBytes);
        json.GetProperty("wastedBytes").GetInt64().Should().Be(expected.WastedBytes);
        json.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("path").GetString()).Should().Equal(expected.Files.Select(f => f.Path));
    }
}
