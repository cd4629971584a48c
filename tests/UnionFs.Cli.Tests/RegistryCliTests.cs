using UnionFs.Cli.Tests.Infrastructure;
using UnionFs.Images.Tests.RealTools;
using UnionFs.Images.Tests.Registry;

namespace UnionFs.Cli.Tests;

/// <summary>
/// <c>--image docker://...</c> against the real distribution registry holding the umoci-built six-layer image
/// (pushed by skopeo), behind the tests' loopback proxy: contents, progress on a terminal only, a missing tag and
/// credentials for a registry that demands a token.
/// </summary>
public sealed class RegistryCliTests : SixLayerImageFixture
{
    private RegistryServer _registry = null!;
    private RegistryProxy _proxy = null!;

    private string Reference => $"docker://{_proxy.Host}/six/app:t";

    [OneTimeSetUp]
    public void StartRegistry()
    {
        ToolRunner.Require("docker-registry", "skopeo", "umoci");
        _registry = RegistryServer.Start();
        _registry.Push(Image.Layout + ":" + UmociImage.Tag, "six/app:t");
    }

    [OneTimeTearDown]
    public void StopRegistry() => _registry?.Dispose();

    [SetUp]
    public void StartProxy() => _proxy = new RegistryProxy(_registry.Host);

    [TearDown]
    public void StopProxy() => _proxy?.Dispose();

    [Test]
    public void Cat_FromRegistry_ShouldPrintWhatUmociUnpacks()
    {
        foreach (var path in (string[])["etc/hostname", "etc/ins.txt", SixLayerImage.LongPath, "usr/lib/libz.so.1.2"])
        {
            var result = CliRun.Binary("cat", "/" + path, "--image", Reference);

            result.ExitCode.Should().Be(0, result.ToString());
            result.Binary.Should().Equal(File.ReadAllBytes(Path.Combine(Unpacked, path)), path);
        }
    }

    [Test]
    public void Layers_FromRegistry_ShouldListTheImagesDiffIds()
    {
        var result = CliRun.Text("layers", "--json", "--image", Reference);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Json().EnumerateArray().Select(l => l.GetProperty("diffId").GetString()).Should().Equal(Image.DiffIds());
    }

    [Test]
    public void Terminal_ShouldShowTheBytesFetchedPerBlobAndEraseTheLine()
    {
        var result = CliRun.OnTerminal("ls", "/", "--image", Reference);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Error.Should().Contain("fetching blob 1 (").And.MatchRegex(@"fetching blob \d \(sha256:[0-9a-f]+\): [0-9.]+ (B|KiB) of [0-9.]+ (B|KiB)").And.EndWith("\r\u001b[K");
        result.Error.Should().NotContain("\n");
    }

    [Test]
    public void Redirected_ShouldPrintNoProgress()
    {
        var result = CliRun.Binary("ls", "/", "--image", Reference);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Error.Should().BeEmpty();
    }

    [Test]
    public void MissingTag_ShouldSayManifestUnknown_ExitCode2()
    {
        var result = CliRun.Text("ls", "/", "--image", $"docker://{_proxy.Host}/six/app:gone");

        result.ExitCode.Should().Be(2, result.ToString());
        result.Error.Should().StartWith("unionfs ls: manifest unknown").And.Contain("six/app:gone");
    }

    [Test]
    public void TokenRegistry_Creds_ShouldOpen_WrongCreds_ShouldFail()
    {
        _proxy.RequireToken = ("reader", "pw:with:colons");

        var right = CliRun.Text("cat", "/etc/hostname", "--image", Reference, "--creds", "reader:pw:with:colons");
        var wrong = CliRun.Text("cat", "/etc/hostname", "--image", Reference, "--creds", "reader:nope");
        var anonymous = CliRun.Text("cat", "/etc/hostname", "--image", Reference);

        right.ExitCode.Should().Be(0, right.ToString());
        right.Out.Should().Be("unionfs-2\n");
        wrong.ExitCode.Should().Be(3, wrong.ToString());
        wrong.Error.Should().Contain("authentication failed").And.Contain("'reader'").And.NotContain("nope");
        anonymous.ExitCode.Should().Be(3, anonymous.ToString());
        anonymous.Error.Should().Contain("anonymous access");
    }

    [Test]
    public void TokenRegistry_CredentialsFromTheEnvironment_ShouldOpen()
    {
        _proxy.RequireToken = ("env-user", "env-pass");
        var before = Environment.GetEnvironmentVariable("UNIONFS_REGISTRY_AUTH");
        Environment.SetEnvironmentVariable("UNIONFS_REGISTRY_AUTH", "env-user:env-pass");
        try
        {
            var result = CliRun.Text("cat", "/etc/hostname", "--image", Reference);

            result.ExitCode.Should().Be(0, result.ToString());
            result.Out.Should().Be("unionfs-2\n");
        }
        finally
        {
            Environment.SetEnvironmentVariable("UNIONFS_REGISTRY_AUTH", before);
        }
    }
}
