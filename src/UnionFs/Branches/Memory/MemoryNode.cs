using System.Collections.Concurrent;

namespace UnionFs;

/// <summary>
/// One entry of a <see cref="MemoryBranch"/>. Readers take <see cref="Entry"/>, an immutable snapshot, without
/// locking; writers hold the branch's lock and publish a new snapshot after each change.
/// </summary>
internal sealed class MemoryNode
{
    private const int InitialCapacity = 7;

    private volatile BranchEntry _entry;

    public MemoryNode(BranchEntry entry, FileData? data = null)
    {
        _entry = entry;
        Data = data;
        // One lock level: the branch serialises its writers anyway, and readers take no lock.
        if (entry.Kind == EntryKind.Directory) Children = new ConcurrentDictionary<string, MemoryNode>(1, InitialCapacity, StringComparer.Ordinal);
    }

    /// <summary>Children of a directory; null for other kinds.</summary>
    public ConcurrentDictionary<string, MemoryNode>? Children { get; }

    /// <summary>Data of a regular file; null for other kinds.</summary>
    public FileData? Data { get; }

    /// <summary>
    /// The current snapshot; a file's length and last write time are brought up to date from its data and its
    /// last write when read, so a write through a stream costs no new snapshot.
    /// </summary>
    public BranchEntry Entry
    {
        get
        {
            var entry = _entry;
            if (Data is null) return entry;
            var length = Data.Length;
            var touched = Volatile.Read(ref _writtenTicks);
            if (entry.Length == length && (touched == 0 || entry.LastWriteTimeUtc.Ticks == touched)) return entry;
            return _entry = entry with
            {
                Length = length,
                LastWriteTimeUtc = touched == 0 ? entry.LastWriteTimeUtc : new DateTime(touched, DateTimeKind.Utc),
            };
        }
        set
        {
            // A time set explicitly wins over the last write before it.
            Volatile.Write(ref _writtenTicks, 0);
            _entry = value;
        }
    }

    private int _version;
    private volatile SortedChildren? _sorted;

    /// <summary>Children sorted by ordinal name; computed once per version of the directory.</summary>
    public MemoryNode[] GetSortedChildren()
    {
        var version = Volatile.Read(ref _version);
        var cached = _sorted;
        if (cached is not null && cached.Version == version) return cached.Children;
        var children = Children!.Values.ToArray();
        Array.Sort(children, static (a, b) => string.CompareOrdinal(a.Entry.Name, b.Entry.Name));
        // Tagged with the version read before the copy: a change made meanwhile makes it stale at once.
        _sorted = new SortedChildren(version, children);
        return children;
    }

    /// <summary>Called after a child is added or removed.</summary>
    public void ChildrenChanged() => Interlocked.Increment(ref _version);

    private sealed record SortedChildren(int Version, MemoryNode[] Children);

    /// <summary>Called after a write through a stream: the data changed, so the times do too.</summary>
    public void Touch(DateTime nowUtc) => Volatile.Write(ref _writtenTicks, nowUtc.Ticks);

    // Ticks of the last write through a stream not yet folded into the snapshot; 0 when none.
    private long _writtenTicks;
}
