namespace UnionFs.Tests.Confinement;

/// <summary>Puts entries straight into a branch's host directory, the way a layer made elsewhere would hold them.</summary>
public sealed class Planter(IFileSystem host, string root, string sandbox)
{
    /// <summary>The host directory that holds the root, the canary and the outside directory.</summary>
    public string Sandbox => sandbox;

    /// <summary>The host path of a path relative to the branch root (<c>a/b</c>).</summary>
    public string InRoot(string relative) => host.Path.Combine(root, relative);

    public void File(string relative, string content = "planted")
    {
        var full = InRoot(relative);
        host.Directory.CreateDirectory(host.Path.GetDirectoryName(full)!);
        host.File.WriteAllText(full, content);
    }

    public void Directory(string relative) => host.Directory.CreateDirectory(InRoot(relative));

    /// <summary>A symbolic link, written as given (it may point anywhere, or nowhere).</summary>
    public void Link(string relative, string target)
    {
        var full = InRoot(relative);
        host.Directory.CreateDirectory(host.Path.GetDirectoryName(full)!);
        host.File.CreateSymbolicLink(full, target.Replace("{sandbox}", sandbox, StringComparison.Ordinal));
    }
}
