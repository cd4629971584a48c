using UnionFs.Images.Registry;

namespace UnionFs.Images.Tests.Registry;

/// <summary>Where the client speaks to (no request is made).</summary>
public class RegistryClientTests
{
    [TestCase("registry.example:5000/team/app:1", false, "https://registry.example:5000/v2/team/app/")]
    [TestCase("registry.example/app", true, "http://registry.example/v2/app/")]
    [TestCase("127.0.0.1:5000/app", false, "http://127.0.0.1:5000/v2/app/")]
    [TestCase("localhost:5000/a/b", false, "http://localhost:5000/v2/a/b/")]
    [TestCase("busybox", false, "https://registry-1.docker.io/v2/library/busybox/")]
    public void BaseUri_IsHttpsUnlessLoopbackOrAsked(string reference, bool plainHttp, string expected)
    {
        using var client = new RegistryClient(ImageReference.Parse(reference), new RegistryOptions { PlainHttp = plainHttp });

        client.BaseUri.Should().Be(new Uri(expected));
    }
}
