namespace UnionFs.Engine;

/// <summary>
/// Attributes, permissions and times (overlayfs's inode.c). Reading them never copies up; changing them
/// copies the object up first, then changes the copy.
/// </summary>
internal sealed class MetadataOps
{
    private readonly UnionEngine _engine;

    public MetadataOps(UnionEngine engine) => _engine = engine;

    /// <summary>Applies <paramref name="change"/> to the object at <paramref name="path"/>, following a final symbolic link.</summary>
    public void Set(string path, MetadataChange change, bool followFinal = true)
    {
        lock (_engine.WriteGate)
        {
            var node = _engine.Lookup.Resolve(path, followFinal);
            if (!node.Exists) throw UnionErrors.FileNotFound(path);
            _engine.RequireWritable(path);
            _engine.CopyUp.CopyUpEntry(node);
            _engine.Layers.Upper!.SetMetadata(node.Path, change);
        }
    }
}
