namespace UnionFs.Tests.Confinement;

/// <summary>One call a <see cref="SpyFileSystem"/> saw: the member, the host path it named, and whether it changes anything.</summary>
public sealed record HostAccess(string Member, string Path, bool Writes)
{
    public override string ToString() => $"{Member}({Path}){(Writes ? " [write]" : string.Empty)}";
}
