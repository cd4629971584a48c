namespace UnionFs.Tests.Confinement;

/// <summary>Where the sandbox of a confinement test lives.</summary>
public enum HostKind
{
    /// <summary>A temp directory on the real disk, with real symbolic links.</summary>
    RealDisk,

    /// <summary>A <c>MockFileSystem</c> with the sandbox at <c>/sandbox</c>.</summary>
    Mock,
}
