namespace UnionFs;

/// <summary>
/// One entry of a <see cref="MemoryBranch"/>. Readers take <see cref="Entry"/>, an immutable snapshot, without
/// locking; writers hold the branch's lock and publish a new snapshot after each change. A regular file's node
/// holds the file's bytes itself (it is its <see cref="FileData"/>): a branch holds many small files, and one
/// object each costs less than two.
/// </summary>
internal sealed class MemoryNode : FileData
{
    private volatile BranchEntry _entry;

    /// <summary>A node for <paramref name="entry"/>: an empty file, an empty directory, or an entry with no data.</summary>
    public MemoryNode(BranchEntry entry)
    {
        _entry = entry;
        // A directory holds no bytes: its contents take the slot a large file's chunk table would.
        if (entry.Kind == EntryKind.Directory) _more = new DirectoryContents();
    }

    private DirectoryContents? Contents => _more as DirectoryContents;

    /// <summary>Children of a directory; null for other kinds.</summary>
    public NameTable<MemoryNode>? Children => Contents?.Children;

    /// <summary>The data of a regular file (the node itself); null for other kinds.</summary>
    public FileData? Data => _entry.Kind == EntryKind.File ? this : null;

    /// <summary>
    /// The current snapshot; a file's length, last write time and last access time are brought up to date from its
    /// data, its last write and its last read when read, so a write through a stream or a read costs no new snapshot
    /// until someone asks.
    /// </summary>
    public BranchEntry Entry
    {
        get
        {
            var entry = _entry;
            var touched = Volatile.Read(ref _writtenTicks);
            var accessed = Volatile.Read(ref _accessedTicks);
            var length = entry.Kind == EntryKind.File ? Length : entry.Length;
            if (entry.Length == length && (touched == 0 || entry.LastWriteTimeUtc.Ticks == touched)
                && (accessed == 0 || entry.LastAccessTimeUtc.Ticks == accessed))
                return entry;
            return _entry = entry with
            {
                Length = length,
                LastWriteTimeUtc = touched == 0 ? entry.LastWriteTimeUtc : new DateTime(touched, DateTimeKind.Utc),
                LastAccessTimeUtc = accessed == 0 ? entry.LastAccessTimeUtc : new DateTime(accessed, DateTimeKind.Utc),
            };
        }
        set
        {
            // A time set explicitly wins over the last write or read before it.
            Volatile.Write(ref _writtenTicks, 0);
            Volatile.Write(ref _accessedTicks, 0);
            _entry = value;
        }
    }

    /// <summary>Children sorted by ordinal name; computed once per version of the directory.</summary>
    public MemoryNode[] GetSortedChildren()
    {
        var contents = Contents!;
        var version = Volatile.Read(ref contents.Version);
        var cached = contents.Sorted;
        if (cached is not null && cached.Version == version) return cached.Children;
        // Sorted by key (the entry's name): no snapshot is read per comparison.
        var children = contents.Children.SortedValues();
        // Tagged with the version read before the copy: a change made meanwhile makes it stale at once.
        contents.Sorted = new SortedChildren(version, children);
        return children;
    }

    /// <summary>Called after a child is added or removed, under the branch's gate (one writer at a time: no locked increment).</summary>
    public void ChildrenChanged() => Volatile.Write(ref Contents!.Version, Contents.Version + 1);

    private sealed record SortedChildren(int Version, MemoryNode[] Children);

    /// <summary>What a directory node holds: its children, and their sorted order for the version it was made for.</summary>
    private sealed class DirectoryContents
    {
        public readonly NameTable<MemoryNode> Children = new();
        public int Version;
        public volatile SortedChildren? Sorted;
    }

    /// <summary>Called after a write through a stream, or a name added to or removed from a directory: its write time moves.</summary>
    public void Touch(DateTime nowUtc) => Volatile.Write(ref _writtenTicks, nowUtc.Ticks);

    /// <summary>Called after a read that moves the access time (relatime decides): the time is kept until the entry is next read.</summary>
    public void Accessed(DateTime nowUtc) => Volatile.Write(ref _accessedTicks, nowUtc.Ticks);

    // Ticks of the last write through a stream, and of the last read, not yet folded into the snapshot; 0 when none.
    private long _writtenTicks;
    private long _accessedTicks;
}
