using UnionFs.Cli.Tests.Infrastructure;

namespace UnionFs.Cli.Tests;

public sealed class TreeTests : ImageFixture
{
    [Test]
    public void Tree_WithoutPath_ShouldStartAtTheRoot() =>
        CliRun.Text("tree", "--image", Image).Out.ReplaceLineEndings("\n").Should().Be(SampleImages.Tree);

    [Test]
    public void Tree_Subdirectory_ShouldStartThere()
    {
        var result = CliRun.Text("tree", "/etc", "--image", Image);

        result.Lines.Should().Equal(
            "/etc",
            "├── conf.d",
            "│   └── b.conf",
            "├── hosts",
            "├── motd",
            "└── passwd",
            "",
            "1 directory, 4 files");
    }

    [Test]
    public void Tree_Depth_ShouldStopDescending()
    {
        var result = CliRun.Text("tree", "/usr", "--depth", "1", "--image", Image);

        result.Lines.Should().Equal("/usr", "├── bin", "└── lib", "", "2 directories, 0 files");
    }

    [Test]
    public void Tree_SymbolicLinkToADirectory_ShouldListWhereItLeads()
    {
        var result = CliRun.Text("tree", "/lib", "--image", Image);

        result.Lines.Should().Equal("/lib", "└── libx.so", "", "0 directories, 1 file");
    }

    [Test]
    public void TreeJson_ShouldBeAFlatArrayOfEveryEntryDepthFirst()
    {
        var result = CliRun.Text("tree", "--json", "--image", Image);

        result.ExitCode.Should().Be(0, result.ToString());
        var entries = result.Json().EnumerateArray().ToList();
        entries.Should().HaveCount(28);
        entries.Select(e => e.GetProperty("path").GetString()).Should().StartWith(["/bin", "/bin/sh", "/deep"]);
        foreach (var entry in entries)
        {
            entry.GetProperty("type").GetString().Should().BeOneOf("file", "directory", "symlink");
            entry.GetProperty("size").GetInt64().Should().BeGreaterThanOrEqualTo(0);
            entry.TryGetProperty("target", out _).Should().Be(entry.GetProperty("type").GetString() == "symlink");
        }
        var hosts = entries.Single(e => e.GetProperty("path").GetString() == "/etc/hosts");
        hosts.GetProperty("type").GetString().Should().Be("file");
        hosts.GetProperty("size").GetInt64().Should().Be(34);
        var user = entries.Single(e => e.GetProperty("path").GetString() == "/home/user");
        user.GetProperty("target").GetString().Should().Be("/tmp");
        entries.Select(e => e.GetProperty("path").GetString()).Should().NotContain(["/etc/conf.d/a.conf", "/var/log", "/bin/ls", "/tmp/scratch"]);
    }

    [Test]
    public void TreeJson_Depth_ShouldLimitTheArrayToo()
    {
        var entries = CliRun.Text("tree", "/", "--json", "--depth", "1", "--image", Image).Json().EnumerateArray();

        entries.Select(e => e.GetProperty("path").GetString()).Should().Equal("/bin", "/deep", "/etc", "/home", "/lib", "/opt", "/tmp", "/usr", "/var");
    }
}
