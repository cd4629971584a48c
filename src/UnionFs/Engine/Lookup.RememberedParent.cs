using System.Runtime.CompilerServices;

namespace UnionFs.Engine;

/// <summary>
/// The directory a walk starts from when it can: the one the last walk ended in, or that directory's parent, or an
/// ancestor of the path among them; remembered per thread and, for a union walked by one thread, in the union itself.
/// </summary>
internal sealed partial class Lookup
{
    /// <summary>
    /// The directory the last walk on this thread ended in, and its parent: the next walk of a name in the same
    /// directory (the common case: a directory's files written, listed or read one after another) starts there instead
    /// of at the root, and a walk into a sibling directory (a tree written or read directory by directory) starts at the
    /// parent. Kept only for the union that walked (<see cref="_id"/>), while the lower index stays the same, and while
    /// the upper's layout (<see cref="MemoryBranch.LayoutVersion"/>, through <see cref="HoldMask"/>) says what was
    /// found still holds. One per thread, not one per union: threads never overwrite each other's, share no cache line,
    /// and a union holds nothing for it. Used once a second thread walks the union (before that, the union's own
    /// <see cref="_shared"/> serves). It names its union by number, so a union dropped while a thread remembers one of
    /// its directories is not kept alive by it (its lowers' index is, until that thread walks again).
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

    /// <summary>
    /// One directory path as written (a copy of its characters, not the caller's string, which it must not keep alive),
    /// the merge stack a walk of it found, and the stack of its parent. Each thread has one and changes it in place:
    /// going to another directory allocates nothing.
    /// </summary>
    private sealed class ParentWalk
    {
        private char[] _path = new char[64];
        private int _length;
        private int _grandEnd;
        private long _owner;
        private long _layout;
        private long _mask;
        private LowerIndex? _index;
        private MergeStack? _stack;
        private MergeStack? _grand;

        /// <summary>Names this thread to a union's <see cref="SharedParent"/> without keeping what this walk holds alive.</summary>
        public object ThreadToken { get; } = new();

        /// <summary>The stack of <c>path[..parentEnd]</c> when that is the directory kept here, and still valid; else null.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public MergeStack? Find(long lookup, string path, int parentEnd, long layout, LowerIndex index) =>
            lookup == _owner && parentEnd == _length && StillHolds(_layout, _mask, layout) && ReferenceEquals(index, _index)
            && path.AsSpan(0, parentEnd).SequenceEqual(_path.AsSpan(0, _length)) ? _stack : null;

        /// <summary>Where a walk of <paramref name="path"/> can start when the directory kept here is not its parent: above it, or at the parent kept with it.</summary>
        public WalkStart FindAncestor(long lookup, string path, int parentEnd, long layout, LowerIndex index)
        {
            if (lookup != _owner || !ReferenceEquals(index, _index)) return default;
            var end = AncestorEnd(path, parentEnd, _path.AsSpan(0, _length), _grandEnd);
            var stack = end == _length ? _stack : end > 0 ? _grand : null;
            return stack is not null && StillHolds(_layout, HoldMask(stack), layout) && CanStart(stack, end, parentEnd) ? new WalkStart(stack, end) : default;
        }

        public void Set(long owner, ReadOnlySpan<char> path, MergeStack stack, MergeStack? grand, int grandEnd, long layout, LowerIndex index)
        {
            if (path.Length > _path.Length) _path = new char[Math.Max(path.Length, _path.Length * 2)];
            path.CopyTo(_path);
            _length = path.Length;
            _owner = owner;
            _stack = stack;
            _grand = grand;
            _grandEnd = grand is null ? 0 : grandEnd;
            _layout = layout;
            _mask = HoldMask(stack);
            _index = index;
        }
    }

    /// <summary>
    /// The directory of the last walk through this union, kept for any thread to read while one thread alone changes
    /// directory in it: checked before <see cref="t_parent"/>, because a thread-static costs a call into the runtime on
    /// each access here, and most unions (a test's fixture, a sandbox) are walked by one thread. The first thread to
    /// remember a directory owns it; once another thread changes directory in this union, the owner stops writing it
    /// (<see cref="_walkedByThreads"/>), and every thread relies on its own <see cref="t_parent"/>. Held in the lookup
    /// itself, not in an object of its own: a process may hold thousands of unions (one per test, say).
    /// </summary>
    private SharedParent _shared;

    private volatile bool _walkedByThreads;

    /// <summary>
    /// One thread's remembered directory (<c>path[..parentEnd]</c> of a path it walked, its merge stack and its
    /// parent's), which that thread alone changes, in place (changing directory allocates nothing), and any thread reads
    /// without a lock: the version is odd while it changes, and a read that saw it change is not used. A mutable
    /// struct, used only in place (<see cref="_shared"/>), never copied.
    /// </summary>
    private struct SharedParent
    {
        private object? _owner;
        private string? _path;
        private MergeStack? _stack;
        private MergeStack? _grand;
        private LowerIndex? _index;
        private long _layout;
        private int _version;
        private int _parentEnd;
        private int _grandEnd;
        private bool _upperHeld;

        /// <summary>The <see cref="ParentWalk.ThreadToken"/> of the thread that owns this one: the first that asked.</summary>
        public object Own(object token) => Volatile.Read(ref _owner) ?? Interlocked.CompareExchange(ref _owner, token, null) ?? token;

        /// <summary>The merge stack of <c>path[..parentEnd]</c> when that is the directory kept, and still valid; else null.</summary>
        public MergeStack? Find(string path, int parentEnd, long layout, LowerIndex index)
        {
            var version = Volatile.Read(ref _version);
            if ((version & 1) != 0) return null;
            // Every field read is an acquire, so the version is read again after all of them.
            var kept = Volatile.Read(ref _path);
            var stack = Volatile.Read(ref _stack);
            if (kept is null || kept.Length <= parentEnd || Volatile.Read(ref _parentEnd) != parentEnd
                || !StillHolds(Volatile.Read(ref _layout), Volatile.Read(ref _upperHeld) ? UpperHeldMask : -1L, layout)
                || !ReferenceEquals(Volatile.Read(ref _index), index)
                || !(ReferenceEquals(kept, path) || path.AsSpan(0, parentEnd).SequenceEqual(kept.AsSpan(0, parentEnd))))
                return null;
            return Volatile.Read(ref _version) == version ? stack : null;
        }

        /// <summary>As <see cref="ParentWalk.FindAncestor"/>, for the directories kept here.</summary>
        public WalkStart FindAncestor(string path, int parentEnd, long layout, LowerIndex index)
        {
            var version = Volatile.Read(ref _version);
            if ((version & 1) != 0) return default;
            var kept = Volatile.Read(ref _path);
            var keptEnd = Volatile.Read(ref _parentEnd);
            var stack = Volatile.Read(ref _stack);
            var grand = Volatile.Read(ref _grand);
            var grandEnd = Volatile.Read(ref _grandEnd);
            var keptLayout = Volatile.Read(ref _layout);
            if (kept is null || kept.Length <= keptEnd || !ReferenceEquals(Volatile.Read(ref _index), index)) return default;
            var end = AncestorEnd(path, parentEnd, kept.AsSpan(0, keptEnd), grandEnd);
            var start = end == keptEnd ? stack : end > 0 ? grand : null;
            return start is not null && StillHolds(keptLayout, HoldMask(start), layout) && CanStart(start, end, parentEnd)
                && Volatile.Read(ref _version) == version ? new WalkStart(start, end) : default;
        }

        /// <summary>Keeps <c>path[..parentEnd]</c>. The owner's thread only.</summary>
        public void Set(string path, int parentEnd, MergeStack stack, MergeStack? grand, int grandEnd, long layout, LowerIndex index)
        {
            // Only the owner writes, so no locked increment: every field is written with release semantics, which keeps
            // the odd version ahead of it for any reader.
            var version = _version;
            Volatile.Write(ref _version, version + 1);
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
    private WalkStart FindAncestor(string path, int parentEnd, long layout)
    {
        var index = Index;
        var start = !_walkedByThreads ? _shared.FindAncestor(path, parentEnd, layout, index) : default;
        if (start.Stack is null && t_parent is { } remembered) start = remembered.FindAncestor(_id, path, parentEnd, layout, index);
        return start;
    }

    /// <summary>
    /// Remembers the merge stack of <c>path[..parentEnd]</c>, and of its parent <c>path[..grandEnd]</c> when the walk
    /// knew it (<paramref name="grand"/> not null), when the upper can tell how long they hold.
    /// </summary>
    private void Remember(string path, int parentEnd, MergeStack stack, MergeStack? grand, int grandEnd, long layout)
    {
        if (layout < 0 || parentEnd <= 0) return;
        if (grandEnd <= 0) grand = null;
        var index = Index;
        var mine = t_parent ??= new ParentWalk();
        if (!_walkedByThreads)
        {
            // The union's own copy serves its only walker, so the thread keeps nothing of it: a union dropped after one
            // thread walked it leaves its lowers' index to be collected with it. The owner's first walk after a second
            // thread came finds nothing kept on its thread and starts deeper up, once.
            if (ReferenceEquals(_shared.Own(mine.ThreadToken), mine.ThreadToken))
            {
                _shared.Set(path, parentEnd, stack, grand, grandEnd, layout, index);
                return;
            }
            _walkedByThreads = true;
        }
        mine.Set(_id, path.AsSpan(0, parentEnd), stack, grand, grandEnd, layout, index);
    }
}
