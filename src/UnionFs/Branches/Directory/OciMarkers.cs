namespace UnionFs;

/// <summary>The OCI image layer (and AUFS) names for union markers.</summary>
internal static class OciMarkers
{
    /// <summary>Prefix of a whiteout: <c>.wh.name</c> hides <c>name</c> in the layers below.</summary>
    public const string WhiteoutPrefix = ".wh.";

    /// <summary>Prefix of names reserved for metadata (<c>.wh..wh.*</c>), never shown.</summary>
    public const string MetaPrefix = ".wh..wh.";

    /// <summary>The opaque marker: present in a directory, it hides the same directory in the layers below.</summary>
    public const string OpaqueMarker = ".wh..wh..opq";

    /// <summary>The work area inside a branch root, where changes are prepared before an atomic rename.</summary>
    public const string WorkDirectory = ".wh..wh..unionfs-work";

    public static bool IsReserved(string name) => name.StartsWith(WhiteoutPrefix, StringComparison.Ordinal);

    public static string WhiteoutFor(string name) => WhiteoutPrefix + name;
}
