namespace UnionFs.Engine;

/// <summary>
/// Attributes, permissions and times (overlayfs's inode.c). Reading them never copies up; changing them
/// copies the object up first, then changes the copy, and reports the change (not the copy-up).
/// </summary>
internal sealed class MetadataOps
{
    private readonly UnionEngine _engine;

    public MetadataOps(UnionEngine engine) => _engine = engine;

    /// <summary>
    /// Applies <paramref name="change"/> to the object at <paramref name="path"/>, as chmod(2) (which follows a final
    /// symbolic link) or, without <paramref name="followFinal"/>, as utimensat(2) with AT_SYMLINK_NOFOLLOW: then a
    /// link's own metadata changes, and a lower link is copied up as a link. ENOENT for a missing object.
    /// </summary>
    public Errno Set(string path, MetadataChange change, bool followFinal)
    {
        lock (_engine.WriteGate)
        {
            var error = _engine.Lookup.TryResolve(path, followFinal, out var node);
            if (error != Errno.None) return error;
            if (!node!.Exists) return Errno.ENOENT;
            if (_engine.Layers.Upper is null) return Errno.EROFS;
            _engine.CopyUp.CopyUpEntry(node);
            _engine.Layers.Upper.SetMetadata(node.Path, change);
            if (change.LastAccessTimeUtc is not null) _engine.Times.Forget(node.Path);
            // The copy-up is invisible; the change of metadata is IN_ATTRIB.
            _engine.Notifications.Publish(NotificationKind.AttributesChanged, node.Path, node.IsDirectory);
            return Errno.None;
        }
    }
}
