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
    /// Linux overlayfs's own format: a whiteout is a character device 0/0, an opaque directory has the xattr
    /// <c>trusted.overlay.opaque=y</c>, a renamed directory has <c>trusted.overlay.redirect</c>. The kernel
    /// (and Docker's overlay2 driver) and UnionFs read each other's layers. Needs the real Linux file
    /// system and root; <c>user.overlay.*</c> xattrs are honoured when reading.
    /// </summary>
    Overlay,
}
