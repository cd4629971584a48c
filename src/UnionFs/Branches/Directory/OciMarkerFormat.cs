using System.IO.Abstractions;

namespace UnionFs;

/// <summary>
/// The OCI image layer format (also AUFS and rootless fuse-overlayfs): <c>.wh.name</c> beside a name hides
/// it in the layers below; <c>.wh..wh..opq</c> in a directory makes it opaque; names starting <c>.wh..wh.</c>
/// are metadata. A directory beside its own whiteout was deleted and made again in this layer: opaque.
/// Works on any <see cref="IFileSystem"/>; cannot store redirects.
/// </summary>
internal sealed class OciMarkerFormat(IFileSystem fs) : MarkerFormat
{
    /// <summary>Prefix of a whiteout.</summary>
    public const string WhiteoutPrefix = ".wh.";

    /// <summary>Prefix of metadata names, never shown.</summary>
    public const string MetaPrefix = ".wh..wh.";

    /// <summary>The opaque marker inside a directory.</summary>
    public const string OpaqueMarker = ".wh..wh..opq";

    public override bool SupportsRedirect => false;

    public override bool IsMarkerName(string name) => name.StartsWith(WhiteoutPrefix, StringComparison.Ordinal);

    public override string? WhitedOutName(string markerName) =>
        markerName.StartsWith(MetaPrefix, StringComparison.Ordinal) || markerName.Length <= WhiteoutPrefix.Length
            ? null
            : markerName[WhiteoutPrefix.Length..];

    public override bool IsReserved(string name) => IsMarkerName(name);

    public override bool IsWhiteoutEntry(string hostPath, bool isRegularOrOther) => false;

    public override string? WhiteoutBeside(string hostPath)
    {
        var slash = hostPath.LastIndexOf('/');
        return string.Concat(hostPath.AsSpan(0, slash + 1), WhiteoutPrefix, hostPath.AsSpan(slash + 1));
    }

    public override bool IsOpaque(string hostDirectory, bool hasWhiteoutBeside) =>
        hasWhiteoutBeside || (CanMarkOpaque(hostDirectory) && DirectoryBranch.IsPresent(fs.FileInfo.New(fs.Path.Join(hostDirectory, OpaqueMarker))));

    /// <summary>False when the marker's path would be longer than the host takes: such a directory cannot be opaque.</summary>
    public override bool CanMarkOpaque(string hostDirectory) => DirectoryBranch.HostCanHold(fs.Path.Join(hostDirectory, OpaqueMarker));

    public override string? ReadRedirect(string hostDirectory, string branchPath) => null;

    public override void PrepareWhiteout(string preparedPath) => fs.File.Create(preparedPath).Dispose();

    public override void SetOpaque(string hostDirectory, bool opaque)
    {
        var marker = fs.Path.Join(hostDirectory, OpaqueMarker);
        if (opaque) fs.File.Create(marker).Dispose();
        else if (DirectoryBranch.IsPresent(fs.FileInfo.New(marker))) fs.File.Delete(marker);
    }

    public override void SetRedirect(string hostDirectory, string branchPath, string? redirect) =>
        throw new NotSupportedException("A DirectoryBranch in the OCI format cannot store directory redirects.");
}
