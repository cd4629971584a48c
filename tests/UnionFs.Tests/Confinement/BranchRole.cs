namespace UnionFs.Tests.Confinement;

/// <summary>Which part the spied <see cref="DirectoryBranch"/> plays in the union.</summary>
public enum BranchRole
{
    Lower,
    Upper,
}
