using UnionFs.Cli.Tests.Infrastructure;

namespace UnionFs.Cli.Tests;

public sealed class CatTests : ImageFixture
{
    [Test]
    public void Cat_ShouldWriteTheFilesBytesToStandardOutput()
    {
        var result = CliRun.Binary("cat", "/usr/lib/libx.so", "--image", Image);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Binary.Should().HaveCount(5000).And.OnlyContain(b => b == 0);
        result.Out.Should().BeEmpty();
    }

    [Test]
    public void Cat_ThroughASymbolicLinkedDirectory_ShouldFollowItInsideTheUnion() =>
        CliRun.Binary("cat", "/lib/libx.so", "--image", Image).Binary.Should().HaveCount(5000);

    [Test]
    public void Cat_AbsoluteSymbolicLink_ShouldResolveAtTheUnionRoot()
    {
        // /home/user -> /tmp (absolute): the union's /tmp, never the host's.
        var result = CliRun.Text("cat", "/home/user/new", "--image", Image);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Out.Should().Be("n");
    }

    [Test]
    public void Cat_SeveralFiles_ShouldConcatenateThemInOrder() =>
        CliRun.Text("cat", "/etc/motd", "/tmp/new", "/etc/conf.d/b.conf", "--image", Image).Out.Should().Be("welcomenb2");

    [Test]
    public void Cat_FileInAReCreatedDirectory_ShouldShowOnlyTheNewLayersFile()
    {
        CliRun.Text("cat", "/var/cache/fresh", "--image", Image).Out.Should().Be("fresh");
        CliRun.Text("cat", "/var/cache/c", "--image", Image).ExitCode.Should().Be(2);
    }

    [Test]
    public void Cat_LongName_ShouldBeRead() =>
        CliRun.Text("cat", "/" + SampleLayers.LongName, "--image", Image).Out.Should().Be("long");

    [Test]
    public void Cat_OneMissingFile_ShouldWriteNothing()
    {
        var result = CliRun.Binary("cat", "/etc/motd", "/etc/nope", "--image", Image);

        result.ExitCode.Should().Be(2);
        result.Binary.Should().BeEmpty();
    }
}
