using UnionFs.Cli.Tests.Infrastructure;

namespace UnionFs.Cli.Tests;

public sealed class HistoryTests : ImageFixture
{
    [Test]
    public void HistoryJson_FileWhoseDirectoryALaterLayerDeletes_ShouldListBothLayersWithDigests()
    {
        var result = CliRun.Text("history", "/var/log/old.log", "--json", "--image", Image);

        result.ExitCode.Should().Be(0, result.ToString());
        var events = result.Json().EnumerateArray().ToList();
        var tars = SampleImages.Layers();
        events.Select(e => (e.GetProperty("layer").GetString(), e.GetProperty("kind").GetString(), e.GetProperty("path").GetString(),
            e.GetProperty("ancestor").GetBoolean(), e.GetProperty("type").GetString())).Should().Equal(
            ("0", "added", "/var/log/old.log", false, "file"),
            ("1", "deleted", "/var/log", true, "whiteout"));
        events[0].GetProperty("digest").GetString().Should().Be(LayerBuilder.Sha256(tars[0]));
        events[1].GetProperty("digest").GetString().Should().Be(LayerBuilder.Sha256(tars[1]));
        events[0].GetProperty("size").GetInt64().Should().Be(3);
    }

    [TestCase(ImageShape.DockerOci)]
    [TestCase(ImageShape.Containerd)]
    [TestCase(ImageShape.OciDirectory)]
    public void History_EveryImageShape_ShouldGiveTheSameEvents(ImageShape shape)
    {
        var expected = CliRun.Text("history", "/etc/hosts", "--image", Image).Out;

        var result = CliRun.Text("history", "/etc/hosts", "--image", ImageOf(shape));

        result.ExitCode.Should().Be(0, result.ToString());
        // Digests differ where layers are compressed; the rest of each line must not.
        static IEnumerable<string> WithoutDigest(string text) =>
            text.Split('\n').Select(l => System.Text.RegularExpressions.Regex.Replace(l, "sha256:[0-9a-f]{12}", "DIGEST"));
        WithoutDigest(result.Out).Should().Equal(WithoutDigest(expected));
    }

    [Test]
    public void History_Text_ShouldPrintATableWithAncestorsMarked()
    {
        var result = CliRun.Text("history", "/home/user/.profile", "--image", Image);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Lines.Should().HaveCount(3);
        result.Lines[0].Should().MatchRegex("^LAYER +DIGEST +KIND +TYPE +SIZE +PATH$");
        result.Lines[1].Should().MatchRegex(@"^0 +sha256:[0-9a-f]{12} +added +file +7 +/home/user/\.profile$");
        result.Lines[2].Should().MatchRegex(@"^1 +sha256:[0-9a-f]{12} +changed +symlink +- +/home/user \(ancestor\) -> /tmp$");
    }

    [Test]
    public void History_LayerDirectoriesAndUpper_ShouldNameTheUpperAndHaveNoDigests()
    {
        using var workspace = new Workspace().Standard();

        var passwd = CliRun.Text(workspace.With("history", "/etc/passwd", "--json"));
        var hosts = CliRun.Text(workspace.With("history", "etc/hosts", "--json"));

        passwd.ExitCode.Should().Be(0, passwd.ToString());
        passwd.Json().EnumerateArray().Select(e => (e.GetProperty("layer").GetString(), e.GetProperty("kind").GetString())).Should().Equal(
            ("0", "added"), ("1", "deleted"));
        passwd.Json().EnumerateArray().Select(e => e.TryGetProperty("digest", out var digest)).Should().AllBeEquivalentTo(false);
        hosts.Json().EnumerateArray().Select(e => (e.GetProperty("layer").GetString(), e.GetProperty("kind").GetString())).Should().Equal(
            ("0", "added"), ("upper", "changed"));
    }

    [Test]
    public void History_PathNoLayerTouched_ShouldExitWithNotFound()
    {
        var result = CliRun.Text("history", "/no/such", "--image", Image);

        result.ExitCode.Should().Be(2);
        result.Out.Should().BeEmpty();
        result.Error.Should().Be("unionfs history: '/no/such': no layer has it or changes an ancestor of it\n");
    }

    [Test]
    public void History_WithoutPath_ShouldBeAUsageError()
    {
        var result = CliRun.Text("history", "--image", Image);

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("missing argument: PATH");
    }
}
