using UnionFs.Cli.Tests.Infrastructure;

namespace UnionFs.Cli.Tests;

public sealed class HelpTests
{
    private static readonly string[] Commands = ["ls", "tree", "cat", "stat", "diff", "layers", "history", "find", "efficiency", "export-layer"];

    [TestCase("--help")]
    [TestCase("-h")]
    [TestCase("help")]
    public void Help_ShouldListEveryCommandAndTheLayerOptions(string flag)
    {
        var result = CliRun.Text(flag);

        result.ExitCode.Should().Be(0);
        result.Error.Should().BeEmpty();
        result.Out.Should().StartWith("unionfs ").And.Contain("Usage: unionfs COMMAND");
        foreach (var command in Commands) result.Lines.Should().Contain(l => l.StartsWith("  " + command + " ", StringComparison.Ordinal));
        result.Out.Should().Contain("--image PATH").And.Contain("--lower DIR|TAR").And.Contain("--upper DIR").And.Contain("--platform OS/ARCH");
    }

    [Test]
    public void NoArguments_ShouldPrintHelpOnStderrAndFail()
    {
        var result = CliRun.Text();

        result.ExitCode.Should().Be(1);
        result.Out.Should().BeEmpty();
        result.Error.Should().Contain("Usage: unionfs COMMAND");
    }

    [TestCaseSource(nameof(Commands))]
    public void CommandHelp_ShouldPrintUsageAndOptionsWithoutNeedingLayers(string command)
    {
        var result = CliRun.Text(command, "--help");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Out.Should().StartWith("Usage: unionfs " + command).And.Contain("Options:").And.Contain("-h, --help").And.Contain("--image PATH");
        result.Error.Should().BeEmpty();
    }

    [TestCaseSource(nameof(Commands))]
    public void CommandHelp_ShortFlagAndHelpCommand_ShouldPrintTheSameText(string command)
    {
        var expected = CliRun.Text(command, "--help").Out;

        CliRun.Text(command, "-h").Out.Should().Be(expected);
        CliRun.Text("help", command).Out.Should().Be(expected);
    }

    [TestCase("ls", true)]
    [TestCase("tree", true)]
    [TestCase("stat", true)]
    [TestCase("diff", true)]
    [TestCase("layers", true)]
    [TestCase("history", true)]
    [TestCase("find", true)]
    [TestCase("efficiency", true)]
    [TestCase("cat", false)]
    [TestCase("export-layer", false)]
    public void CommandHelp_ShouldMentionJsonExactlyWhereItApplies(string command, bool json)
    {
        var result = CliRun.Text(command, "--help");

        if (json) result.Out.Should().Contain("--json");
        else result.Out.Should().NotContain("--json");
    }

    [Test]
    public void ExportLayerHelp_ShouldListTheCompressions()
    {
        CliRun.Text("export-layer", "--help").Out.Should().Contain("--gzip").And.Contain("--zstd");
    }

    [Test]
    public void Version_ShouldPrintTheToolVersion()
    {
        var result = CliRun.Text("--version");

        result.ExitCode.Should().Be(0);
        result.Out.Should().MatchRegex(@"^unionfs \d+\.\d+\.\d+\S*\n$");
    }
}
