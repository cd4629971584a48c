
namespace UnionFs.Images.Tests.Registry;

public class ImageReferenceTests
{
    private const string Digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    [TestCase("docker://127.0.0.1:5000/team/app:1.0", "127.0.0.1:5000", "team/app", "1.0", null)]
    [TestCase("127.0.0.1:5000/app", "127.0.0.1:5000", "app", "latest", null)]
    [TestCase("localhost/app:x", "localhost", "app", "x", null)]
    [TestCase("registry.example/a/b/c:v1.2-rc_3", "registry.example", "a/b/c", "v1.2-rc_3", null)]
    [TestCase("docker://busybox", "docker.io", "library/busybox", "latest", null)]
    [TestCase("docker.io/team/app:2", "docker.io", "team/app", "2", null)]
    [TestCase("[::1]:5000/app:t", "[::1]:5000", "app", "t", null)]
    [TestCase("localhost:5000/app@" + Digest, "localhost:5000", "app", null, Digest)]
    [TestCase("localhost:5000/app:t@" + Digest, "localhost:5000", "app", "t", Digest)]
    public void Parse_ValidReferences_GiveTheirParts(string text, string registry, string repository, string? tag, string? digest)
    {
        var reference = ImageReference.Parse(text);

        reference.Registry.Should().Be(registry);
        reference.Repository.Should().Be(repository);
        reference.Tag.Should().Be(tag);
        reference.Digest.Should().Be(digest);
        reference.ManifestReference.Should().Be(digest ?? tag);
    }

    [TestCase("127.0.0.1:5000/app", true)]
    [TestCase("localhost/app", true)]
    [TestCase("[::1]:5000/app", true)]
    [TestCase("127.8.9.1:80/app", true)]
    [TestCase("registry.example:5000/app", false)]
    [TestCase("10.0.0.1:5000/app", false)]
    public void IsLoopback_OnlyForLoopbackHosts(string text, bool loopback) =>
        ImageReference.Parse(text).IsLoopback.Should().Be(loopback);

    [Test]
    public void ApiHost_DockerHub_IsItsRegistryHost()
    {
        ImageReference.Parse("busybox").ApiHost.Should().Be("registry-1.docker.io");
        ImageReference.Parse("127.0.0.1:5000/busybox").ApiHost.Should().Be("127.0.0.1:5000");
    }

    [Test]
    public void ToString_IsTheNormalisedReference() =>
        ImageReference.Parse("docker://busybox").ToString().Should().Be("docker.io/library/busybox:latest");

    [TestCase("docker://127.0.0.1:5000/App:1", "not a valid repository name")]
    [TestCase("127.0.0.1:5000/app:-bad", "not a valid tag")]
    [TestCase("127.0.0.1:5000/app@sha256:abc", "not a digest")]
    [TestCase("127.0.0.1:5000/app@md5:0123", "not a digest")]
    [TestCase("127.0.0.1:99999/app", "not a valid port")]
    [TestCase("127.0.0.1:5000/", "names no repository")]
    [TestCase("oci-archive://x.tar", "only the docker:// transport")]
    [TestCase("docker://", "names no repository")]
    [TestCase("127.0.0.1:5000/a//b", "not a valid repository name")]
    public void Parse_BadReferences_SayWhatIsWrong(string text, string problem) =>
        FluentActions.Invoking(() => ImageReference.Parse(text)).Should().Throw<FormatException>().WithMessage($"*{problem}*");

    [TestCase("")]
    [TestCase("  ")]
    public void Parse_Empty_IsAnArgumentError(string text) =>
        FluentActions.Invoking(() => ImageReference.Parse(text)).Should().Throw<ArgumentException>();

    [Test]
    public void HasScheme_OnlyForDockerPrefix()
    {
        ImageReference.HasScheme("docker://x/y").Should().BeTrue();
        ImageReference.HasScheme("/tmp/docker://x").Should().BeFalse();
        ImageReference.HasScheme(null).Should().BeFalse();
    }
}
