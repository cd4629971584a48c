namespace UnionFs.Zio;

/// <summary>
/// The OCI image layer markers, the same names a <see cref="DirectoryBranch"/> in <see cref="WhiteoutFormat.Oci"/> writes:
/// <c>.wh.name</c> beside a name hides it; <c>.wh..wh..opq</c> in a directory makes it opaque; other <c>.wh..wh.</c>
/// names are metadata (the work area among them). No name starting <c>.wh.</c> is ever an entry.
/// </summary>
internal static class OciMarkers
{
    /// <summary>Prefix of a whiteout, and of every reserved name.</summary>
    public const string WhiteoutPrefix = ".wh.";

    /// <summary>Prefix of metadata names.</summary>
    public const string MetaPrefix = ".wh..wh.";

    /// <summary>The opaque marker inside a directory.</summary>
    public const string OpaqueMarker = ".wh..wh..opq";

    /// <summary>The work area in the root (the name a <see cref="DirectoryBranch"/> uses too): exists only while a change runs.</summary>
    public const string WorkDirectoryName = ".wh..wh..unionfs-work";

    /// <summary>For a whiteout name, the name it hides; null for metadata names.</summary>
    public static string? WhitedOutName(string markerName) =>
        markerName.StartsWith(MetaPrefix, StringComparison.Ordinal) || markerName.Length <= WhiteoutPrefix.Length
            ? null
            : markerName[WhiteoutPrefix.Length..];
}
