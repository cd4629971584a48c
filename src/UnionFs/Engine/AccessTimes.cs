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
    // Made on the first read to remember (a union that never reads a lower costs no table); read through the flag,
    // as ConcurrentDictionary.IsEmpty takes every lock of the table.
    private ConcurrentDictionary<string, Reads>? _remembered;
    private volatile bool _anyRemembered;

    public AccessTimes(UnionEngine engine) => _engine = engine;

    /// <summary>
    /// The first and the latest read of an object whose access time is kept in memory. The latest moves in place: a
    /// directory listed again, or a file read again, costs a table lookup and a write, not a new table node and a lock.
    /// </summary>
    private sealed class Reads(DateTime first)
    {
        private long _lastTicks = first.Ticks;

        public DateTime First { get; } = first;

        public DateTime Last => new(Volatile.Read(ref _lastTicks), DateTimeKind.Utc);

        /// <summary>Another read, at <paramref name="time"/>: the latest from now on.</summary>
        public void ReadAt(DateTime time) => Volatile.Write(ref _lastTicks, time.Ticks);
    }

    /// <summary>The access time to report for <paramref name="node"/>: its own, moved by the reads remembered for it.</summary>
    public DateTime Of(UnionNode node) => Of(node.Path, node.Entry!);

    /// <summary>As <see cref="Of(UnionNode)"/>, for the object at union path <paramref name="path"/> with entry <paramref name="entry"/>.</summary>
    private DateTime Of(string path, BranchEntry entry) => RememberedOf(path, entry) ?? entry.LastAccessTimeUtc;

    /// <summary>
    /// The access time of <paramref name="node"/> when reads the union remembers move it past the entry's own; null
    /// when nothing is remembered of it (then the entry's own holds, and is not asked for: it may cost a stat).
    /// </summary>
    public DateTime? RememberedOf(UnionNode node) => RememberedOf(node.Path, node.Entry!);

    private DateTime? RememberedOf(string path, BranchEntry entry)
    {
        if (!_anyRemembered || !_remembered!.TryGetValue(path, out var reads)) return null;
        return Relatime(entry.LastAccessTimeUtc, entry.LastWriteTimeUtc, reads);
    }

    /// <summary>
    /// What relatime makes of the reads since the object's own access time: a read moves it when it is not after the
    /// last write, or a day old. Of the reads in between only the first and the latest are kept, so a read a day after
    /// the access time is taken to be the latest one (the kernel would keep the first such read).
    /// </summary>
    private static DateTime Relatime(DateTime own, DateTime written, Reads reads)
    {
        var time = own;
        if (reads.First > time && (time <= written || reads.First - time >= RelatimeInterval)) time = reads.First;
        if (reads.Last > time && (time <= written || reads.Last - time >= RelatimeInterval)) time = reads.Last;
        return time;
    }

    /// <summary>
    /// Records a read of <paramref name="node"/>, just looked up. An object of a memory upper gets the new time when
    /// relatime says so (a read it would leave alone takes no lock); any other object's read is only remembered, and
    /// relatime is applied when its time is asked for, so a read never has to stat what it read.
    /// </summary>
    public void Read(UnionNode node)
    {
        var now = CoarseClock.UtcNow(_engine.Clock);
        if (_engine.Layers.IsUpper(node.Layer) && _engine.Layers.Upper is MemoryBranch memory)
        {
            var accessed = Of(node);
            if (accessed > node.Entry!.LastWriteTimeUtc && now - accessed < RelatimeInterval) return;
            // A directory's stack may hold its node in the branch: then it is not searched for.
            var stack = node.IsDirectory ? node.Stack : null;
            if (memory.Accessed(node.BranchPath!, now, stack?.UpperNode, stack?.UpperUnlinks ?? 0)) return;
        }
        var remembered = _remembered ?? Interlocked.CompareExchange(ref _remembered, new(StringComparer.Ordinal), null) ?? _remembered;
        _anyRemembered = true;
        if (remembered.TryGetValue(node.Path, out var reads)) reads.ReadAt(now);
        else remembered.GetOrAdd(node.Path, static (_, time) => new Reads(time), now).ReadAt(now);
    }

    /// <summary>
    /// For a read of the memory upper's object at union path <paramref name="path"/>, whose entry is
    /// <paramref name="entry"/>: the access time the read gives it under relatime's rule, or null when the read leaves
    /// it alone. The caller sets it.
    /// </summary>
    public DateTime? AccessTimeOnRead(string path, BranchEntry entry)
    {
        var now = CoarseClock.UtcNow(_engine.Clock);
        var accessed = Of(path, entry);
        return accessed > entry.LastWriteTimeUtc && now - accessed < RelatimeInterval ? null : now;
    }

    /// <summary>
    /// Records the first read through a handle opened on the file at <paramref name="path"/> (resolved), which reads
    /// through <paramref name="opened"/>: a handle on the memory upper's file moves that file's time, found by no
    /// lookup (read(2) moves the time of the object the handle has, even if its name changed since); any other is
    /// <see cref="Read(string)"/>.
    /// </summary>
    public void ReadThrough(string path, Stream opened)
    {
        // A handle that also writes reads through the stream that reports its writes.
        if (opened is WriteNotifyingStream notifying) opened = notifying.Inner;
        if (opened is MemoryFileStream { Owner: { } owner } memory && ReferenceEquals(owner, _engine.Layers.Upper))
        {
            if (AccessTimeOnRead(path, memory.Node.Entry) is { } accessed) owner.Accessed(memory.Node, accessed);
            return;
        }
        Read(path);
    }

    /// <summary>Records a read of the file or directory at <paramref name="path"/> (resolved, as the read was).</summary>
    public void Read(string path)
    {
        if (_engine.Lookup.TryResolve(path, followFinal: true, out var node) != Errno.None || !node!.Exists) return;
        Read(node);
    }

    /// <summary>Forgets the remembered reads: the object's own access time is set, or the name now holds another object.</summary>
    public void Forget(string path)
    {
        if (_anyRemembered) _remembered!.TryRemove(path, out _);
    }

    /// <summary>
    /// After a name in it changed: the upper directory holding <paramref name="path"/> (<paramref name="parentPath"/>,
    /// when the caller has that string) gets a new write time, and what was remembered of the name is forgotten.
    /// Callers hold the write lock.
    /// </summary>
    public void NameChanged(string path, string? parentPath = null)
    {
        Forget(path);
        var parent = parentPath ?? BranchPath.GetParent(path);
        var upper = _engine.Layers.Upper;
        if (parent is null || upper is null) return;
        var now = CoarseClock.UtcNow(_engine.Clock);
        if (upper is MemoryBranch memory)
        {
            memory.TouchDirectory(parent, now);
            return;
        }
        if (upper.Stat(parent)?.Kind != EntryKind.Directory) return;
        upper.SetMetadata(parent, new MetadataChange(LastWriteTimeUtc: now));
    }
}
