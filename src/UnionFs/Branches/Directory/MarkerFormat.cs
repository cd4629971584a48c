namespace UnionFs;

/// <summary>
/// How a <see cref="DirectoryBranch"/> stores union markers on its host file system: whiteouts, opaque
/// directories and directory redirects. The branch does the plain file work; a format only knows its markers.
/// </summary>
internal abstract class MarkerFormat
{
    /// <summary>True when directories can carry a redirect.</summary>
    public abstract bool SupportsRedirect { get; }

    /// <summary>True for a listed host name that is a marker, never an entry of its own.</summary>
    public abstract bool IsMarkerName(string name);

    /// <summary>For a marker name that whites out a sibling (OCI <c>.wh.x</c>), the sibling's name; else null.</summary>
    public abstract string? WhitedOutName(string markerName);

    /// <summary>True for a name that cannot be stored as a plain entry in this format.</summary>
    public abstract bool IsReserved(string name);

    /// <summary>True when the host entry itself is a whiteout (overlayfs: a character device 0/0).</summary>
    public abstract bool IsWhiteoutEntry(string hostPath, bool isRegularOrOther);

    /// <summary>The host path of the marker that whites out <paramref name="hostPath"/> beside it (OCI); null when whiteouts are the entry itself.</summary>
    public abstract string? WhiteoutBeside(string hostPath);

    /// <summary>True when the host directory is opaque (its own marker, or a whiteout beside it in OCI).</summary>
    public abstract bool IsOpaque(string hostDirectory, bool hasWhiteoutBeside);

    /// <summary>The redirect of a host directory as an absolute branch path, or null.</summary>
    public abstract string? ReadRedirect(string hostDirectory, string branchPath);

    /// <summary>Makes a whiteout at <paramref name="preparedPath"/> (in the work area), ready to be renamed into place.</summary>
    public abstract void PrepareWhiteout(string preparedPath);

    /// <summary>False when the host cannot hold the marker that would make <paramref name="hostDirectory"/> opaque.</summary>
    public virtual bool CanMarkOpaque(string hostDirectory) => true;

    /// <summary>Marks or unmarks a host directory as opaque.</summary>
    public abstract void SetOpaque(string hostDirectory, bool opaque);

    /// <summary>Sets or clears the redirect of a host directory at <paramref name="branchPath"/>.</summary>
    public abstract void SetRedirect(string hostDirectory, string branchPath, string? redirect);
}
