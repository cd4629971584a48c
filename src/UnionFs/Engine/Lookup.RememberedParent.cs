using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace UnionFs.Engine;

/// <summary>
/// The directory a walk starts from when it can: the one the last walk ended in, or that directory's parent, or an
/// ancestor of the path among them; remembered in the union for each of the first threads that walk it, told apart by
/// where their stacks are, and in a thread-static for the threads past them.
/// </summary>
internal sealed partial class Lookup
{
    /// <summary>
    /// The remembered walk of a thread past the ones a union keeps (<see cref="_shared"/>, <see cref="_others"/>): one
    /// per thread, changed in place, for whichever union the thread last walked (its <see cref="_id"/>). It names its
    /// union by number, so a union dropped while a thread remembers one of its directories is not kept alive by it (its
    /// lowers' index and one path string are, until that thread walks again).
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

    /// <summary>A thread's <see cref="RememberedWalk"/> when the union it walks has none left for it.</summary>
    private sealed class ThreadWalk
    {
        public RememberedWalk Walk;
    }

    /// <summary>
    /// The directory of the last walk through this union (<c>path[..parentEnd]</c>, its merge stack and its parent's)
    /// while one thread alone walks it. The next walk of a name in the same directory (the common case: a directory's
    /// files written, listed or read one after another) starts there instead of at the root, and a walk into a sibling
    /// directory (a tree written or read directory by directory) starts at the parent. Kept while the lower index stays
    /// the same, and while the upper's layout (<see cref="MemoryBranch.LayoutVersion"/>, through <see cref="HoldMask"/>)
    /// says what was found still holds. Held in the lookup itself, not in an object of its own: a process may hold
    /// thousands of unions (one per test, say). Once a second thread walks the union, no thread writes it any more: it
    /// shares its cache line with what every walk reads, and each thread then has a walk of <see cref="_others"/>.
    /// </summary>
    private RememberedWalk _shared;

    /// <summary>
    /// Where the stack of the thread that claimed <see cref="_shared"/> was when it did; 0 while no thread has,
    /// <see cref="Abandoned"/> once a second thread has walked this union.
    /// </summary>
    private nuint _sharedStack;

    /// <summary>A <see cref="_sharedStack"/> near no thread's stack.</summary>
    private const nuint Abandoned = 1;

    /// <summary>The walks of the threads that walk this union once there are several, made when the second one comes.</summary>
    private StackWalk[]? _others;

    /// <summary>
    /// Threads that get a walk of <see cref="_others"/>; those past them keep theirs in <see cref="t_walk"/>, and pay for
    /// the union's walks they look through first (<c>benchmarks/ab.sh BASE --workload crowd</c>).
    /// </summary>
    private const int OtherWalks = 4;

    /// <summary>
    /// How far from where its stack was when it claimed a walk a thread's later walks may start and still find it.
    /// Two threads' stacks lie much further apart (a thread gets 1.5 MiB unless its maker asks for less), and a thread
    /// seldom walks from frames this much deeper or shallower; when it does, it takes another walk, or its own
    /// thread-static: slower, never wrong.
    /// </summary>
    private const nuint StackReach = 64 * 1024;

    /// <summary>
    /// A walk of <see cref="_others"/> and where the stack of the thread that claimed it was (0 while unclaimed), each
    /// with a cache line of nothing on either side: a walk is written by its own thread whenever it changes directory,
    /// while every thread reads the stacks to find its own; sharing a line, each write would take it from the other
    /// cores and each read bring it back.
    /// </summary>
    [StructLayout(LayoutKind.Explicit, Size = 64 + 64 + 64 + 64 + 64)]
    private struct StackWalk
    {
        [FieldOffset(64)]
        public nuint Stack;

        [FieldOffset(192)]
        public RememberedWalk Walk;
    }

    /// <summary>
    /// True when a thread whose stack is at <paramref name="here"/> is the one that claimed a walk at
    /// <paramref name="claimed"/>. Never for 0 or <see cref="Abandoned"/>: no stack lies in the first 64 KiB of the address
    /// space, which Linux and Windows keep unmapped.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Near(nuint claimed, nuint here) => here - claimed + StackReach < 2 * StackReach;

    /// <summary>
    /// The remembered walk this thread reads and writes for this union. A thread is told by where its stack is, not by
    /// a thread-static: reading one costs a call into the runtime on every walk, which two threads walking one union
    /// paid and one thread did not. The stack's place only decides which walk a thread uses: any thread may read any
    /// walk, and writers exclude each other (<see cref="RememberedWalk.Set"/>), so two threads that take one walk for
    /// theirs only replace each other's directory.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private unsafe ref RememberedWalk Remembered()
    {
        byte local = 0;
        var here = (nuint)(&local);
        if (Near(_sharedStack, here)) return ref _shared;
        // The first two threads of a union walked by several find theirs without a call.
        var others = _others;
        if (others is not null)
        {
            if (Near(others[0].Stack, here)) return ref others[0].Walk;
            if (Near(others[1].Stack, here)) return ref others[1].Walk;
        }
        return ref FindFurther(here);
    }

    /// <summary>
    /// The walk of a thread whose stack is at <paramref name="here"/> and that did not find it at once: a thread past
    /// the union's walks comes here on every walk, so its thread-static is tried first (one read, as before there were
    /// walks in the union), then the union's further walks.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private ref RememberedWalk FindFurther(nuint here)
    {
        var others = Volatile.Read(ref _others);
        if (others is not null)
        {
            var own = t_walk;
            if (own is not null && own.Walk.IsFor(_id)) return ref own.Walk;
            for (var i = 2; i < others.Length; i++)
            {
                if (Near(Volatile.Read(ref others[i].Stack), here)) return ref others[i].Walk;
            }
        }
        return ref Claim(here);
    }

    /// <summary>
    /// The walk a thread whose stack is at <paramref name="here"/> takes when it has none yet: the union's own when no
    /// thread has claimed it; else one of <see cref="_others"/> (the union's own is then given up); else the thread's own.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private ref RememberedWalk Claim(nuint here)
    {
        var shared = Volatile.Read(ref _sharedStack);
        if (shared == 0 && (shared = Interlocked.CompareExchange(ref _sharedStack, here, 0)) == 0) return ref _shared;
        if (Near(shared, here)) return ref _shared;
        var others = Volatile.Read(ref _others) ?? Interlocked.CompareExchange(ref _others, new StackWalk[OtherWalks], null) ?? _others!;
        if (shared != Abandoned) Volatile.Write(ref _sharedStack, Abandoned);
        for (var i = 0; i < others.Length; i++)
        {
            ref var slot = ref others[i];
            var claimed = Volatile.Read(ref slot.Stack);
            if (claimed == 0) claimed = Interlocked.CompareExchange(ref slot.Stack, here, 0);
            if (claimed == 0 || Near(claimed, here)) return ref slot.Walk;
        }
        return ref (t_walk ?? NewThreadWalk()).Walk;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ThreadWalk NewThreadWalk() => t_walk = new ThreadWalk();

    /// <summary>
    /// One directory remembered (<c>path[..parentEnd]</c> of a path a walk took, its merge stack and its parent's) for
    /// the union numbered <c>_union</c>. Changed in place by one writer at a time, which makes the version odd while it
    /// writes; any thread may read it without a lock, and a read that saw the version change is not used. A mutable
    /// struct, used only in place (<see cref="_shared"/>, <see cref="StackWalk.Walk"/>, <see cref="ThreadWalk.Walk"/>),
    /// never copied.
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

        /// <summary>True when the directory kept here was kept for <paramref name="union"/>.</summary>
        public bool IsFor(long union) => Volatile.Read(ref _union) == union;

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

        /// <summary>
        /// Keeps <c>path[..parentEnd]</c> for <paramref name="union"/>, unless another thread is writing this walk at the
        /// same time (two threads that took one walk for theirs): then the other's is kept, and this one is not.
        /// </summary>
        public void Set(long union, string path, int parentEnd, MergeStack stack, MergeStack? grand, int grandEnd, long layout, LowerIndex index)
        {
            // The odd version is the writer's lock; every field is then written with release semantics, which keeps
            // the odd version ahead of it for any reader.
            var version = Volatile.Read(ref _version);
            if ((version & 1) != 0 || Interlocked.CompareExchange(ref _version, version + 1, version) != version) return;
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
        Remembered().Set(_id, path, parentEnd, stack, grandEnd <= 0 ? null : grand, grandEnd, layout, Index);
    }
}
