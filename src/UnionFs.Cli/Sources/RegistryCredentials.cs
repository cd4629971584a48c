namespace UnionFs.Cli.Sources;

/// <summary>A user name and password for a registry, from <c>--creds</c> or the environment.</summary>
internal sealed record RegistryCredentials(string User, string Password)
{
    /// <summary>Never prints the password (a record would, in logs and test output).</summary>
    public override string ToString() => $"{User}:***";
}
