using UnionFs.Cli.Tests.Infrastructure;

namespace UnionFs.Cli.Tests;

/// <summary>The registry options' command-line checks (no registry needed: they fail before any request).</summary>
public sealed class RegistryOptionTests
{
    [TestCase("--creds", "a:b")]
    [TestCase("--plain-http", null)]
    public void RegistryOption_WithoutADockerImage_IsAUsageError(string option, string? value)
    {
        string[] args = value is null ? ["ls", "/", "--lower", "x", option] : ["ls", "/", "--lower", "x", option, value];

        var result = CliRun.Text(args);

        result.ExitCode.Should().Be(1, result.ToString());
        result.Error.Should().Contain($"{option} needs --image docker://");
    }

    [TestCase("docker://127.0.0.1:5000/Upper:t", "not a valid repository name")]
    [TestCase("docker://127.0.0.1:5000/app@sha256:12", "not a digest")]
    [TestCase("docker://", "names no repository")]
    public void BadReference_IsAUsageErrorSayingWhy(string image, string problem)
    {
        var result = CliRun.Text("ls", "/", "--image", image);

        result.ExitCode.Should().Be(1, result.ToString());
        result.Error.Should().StartWith("unionfs ls: --image").And.Contain(problem);
    }

    [Test]
    public void Creds_WithoutAColon_IsAUsageError()
    {
        var result = CliRun.Text("ls", "/", "--image", "docker://127.0.0.1:1/app:t", "--creds", "justauser");

        result.ExitCode.Should().Be(1, result.ToString());
        result.Error.Should().Contain("--creds must be USER:PASS");
    }

    [Test]
    public void Tag_WithADockerImage_IsAUsageError()
    {
        var result = CliRun.Text("ls", "/", "--image", "docker://127.0.0.1:1/app:t", "--tag", "other");

        result.ExitCode.Should().Be(1, result.ToString());
        result.Error.Should().Contain("--tag does not go with --image docker://");
    }

    [Test]
    public void NothingListening_ShouldNameTheHost_ExitCode3()
    {
        var result = CliRun.Text("ls", "/", "--image", "docker://127.0.0.1:1/app:t");

        result.ExitCode.Should().Be(3, result.ToString());
        result.Error.Should().StartWith("unionfs ls: cannot reach the registry 127.0.0.1:1");
    }
}
