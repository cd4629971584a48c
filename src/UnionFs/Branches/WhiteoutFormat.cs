namespace UnionFs;

/// <summary>How a <see cref="DirectoryBranch"/> stores whiteouts and opaque markers on disk.</summary>
public enum WhiteoutFormat
{
    /// <summary>
    /// OCI image layer format (also AUFS and rootless fuse-overlayfs): a <c>.wh.&lt;name&gt;</c> file hides
    /// <c>name</c>, a <c>.wh..wh..opq</c> file makes its directory opaque. Portable to any file system.
    /// </summary>
    Oci,

    /// <summary>
    /// Linux overlayfs's own format (whiteout = character device 0/0, opaque = xattr
    /// <c>trusted.overlay.opaque=y</c>). Not supported yet: constructing a branch with it throws
    /// <see cref="NotSupportedException"/>.
    /// </summary>
    Overlay,
}
