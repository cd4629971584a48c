using System.Runtime.CompilerServices;

namespace UnionFs.Engine;

/// <summary>
/// The directory a walk starts from when it can: the one the last walk ended in, or that directory's parent, or an
/// ancestor of the path among them; remembered per thread and, for a union walked by one thread, in the union itself.
/// </summary>
internal sealed partial class Lookup
{
    /// <summary>
    /// The directory the last walk on this thread ended in, and its parent, once a second thread walks a union: the
    /// next walk of a name in the same directory (the common case: a directory's files written, listed or read one after
    /// another) starts there instead of at the root, and a walk into a sibling directory (a tree written or read
    /// directory by directory) starts at the parent. Kept only for the union that walked (its <see cref="_id"/>), while
    /// the lower index stays the same, and while the upper's layout (<see cref="MemoryBranch.LayoutVersion"/>, through
    /// <see cref="HoldMask"/>) says what was found still holds. One per thread, not one per union: threads never
    /// overwrite each other's, share no cache line, and a union holds nothing for it. It names its union by number, so a
    /// union dropped while a thread remembers one of its directories is not kept alive by it (its lowers' index and one
    /// path string are, until that thread walks again).
    /// </summary>
    [ThreadStatic]
    private static ThreadWalk? t_walk;

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
    /// The bits of <see cref="MemoryBranch.LayoutVersion"/> that must stay the same for <paramref name="stack"/> to
    /// hold: all of them for a directory only the lowers hold (a directory or whiteout added in the upper can hide or
    /// join it), the reshaping ones for a directory the upper holds (an addition elsewhere leaves it as it is).
    /// </summary>
    private static long HoldMask(MergeStack stack) => stack.Upper.HasValue ? UpperHeldMask : -1L;

    /// <summary>The <see cref="HoldMask"/> of a directory the upper holds.</summary>
    private const long UpperHeldMask = -1L << MemoryBranch.ReshapeShift;

    /// <summary>True when a stack remembered at layout <paramref name="kept"/>, with its <see cref="HoldMask"/>, holds at layout <paramref name="now"/>.</summary>
    private static bool StillHolds(long kept, long mask, long now) => ((kept ^ now) & mask) == 0;

    /// <summary>
    /// Where a walk starts: the stack of the directory <c>path[..End]</c>, or none (a null stack: the walk starts at the
    /// root). A value returned in registers, so the walk keeps its position out of memory.
    /// </summary>
    private readonly record struct WalkStart(MergeStack? Stack, int End);

    /// <summary>
    /// Where a walk of <c>path</c> (whose last name starts after <paramref name="parentEnd"/>) can start, given a
    /// remembered directory <c>kept</c> (the whole span) and its parent (<c>kept[..grandEnd]</c>, when
    /// <paramref name="grandEnd"/> is positive): the end of the deepest of them that is <c>path[..parentEnd]</c> or an
    /// ancestor of it, or -1. The caller has already found that <c>kept</c> is not <c>path[..parentEnd]</c> itself.
    /// </summary>
    private static int AncestorEnd(string path, int parentEnd, ReadOnlySpan<char> kept, int grandEnd)
    {
        // The remembered directory above the path's parent (a walk going deeper).
        if (kept.Length < parentEnd && path[kept.Length] == '/' && path.AsSpan(0, kept.Length).SequenceEqual(kept)) return kept.Length;
        // Its parent: the path's parent itself, or above it (a walk into a sibling directory).
        if (grandEnd > 0 && grandEnd <= parentEnd && path[grandEnd] == '/' && path.AsSpan(0, grandEnd).SequenceEqual(kept[..grandEnd])) return grandEnd;
        return -1;
    }

    /// <summary>
    /// A remembered directory's parent may start a walk deeper down, but a walk that ends in it needs the upper's
    /// path of it, which a stack made for a directory a walk only passed through does not have.
    /// </summary>
    private static bool CanStart(MergeStack stack, int end, int parentEnd) => end < parentEnd || stack.Upper is not { BranchPath: null };

    /// <summary>A thread's <see cref="RememberedWalk"/>, changed in place: going to another directory allocates nothing.</summary>
    private sealed class ThreadWalk
    {
        public RememberedWalk Walk;

        /// <summary>Names this thread to a union's <see cref="_shared"/> without keeping what this walk holds alive.</summary>
        public readonly object Token = new();
    }

    /// <summary>
    /// The directory of the last walk through this union, kept for any thread to read while one thread alone changes
    /// directory in it: used instead of <see cref="t_walk"/> until a second thread changes directory here, because a
    /// thread-static costs a call into the runtime on each access, and most unions (a test's fixture, a sandbox) are
    /// walked by one thread. The first thread to remember a directory owns it; once another thread changes directory in
    /// this union (<see cref="_walkedByThreads"/>), the owner stops writing it and every thread relies on its own. Held in
    /// the lookup itself, not in an object of its own: a process may hold thousands of unions (one per test, say).
    /// </summary>
    private RememberedWalk _shared;

    private object? _sharedOwner;

    private volatile bool _walkedByThreads;

    /// <summary>
    /// The remembered walk this thread reads and writes for this union: the union's own while one thread walks it, the
    /// thread's once several do. Both are the same type, read by the same code: a walk compiled while one thread ran
    /// (tiered compilation lays code out by what ran) is as fast for several.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref RememberedWalk Remembered()
    {
        if (!_walkedByThreads) return ref _shared;
        // The thread-static read inline (the runtime compiles it to a short sequence); made out of line, once a thread.
        return ref (t_walk ?? ThisThread()).Walk;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ThreadWalk ThisThread() => t_walk ??= new ThreadWalk();

    /// <summary>
    /// One directory remembered (<c>path[..parentEnd]</c> of a path a walk took, its merge stack and its parent's) for
    /// the union numbered <c>_union</c>. One thread changes it, in place; any thread may read it without a lock: the
    /// version is odd while it changes, and a read that saw it change is not used. A mutable struct, used only in place
    /// (<see cref="_shared"/>, <see cref="ThreadWalk.Walk"/>), never copied.
    /// </summary>
    private struct RememberedWalk
    {
        private long _union;
        private string? _path;
        private MergeStack? _stack;
        private MergeStack? _grand;
        private LowerIndex? _index;
        private long _layout;
        private int _version;
        private int _parentEnd;
        private int _grandEnd;
        private bool _upperHeld;

        /// <summary>The merge stack of <c>path[..parentEnd]</c> when that is the directory kept for <paramref name="union"/>, and still valid; else null.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public MergeStack? Find(long union, string path, int parentEnd, long layout, LowerIndex index)
        {
            var version = Volatile.Read(ref _version);
            if ((version & 1) != 0) return null;
            // Every field read is an acquire, so the version is read again after all of them.
            var kept = Volatile.Read(ref _path);
            var stack = Volatile.Read(ref _stack);
            if (kept is null || kept.Length <= parentEnd || Volatile.Read(ref _parentEnd) != parentEnd || Volatile.Read(ref _union) != union
                || !StillHolds(Volatile.Read(ref _layout), Volatile.Read(ref _upperHeld) ? UpperHeldMask : -1L, layout)
                || !ReferenceEquals(Volatile.Read(ref _index), index)
                || !(ReferenceEquals(kept, path) || path.AsSpan(0, parentEnd).SequenceEqual(kept.AsSpan(0, parentEnd))))
                return null;
            return Volatile.Read(ref _version) == version ? stack : null;
        }

        /// <summary>
        /// Where a walk of <paramref name="path"/> can start when the directory kept here is not its parent: above it, or
        /// at the parent kept with it; none when neither.
        /// </summary>
        public WalkStart FindAncestor(long union, string path, int parentEnd, long layout, LowerIndex index)
        {
            var version = Volatile.Read(ref _version);
            if ((version & 1) != 0) return default;
            var kept = Volatile.Read(ref _path);
            var keptEnd = Volatile.Read(ref _parentEnd);
            var stack = Volatile.Read(ref _stack);
            var grand = Volatile.Read(ref _grand);
            var grandEnd = Volatile.Read(ref _grandEnd);
            var keptLayout = Volatile.Read(ref _layout);
            if (kept is null || kept.Length <= keptEnd || Volatile.Read(ref _union) != union || !ReferenceEquals(Volatile.Read(ref _index), index)) return default;
            var end = AncestorEnd(path, parentEnd, kept.AsSpan(0, keptEnd), grandEnd);
            var start = end == keptEnd ? stack : end > 0 ? grand : null;
            return start is not null && StillHolds(keptLayout, HoldMask(start), layout) && CanStart(start, end, parentEnd)
                && Volatile.Read(ref _version) == version ? new WalkStart(start, end) : default;
        }

        /// <summary>Keeps <c>path[..parentEnd]</c> for <paramref name="union"/>. Its one writer's thread only.</summary>
        public void Set(long union, string path, int parentEnd, MergeStack stack, MergeStack? grand, int grandEnd, long layout, LowerIndex index)
        {
            // One writer, so no locked increment: every field is written with release semantics, which keeps the odd
            // version ahead of it for any reader.
            var version = _version;
            Volatile.Write(ref _version, version + 1);
            Volatile.Write(ref _union, union);
            Volatile.Write(ref _path, path);
            Volatile.Write(ref _parentEnd, parentEnd);
            Volatile.Write(ref _grandEnd, grand is null ? 0 : grandEnd);
            Volatile.Write(ref _stack, stack);
            Volatile.Write(ref _grand, grand);
            Volatile.Write(ref _layout, layout);
            Volatile.Write(ref _upperHeld, stack.Upper.HasValue);
            Volatile.Write(ref _index, index);
            Volatile.Write(ref _version, version + 2);
        }
    }

    /// <summary>
    /// Where a walk of <paramref name="path"/> starts when no directory remembered is its parent: the deepest remembered
    /// directory above it, or none (the root). Out of line: the common case, a name in the directory of the last walk,
    /// does not need it.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private WalkStart FindAncestor(string path, int parentEnd, long layout) =>
        Remembered().FindAncestor(_id, path, parentEnd, layout, Index);

    /// <summary>
    /// Remembers the merge stack of <c>path[..parentEnd]</c>, and of its parent <c>path[..grandEnd]</c> when the walk
    /// knew it (<paramref name="grand"/> not null), when the upper can tell how long they hold.
    /// </summary>
    private void Remember(string path, int parentEnd, MergeStack stack, MergeStack? grand, int grandEnd, long layout)
    {
        if (layout < 0 || parentEnd <= 0) return;
        if (grandEnd <= 0) grand = null;
        var index = Index;
        if (!_walkedByThreads)
        {
            // The union's own copy serves its only walker, so the thread keeps nothing of it: a union dropped after one
            // thread walked it leaves its lowers' index to be collected with it. The owner's first walk after a second
            // thread came finds nothing kept on its thread and starts deeper up, once.
            var token = ThisThread().Token;
            var owner = Volatile.Read(ref _sharedOwner) ?? Interlocked.CompareExchange(ref _sharedOwner, token, null) ?? token;
            if (ReferenceEquals(owner, token))
            {
                _shared.Set(_id, path, parentEnd, stack, grand, grandEnd, layout, index);
                return;
            }
            _walkedByThreads = true;
        }
        ThisThread().Walk.Set(_id, path, parentEnd, stack, grand, grandEnd, layout, index);
    }
}
