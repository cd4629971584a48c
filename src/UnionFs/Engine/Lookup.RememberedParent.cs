namespace UnionFs.Engine;

/// <summary>
/// The directory a walk starts from when it can: the one the last walk ended in, remembered per thread and, for a
/// union walked by one thread, in the union itself.
/// </summary>
internal sealed partial class Lookup
{
    /// <summary>
    /// The directory the last walk on this thread ended in: the next walk of a name in the same directory (the common
    /// case: a directory's files written, listed or read one after another) starts there instead of at the root. Kept
    /// only for the union that walked (<see cref="_id"/>), and while the upper's layout
    /// (<see cref="MemoryBranch.LayoutVersion"/>) and the lower index stay the same. One per thread, not one per union:
    /// threads never overwrite each other's, share no cache line, and a union holds nothing for it. It names its union
    /// by number, so a union dropped while a thread remembers one of its directories is not kept alive by it (its
    /// lowers' index is, until that thread walks again).
    /// </summary>
    [ThreadStatic]
    private static ParentWalk? t_parent;

    private static long s_lastId;

    /// <summary>This union's number among the lookups made in this process.</summary>
    private readonly long _id = Interlocked.Increment(ref s_lastId);

    /// <summary>What decides whether a remembered walk still holds; -1 when the upper cannot tell (then nothing is remembered).</summary>
    private long LayoutVersion() => _layers.Upper switch
    {
        null => 0,
        MemoryBranch memory => memory.LayoutVersion,
        _ => -1,
    };

    /// <summary>
    /// One directory path as written (a copy of its characters, not the caller's string, which it must not keep alive)
    /// and the merge stack a walk of it found. Each thread has one and changes it in place: going to another directory
    /// allocates nothing.
    /// </summary>
    private sealed class ParentWalk
    {
        private char[] _path = new char[64];
        private int _length;
        private long _owner;
        private long _layout;
        private LowerIndex? _index;

        public MergeStack Stack { get; private set; } = MergeStack.None;

        /// <summary>Names this thread to a union's <see cref="SharedParent"/> without keeping what this walk holds alive.</summary>
        public object ThreadToken { get; } = new();

        public bool Matches(long lookup, string other, int parentEnd, long currentLayout, LowerIndex currentIndex) =>
            lookup == _owner && currentLayout == _layout && parentEnd == _length && ReferenceEquals(currentIndex, _index)
            && other.AsSpan(0, parentEnd).SequenceEqual(_path.AsSpan(0, _length));

        public void Set(long owner, ReadOnlySpan<char> path, MergeStack stack, long layout, LowerIndex index)
        {
            if (path.Length > _path.Length) _path = new char[Math.Max(path.Length, _path.Length * 2)];
            path.CopyTo(_path);
            _length = path.Length;
            _owner = owner;
            Stack = stack;
            _layout = layout;
            _index = index;
        }
    }

    /// <summary>
    /// The directory of the last walk through this union, kept for any thread to read while one thread alone changes
    /// directory in it: checked before <see cref="t_parent"/>, because a thread-static costs a call into the runtime on
    /// each access here, and most unions (a test's fixture, a sandbox) are walked by one thread. The first thread to
    /// remember a directory owns it; once another thread changes directory in this union, the owner stops writing it
    /// (<see cref="_walkedByThreads"/>), and every thread relies on its own <see cref="t_parent"/>.
    /// </summary>
    private SharedParent? _shared;

    private volatile bool _walkedByThreads;

    /// <summary>
    /// One thread's remembered directory (<c>path[..parentEnd]</c> of a path it walked, and its merge stack), which
    /// that thread alone changes, in place (changing directory allocates nothing), and any thread reads without a lock:
    /// the version is odd while it changes, and a read that saw it change is not used.
    /// </summary>
    private sealed class SharedParent(object owner)
    {
        private int _version;
        private string? _path;
        private int _parentEnd;
        private MergeStack? _stack;
        private long _layout;
        private LowerIndex? _index;

        /// <summary>The <see cref="ParentWalk.ThreadToken"/> of the thread that owns this one.</summary>
        public object Owner { get; } = owner;

        /// <summary>The merge stack of <c>path[..parentEnd]</c> when that is the directory kept, and still valid; else null.</summary>
        public MergeStack? Find(string path, int parentEnd, long layout, LowerIndex index)
        {
            var version = Volatile.Read(ref _version);
            if ((version & 1) != 0) return null;
            // Every field read is an acquire, so the version is read again after all of them.
            var kept = Volatile.Read(ref _path);
            var stack = Volatile.Read(ref _stack);
            if (kept is null || kept.Length <= parentEnd || Volatile.Read(ref _parentEnd) != parentEnd || Volatile.Read(ref _layout) != layout
                || !ReferenceEquals(Volatile.Read(ref _index), index)
                || !(ReferenceEquals(kept, path) || path.AsSpan(0, parentEnd).SequenceEqual(kept.AsSpan(0, parentEnd))))
                return null;
            return Volatile.Read(ref _version) == version ? stack : null;
        }

        /// <summary>Keeps <c>path[..parentEnd]</c>. The owner's thread only.</summary>
        public void Set(string path, int parentEnd, MergeStack stack, long layout, LowerIndex index)
        {
            // Only the owner writes, so no locked increment: every field is written with release semantics, which keeps
            // the odd version ahead of it for any reader.
            var version = _version;
            Volatile.Write(ref _version, version + 1);
            Volatile.Write(ref _path, path);
            Volatile.Write(ref _parentEnd, parentEnd);
            Volatile.Write(ref _stack, stack);
            Volatile.Write(ref _layout, layout);
            Volatile.Write(ref _index, index);
            Volatile.Write(ref _version, version + 2);
        }
    }

    /// <summary>Remembers the merge stack of <c>path[..parentEnd]</c> when the upper can tell how long it holds.</summary>
    private void Remember(string path, int parentEnd, MergeStack stack, long layout)
    {
        if (layout < 0 || parentEnd <= 0) return;
        var index = Index;
        var mine = t_parent ??= new ParentWalk();
        mine.Set(_id, path.AsSpan(0, parentEnd), stack, layout, index);
        if (_walkedByThreads) return;
        var shared = Volatile.Read(ref _shared) ?? Interlocked.CompareExchange(ref _shared, new SharedParent(mine.ThreadToken), null) ?? _shared!;
        if (ReferenceEquals(shared.Owner, mine.ThreadToken)) shared.Set(path, parentEnd, stack, layout, index);
        else _walkedByThreads = true;
    }
}
