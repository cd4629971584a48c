using UnionFs.Images.Registry;

namespace UnionFs.Images.Tests.Registry;

public class AuthChallengeTests
{
    [Test]
    public void ParseParameters_QuotedValuesWithCommas_AreKeptWhole()
    {
        var parameters = AuthChallenge.ParseParameters("realm=\"https://auth.example/token\",service=\"registry.example\",scope=\"repository:a/b:pull,push\"");

        parameters.Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["realm"] = "https://auth.example/token",
            ["service"] = "registry.example",
            ["scope"] = "repository:a/b:pull,push",
        });
    }

    [Test]
    public void ParseParameters_UnquotedValuesSpacesAndEscapes_AreRead()
    {
        var parameters = AuthChallenge.ParseParameters(" realm = \"a \\\"quoted\\\" realm\" , service=plain ,error=\"insufficient_scope\"");

        parameters["realm"].Should().Be("a \"quoted\" realm");
        parameters["service"].Should().Be("plain");
        parameters["error"].Should().Be("insufficient_scope");
    }

    [Test]
    public void ParseParameters_Nothing_IsEmpty() => AuthChallenge.ParseParameters(null).Should().BeEmpty();
}
