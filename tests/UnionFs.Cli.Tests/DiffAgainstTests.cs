using UnionFs.Cli.Tests.Infrastructure;

namespace UnionFs.Cli.Tests;

public sealed class DiffAgainstTests : ImageFixture
{
    /// <summary>The sample image plus a layer that changes content, mode, a link, a type, adds and deletes.</summary>
    private string _changed = null!;

    [OneTimeSetUp]
    public void WriteChangedImage()
    {
        var change = new LayerBuilder()
            .File("etc/motd", "changed")
            .File("bin/sh", "#!shell", (UnixFileMode)0x1C0)
            .Symlink("lib", "usr/lib64")
            .Whiteout("tmp/new")
            .File("tmp/new/inside", "i")
            .File("srv/x", "x")
            .Whiteout("etc/hosts")
            .Whiteout("opt")
            .File("usr/bin/tool", "tool v1\n", (UnixFileMode)0x1ED)
            .Build();
        _changed = Temp.Write("changed.tar", ImageBuilder.DockerOci([.. SampleImages.Layers(), change]));
    }

    [Test]
    public void DiffAgainst_ShouldListWhatTheImageChangesWithReasons()
    {
        var result = CliRun.Text("diff", "--image", _changed, "--against", Image);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Lines.Should().Equal(
            "C /bin/sh (mode)",
            "D /etc/hosts",
            "C /etc/motd (content)",
            "C /lib (target)",
            "D /opt",
            "A /srv",
            "A /srv/x",
            "C /tmp/new (type)",
            "A /tmp/new/inside");
        result.Error.Should().BeEmpty();
    }

    [Test]
    public void DiffAgainstJson_ShouldGiveKindsAndReasons()
    {
        var result = CliRun.Text("diff", "--json", "--image", _changed, "--against", ImageOf(ImageShape.OciDirectory));

        result.ExitCode.Should().Be(0, result.ToString());
        var changes = result.Json().EnumerateArray().ToDictionary(c => c.GetProperty("path").GetString()!);
        changes["/etc/motd"].GetProperty("kind").GetString().Should().Be("changed");
        changes["/etc/motd"].GetProperty("reasons").EnumerateArray().Select(r => r.GetString()).Should().Equal("content");
        changes["/srv"].GetProperty("kind").GetString().Should().Be("added");
        changes["/srv"].TryGetProperty("reasons", out _).Should().BeFalse();
        changes["/opt"].GetProperty("kind").GetString().Should().Be("deleted");
        changes.Should().NotContainKey("/usr/bin/tool", "the same bytes and mode in a new layer are no change");
    }

    [Test]
    public void DiffAgainst_ReversedBaseline_ShouldSwapAddedAndDeleted()
    {
        var result = CliRun.Text("diff", "--image", Image, "--against", _changed);

        result.Lines.Should().Contain("A /etc/hosts").And.Contain("A /opt").And.Contain("D /srv").And.Contain("C /tmp/new (type)");
    }

    [TestCase(ImageShape.DockerOci)]
    [TestCase(ImageShape.Containerd)]
    [TestCase(ImageShape.OciDirectory)]
    public void DiffAgainst_SameImageInAnotherShape_ShouldFindNothing(ImageShape shape)
    {
        var result = CliRun.Text("diff", "--image", ImageOf(shape), "--against", Image);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Out.Should().BeEmpty();
    }

    [Test]
    public void DiffAgainst_WithoutImage_ShouldBeAUsageError()
    {
        var result = CliRun.Text("diff", "--against", Image, "--lower", Temp.Path);

        result.ExitCode.Should().Be(1);
        result.Error.Should().StartWith("unionfs diff: --against needs --image");
    }

    [Test]
    public void DiffAgainst_WithUpper_ShouldBeAUsageError()
    {
        var result = CliRun.Text("diff", "--image", Image, "--against", Image, "--upper", Temp.Path);

        result.ExitCode.Should().Be(1);
        result.Error.Should().StartWith("unionfs diff: --against compares two images");
    }

    [Test]
    public void DiffAgainst_MissingBaseline_ShouldExitWithNotFound()
    {
        var result = CliRun.Text("diff", "--image", Image, "--against", Temp["missing.tar"]);

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("missing.tar").And.Contain("does not exist");
    }
}
