using System.Collections.Concurrent;

namespace UnionFs.Engine;

/// <summary>
/// Access and directory write times as a Linux file system keeps them (inode.c's touch_atime, dir.c's update of a
/// parent's times). A read moves a file's access time under relatime's rule (when it is not after the last write,
/// or a day old); a name created, removed or renamed moves its directory's write time. An object of a memory
/// upper is changed in the branch. Any other object's access time is kept in memory, as the kernel's overlay
/// inode keeps it, for as long as the union lives: a lower is never written, and a read must never write to a
/// disk (a directory on disk keeps its own access times as its host reads it).
/// </summary>
internal sealed class AccessTimes
{
    private static readonly TimeSpan RelatimeInterval = TimeSpan.FromDays(1);
    private readonly UnionEngine _engine;
    private readonly ConcurrentDictionary<string, DateTime> _remembered = new(StringComparer.Ordinal);

    public AccessTimes(UnionEngine engine) => _engine = engine;

    /// <summary>The access time to report for <paramref name="node"/>: the later of its own and a remembered one.</summary>
    public DateTime Of(UnionNode node)
    {
        var own = node.Entry!.LastAccessTimeUtc;
        if (_remembered.IsEmpty) return own;
        return _remembered.TryGetValue(node.Path, out var remembered) && remembered > own ? remembered : own;
    }

    /// <summary>Records a read of the file or directory at <paramref name="path"/> (resolved, as the read was).</summary>
    public void Read(string path)
    {
        var now = _engine.Clock.GetUtcNow().UtcDateTime;
        lock (_engine.WriteGate)
        {
            if (_engine.Lookup.TryResolve(path, followFinal: true, out var node) != Errno.None || !node!.Exists) return;
            var accessed = Of(node);
            if (accessed > node.Entry!.LastWriteTimeUtc && now - accessed < RelatimeInterval) return;
            if (_engine.Layers.IsUpper(node.Layer) && _engine.Layers.Upper is MemoryBranch memory) memory.SetMetadata(node.Path, new MetadataChange(LastAccessTimeUtc: now));
            else _remembered[node.Path] = now;
        }
    }

    /// <summary>Forgets a remembered access time: the object's own one is set, or the name now holds another object.</summary>
    public void Forget(string path)
    {
        if (!_remembered.IsEmpty) _remembered.TryRemove(path, out _);
    }

    /// <summary>
    /// After a name in it changed: the upper directory holding <paramref name="path"/> gets a new write time, and
    /// what was remembered of the name is forgotten. Callers hold the write lock.
    /// </summary>
    public void NameChanged(string path)
    {
        Forget(path);
        var parent = BranchPath.GetParent(path);
        var upper = _engine.Layers.Upper;
        if (parent is null || upper is null || upper.Stat(parent)?.Kind != EntryKind.Directory) return;
        upper.SetMetadata(parent, new MetadataChange(LastWriteTimeUtc: _engine.Clock.GetUtcNow().UtcDateTime));
    }
}
