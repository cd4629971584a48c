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

    /// <summary>The current snapshot; its length is refreshed from <see cref="Data"/> when read.</summary>
    public BranchEntry Entry
    {
        get
        {
            var entry = _entry;
            if (Data is not null && entry.Length != Data.Length) entry = _entry = entry with { Length = Data.Length };
            return entry;
        }
        set => _entry = value;
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
    public void Touch(DateTime nowUtc) => _entry = _entry with { LastWriteTimeUtc = nowUtc, Length = Data?.Length ?? 0 };
}
