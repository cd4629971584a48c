using UnionFs.Cli.Tests.Infrastructure;

namespace UnionFs.Cli.Tests;

public sealed class FindTests : ImageFixture
{
    [Test]
    public void Find_NamePattern_ShouldListMatchingPathsOfTheMergedView()
    {
        var result = CliRun.Text("find", "*.conf", "--image", Image);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Out.Should().Be("/etc/conf.d/b.conf\n", "a.conf is whited out");
    }

    [Test]
    public void Find_PathPattern_ShouldMatchWholePaths()
    {
        CliRun.Text("find", "/usr/*", "--image", Image).Lines.Should().Equal("/usr/bin", "/usr/lib");
        CliRun.Text("find", "/usr/**", "--image", Image).Lines.Should().Equal("/usr/bin", "/usr/bin/tool", "/usr/bin/tool-link", "/usr/lib", "/usr/lib/libx.so");
    }

    [Test]
    public void FindJson_ShouldGiveTypeSizeTargetAndTheTopmostLayer()
    {
        var result = CliRun.Text("find", "/[lu]*", "--json", "--image", ImageOf(ImageShape.OciDirectory));

        result.ExitCode.Should().Be(0, result.ToString());
        var found = result.Json().EnumerateArray().ToList();
        found.Select(f => (f.GetProperty("path").GetString(), f.GetProperty("type").GetString(), f.GetProperty("layer").GetString())).Should().Equal(
            ("/lib", "symlink", "0"), ("/usr", "directory", "3"));
        found[0].GetProperty("target").GetString().Should().Be("usr/lib");
        found.Select(f => f.TryGetProperty("opaque", out var opaque)).Should().AllBeEquivalentTo(false);
    }

    [Test]
    public void FindLayers_ShouldListEachLayersEntriesWithWhiteoutsAndOpaqueDirectories()
    {
        var json = CliRun.Text("find", "*.conf", "--layers", "--json", "--image", Image);
        var text = CliRun.Text("find", "app", "--layers", "--image", Image);

        json.ExitCode.Should().Be(0, json.ToString());
        json.Json().EnumerateArray().Select(f => (f.GetProperty("layer").GetString(), f.GetProperty("type").GetString(), f.GetProperty("path").GetString()))
            .Should().Equal(
                ("0", "file", "/etc/conf.d/a.conf"),
                ("0", "file", "/etc/conf.d/b.conf"),
                ("1", "whiteout", "/etc/conf.d/a.conf"),
                ("2", "file", "/etc/conf.d/b.conf"));
        text.Lines.Should().Equal("0  directory           /opt/app", "1  directory (opaque)  /opt/app");
    }

    [Test]
    public void Find_NoMatch_ShouldPrintNothingAndSucceed()
    {
        var result = CliRun.Text("find", "nothing-like-this", "--image", Image);

        result.ExitCode.Should().Be(0);
        result.Out.Should().BeEmpty();
        CliRun.Text("find", "nothing-like-this", "--json", "--image", Image).Out.Should().Be("[]\n");
    }

    [Test]
    public void Find_MalformedPattern_ShouldBeAUsageError()
    {
        var result = CliRun.Text("find", "[abc", "--image", Image);

        result.ExitCode.Should().Be(1);
        result.Error.Should().Be("unionfs find: The pattern '[abc' has a '[' without its ']' (see 'unionfs find --help')\n");
    }

    [Test]
    public void Find_LayersOnAnotherCommand_ShouldBeAUsageError() =>
        CliRun.Text("ls", "--layers", "--image", Image).ExitCode.Should().Be(1);
}
