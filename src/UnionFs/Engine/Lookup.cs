namespace UnionFs.Engine;

/// <summary>
/// Name lookup through the layers (overlayfs's namei.c). A name is looked up top-down; the first branch
/// that has it decides what it is. A whiteout or a non-directory stops the search; directories merge with
/// the directories below until an opaque one; a redirected directory sends the layers below it to its
/// origin path. Symbolic links are resolved inside the union: an absolute target means the union root.
/// The upper branch is asked every time; what the lowers hold comes from the <see cref="LowerIndex"/>.
/// </summary>
internal sealed class Lookup
{
    /// <summary>The most symbolic links one lookup follows, as Linux's MAXSYMLINKS.</summary>
    public const int MaxSymbolicLinks = 40;

    private readonly LayerStack _layers;
    private readonly SharedLowerIndex _lowers;
    private volatile RootState? _root;

    public Lookup(LayerStack layers)
    {
        _layers = layers;
        _lowers = SharedLowerIndex.For(layers);
    }

    /// <summary>What is known of the lowers, shared with every union over the same lowers.</summary>
    public LowerIndex Index => _lowers.Current;

    /// <summary>Forgets everything learnt about the lowers, for when one changed underneath the union.</summary>
    public void ForgetLowers() => _lowers.Refresh();

    /// <summary>The merge stack of the union root: the upper's root over the lowers' merged root.</summary>
    private MergeStack RootStack
    {
        get
        {
            var index = Index;
            var root = _root;
            if (root is not null && ReferenceEquals(root.Index, index)) return root.Stack;
            // The upper root's opacity is read once per index, as the kernel reads it at mount: nothing the union does changes it.
            var stack = _layers.Upper is null ? index.Root!.AsStack
                : new MergeStack(new LayerDir(0, BranchPath.Root), _layers.Upper.Stat(BranchPath.Root)?.IsOpaque == true ? null : index.Root);
            _root = new RootState(index, stack);
            return stack;
        }
    }

    /// <summary>
    /// Resolves <paramref name="path"/> (normalised). Symbolic links before the last segment are followed;
    /// the last one only when <paramref name="followFinal"/>. A missing or non-directory ancestor throws
    /// <see cref="DirectoryNotFoundException"/>, a link loop an <see cref="IOException"/> (ELOOP); a missing
    /// last segment gives an absent node.
    /// </summary>
    public UnionNode Resolve(string path, bool followFinal)
    {
        var error = TryResolve(path, followFinal, out var node);
        return error == Errno.None ? node! : throw UnionErrors.FromLookup(error, path);
    }

    /// <summary>
    /// Resolves <paramref name="path"/> (normalised) as the kernel's path walk does, without throwing: ENOENT for
    /// a missing ancestor, ENOTDIR for an ancestor that is not a directory, ELOOP after
    /// <see cref="MaxSymbolicLinks"/> links. On success <paramref name="node"/> is the last segment, present or absent.
    /// </summary>
    public Errno TryResolve(string path, bool followFinal, out UnionNode? node)
    {
        var links = 0;
        return TryResolve(path, followFinal, ref links, out node);
    }

    /// <summary>
    /// <see cref="TryResolve(string, bool, out UnionNode?)"/> for a walk that continues another: <paramref name="links"/>
    /// holds the links already followed (the kernel's limit is per walk) and counts the ones followed here.
    /// </summary>
    public Errno TryResolve(string path, bool followFinal, ref int links, out UnionNode? node)
    {
        var error = Find(path, followFinal, ref links, out var found);
        node = error == Errno.None ? found.ToNode() : null;
        return error;
    }

    /// <summary>
    /// <see cref="TryResolve(string, bool, out UnionNode?)"/> giving what the walk found as a value (default when the
    /// error is not <see cref="Errno.None"/>): a caller that only reads it (a whole-file read or write) makes no node
    /// object.
    /// </summary>
    public Errno Find(string path, bool followFinal, out Resolved found)
    {
        var links = 0;
        return Find(path, followFinal, ref links, out found);
    }

    /// <summary>As <see cref="Find(string, bool, out Resolved)"/> for a walk that continues another (see <see cref="TryResolve(string, bool, ref int, out UnionNode?)"/>).</summary>
    public Errno Find(string path, bool followFinal, scoped ref int links, out Resolved found)
    {
        while (true)
        {
            var error = Walk(path, followFinal, out var next, out found);
            if (error != Errno.None || next is null) return error;
            if (++links > MaxSymbolicLinks)
            {
                found = default;
                return Errno.ELOOP;
            }
            path = next;
        }
    }

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

    /// <summary>The root of the merged view.</summary>
    public UnionNode Root()
    {
        var top = _layers.Branches[0].Stat(BranchPath.Root) ?? throw new InvalidOperationException("A branch has no root directory.");
        return UnionNode.Present(BranchPath.Root, MergeStack.None, top, 0, BranchPath.Root, RootStack);
    }

    /// <summary>Looks up <paramref name="name"/> in the merged directory whose stack is <paramref name="parent"/>.</summary>
    public ChildLookup LookupChild(MergeStack parent, string name)
    {
        var upperPath = parent.Upper is { } upper ? BranchPath.Combine(upper.BranchPath, name) : string.Empty;
        return LookupChild(parent, name, upperPath, upperPath.Length, exposed: true);
    }

    /// <summary>
    /// As <see cref="LookupChild(MergeStack, string)"/> for a caller that has the child's union path,
    /// <paramref name="childPath"/>: the upper holds a directory at its union path, so that string serves as the
    /// upper's path too (a listing that enters every directory makes one string per directory, not two).
    /// </summary>
    public ChildLookup LookupChild(MergeStack parent, string name, string childPath)
    {
        System.Diagnostics.Debug.Assert(parent.Upper is not { } upper || childPath == BranchPath.Combine(upper.BranchPath, name));
        return LookupChild(parent, name, childPath, childPath.Length, exposed: true);
    }

    /// <summary>What the lowers alone show for <paramref name="name"/> in the merged directory <paramref name="parent"/>.</summary>
    public static LowerChild LookupBelow(MergeStack parent, ReadOnlySpan<char> name) =>
        parent.Lowers?.Child(name) ?? LowerChild.Absent;

    /// <summary>True when a lower layer (below the upper) has a visible entry for the name: deleting it needs a whiteout.</summary>
    public static bool LowerHasName(UnionNode node) => LookupBelow(node.ParentStack, node.Name).Entry is not null;

    /// <summary>
    /// Looks <paramref name="name"/> up in <paramref name="parent"/>: the upper first, at <c>path[..end]</c> (the
    /// upper holds every directory at its union path), then the lowers through the index. A directory a walk only
    /// passes through (not <paramref name="exposed"/>) gets no string for its upper path: the walk asks the upper
    /// with <c>path</c> and <c>end</c>, so a path of any depth is walked without a string per directory.
    /// </summary>
    private ChildLookup LookupChild(MergeStack parent, ReadOnlySpan<char> name, string path, int end, bool exposed)
    {
        if (parent.Upper is { } upperDir)
        {
            var branch = _layers.Branches[upperDir.Layer];
            string? upperPath = end == path.Length ? path : null;
            // A memory upper is asked with the characters of the path: no string for each directory walked through.
            MemoryNode? memoryNode = null;
            BranchEntry? entry;
            if (branch is MemoryBranch memory) entry = (memoryNode = memory.FindNode(path, end))?.Entry;
            else entry = branch.Stat(upperPath ??= path[..end]);
            if (entry is not null)
            {
                if (entry.Kind == EntryKind.Whiteout) return ChildLookup.Absent(upperDir.Layer);
                if (entry.Kind != EntryKind.Directory)
                    return new ChildLookup(entry, upperDir.Layer, upperPath ?? path[..end], MergeStack.None) { UpperFile = memoryNode is { Data: not null } ? memoryNode : null };
                if (exposed) upperPath ??= path[..end];
                LowerDirectory? lowers = null;
                if (entry.IsOpaque) lowers = null;
                else if (entry.Redirect is not null) lowers = Index.Redirected(entry.Redirect);
                else if (parent.Lowers is not null) lowers = parent.Lowers.Child(name).Directory;
                return new ChildLookup(entry, upperDir.Layer, upperPath, new MergeStack(new LayerDir(upperDir.Layer, upperPath!), lowers));
            }
        }
        if (parent.Lowers is null) return ChildLookup.Absent(-1);
        var below = parent.Lowers.Child(name);
        if (below.Entry is null) return ChildLookup.Absent(below.Layer);
        return new ChildLookup(below.Entry, below.Layer, below.BranchPath!, below.Directory?.AsStack ?? MergeStack.None);
    }

    /// <summary>
    /// Walks <paramref name="path"/> once. Gives what it found in <paramref name="found"/>, or the path to walk next
    /// when a symbolic link has to be followed (<paramref name="next"/> not null), or the error that stops the walk.
    /// </summary>
    private Errno Walk(string path, bool followFinal, out string? next, out Resolved found)
    {
        // Written in place, field by field: a Resolved built apart and then copied out is read back by one wide load
        // from several narrower stores, which the processor cannot forward (a stall on every lookup).
        found = default;
        next = null;
        if (path.Length == 1)
        {
            found.SetNode(Root());
            return Errno.None;
        }
        // Only the last segment and its parent are handed out (the node and its parent's stack); the rest are passed through.
        var parentEnd = path.LastIndexOf('/');
        var layout = LayoutVersion();
        MergeStack? stack = null;
        if (parentEnd > 0)
        {
            var index = Index;
            if (!_walkedByThreads && Volatile.Read(ref _shared) is { } shared) stack = shared.Find(path, parentEnd, layout, index);
            if (stack is null && t_parent is { } remembered && remembered.Matches(_id, path, parentEnd, layout, index)) stack = remembered.Stack;
        }
        var fromParent = stack is not null;
        stack ??= RootStack;
        // The walk starts at the remembered parent: the segments before it are not looked up.
        // A normalised path other than the root has no empty segment and no trailing separator.
        for (var start = fromParent ? parentEnd + 1 : 1; start < path.Length;)
        {
            // Past the last separator is the last name: no search for another.
            var end = start > parentEnd ? path.Length : path.IndexOf('/', start);
            var isLast = end == path.Length;
            // Where no upper takes part any more, the rest of the path is the lowers' alone: one probe of the index (the
            // directory's table for one name, its path table for more), with no out parameter: the walk is compiled for
            // what most calls did, and a callee's out parameters then cost a write barrier each.
            if (stack.Upper is null && stack.Lowers is { } lowers)
            {
                var belowParent = lowers;
                LowerChild? below = null;
                if (isLast) below = lowers.Child(path.AsSpan(start));
                else if (lowers.Descendant(path.AsSpan(start)) is { } descent)
                {
                    if (descent.Error != Errno.None) return descent.Error;
                    belowParent = descent.Parent!;
                    below = descent.Child!;
                }
                if (below is not null && !(followFinal && below.Entry?.Kind == EntryKind.SymbolicLink))
                {
                    var parentStack = belowParent.AsStack;
                    // The lowers' directory of the last name is its parent: the next name there starts from it.
                    if (!fromParent) Remember(path, parentEnd, parentStack, layout);
                    found.SetLower(path, parentStack, below);
                    return Errno.None;
                }
            }
            // The walk restarts from the root after every link, so the path walked so far is a prefix of path.
            var child = LookupChild(stack, path.AsSpan(start, end - start), path, end, exposed: end >= parentEnd);
            if (child.Entry is null)
            {
                if (!isLast) return Errno.ENOENT;
                // A name about to be made (the files of a directory written one after another) starts from its parent too.
                if (!fromParent) Remember(path, parentEnd, stack, layout);
                found.SetParts(path, stack, child);
                return Errno.None;
            }
            if (child.Entry.Kind == EntryKind.SymbolicLink && (!isLast || followFinal))
            {
                var target = child.Entry.LinkTarget ?? string.Empty;
                if (target.Length == 0) return Errno.ENOENT;
                var rest = isLast ? string.Empty : path[end..];
                var current = start == 1 ? string.Empty : path[..(start - 1)];
                var joined = target.StartsWith('/') ? target + rest : current + "/" + target + rest;
                next = UnionPath.Normalize(joined, BranchPath.Root);
                return Errno.None;
            }
            if (isLast)
            {
                if (!fromParent) Remember(path, parentEnd, stack, layout);
                found.SetParts(path, stack, child);
                return Errno.None;
            }
            if (child.Entry.Kind != EntryKind.Directory) return Errno.ENOTDIR;
            stack = child.Stack;
            start = end + 1;
        }
        found.SetNode(Root());
        return Errno.None;
    }
}

/// <summary>What <see cref="Lookup.LookupChild(MergeStack, string)"/> found for one name.</summary>
internal readonly struct ChildLookup
{
    public ChildLookup(BranchEntry? entry, int layer, string? branchPath, MergeStack stack)
    {
        Entry = entry;
        Layer = layer;
        BranchPath = branchPath;
        Stack = stack;
    }

    /// <summary>The topmost visible entry, or null when the name is absent.</summary>
    public BranchEntry? Entry { get; }

    /// <summary>The layer of <see cref="Entry"/>; for an absent name, the layer of the whiteout hiding it, else -1.</summary>
    public int Layer { get; }

    public string? BranchPath { get; }

    /// <summary>For a directory: its merge stack; <see cref="MergeStack.None"/> otherwise.</summary>
    public MergeStack Stack { get; }

    /// <summary>
    /// The node of a regular file the walk found in a memory upper: a whole-file read takes its bytes from it without
    /// a second walk of the branch. Null otherwise.
    /// </summary>
    public MemoryNode? UpperFile { get; init; }

    public static ChildLookup Absent(int whiteoutLayer) => new(null, whiteoutLayer, null, MergeStack.None);

    public UnionNode ToNode(string path, MergeStack parentStack) =>
        UnionNode.Present(path, parentStack, Entry!, Layer, BranchPath!, Stack);
}

/// <summary>
/// What a walk found for its last name, as a value: the root's node, the lowers' record of the name (which keeps the
/// node of its path), or the parts of one (<see cref="ToNode"/> makes it when a caller keeps it). A ref struct, so that
/// the walk writes it into its caller's frame with no write barrier: it lives on the stack only.
/// </summary>
internal ref struct Resolved
{
    // The node the walk had, or the parts of one (with the lowers' record when the name is the lowers' alone).
    private UnionNode? _node;
    private string? _path;
    private MergeStack? _parentStack;
    private BranchEntry? _entry;
    private string? _branchPath;
    private MergeStack? _stack;
    private MemoryNode? _upperFile;
    private LowerChild? _lower;
    private int _layer;

    /// <summary>Keeps the node the walk had (the other fields are left as they are: default).</summary>
    public void SetNode(UnionNode node) => _node = node;

    /// <summary>
    /// Keeps what the lowers alone show for the name, <paramref name="child"/> in the directory whose stack is
    /// <paramref name="parentStack"/>: read from the lowers' own record, which keeps the node of its path, so a caller
    /// that only reads (an exists check, a whole-file read) does not reach that node at all.
    /// </summary>
    public void SetLower(string path, MergeStack parentStack, LowerChild child)
    {
        _path = path;
        _parentStack = parentStack;
        _lower = child;
        _entry = child.Entry;
        _layer = child.Layer;
        _branchPath = child.BranchPath;
    }

    /// <summary>Keeps the parts of a node: its path, its parent's stack and what the lookup of its name found.</summary>
    public void SetParts(string path, MergeStack parentStack, in ChildLookup child)
    {
        _path = path;
        _parentStack = parentStack;
        _entry = child.Entry;
        _layer = child.Layer;
        _branchPath = child.BranchPath;
        _stack = child.Stack;
        _upperFile = child.UpperFile;
    }

    /// <inheritdoc cref="UnionNode.Path"/>
    public readonly string Path => _node is { } node ? node.Path : _path!;

    /// <inheritdoc cref="UnionNode.ParentStack"/>
    public readonly MergeStack ParentStack => _node is { } node ? node.ParentStack : _parentStack!;

    /// <inheritdoc cref="UnionNode.Entry"/>
    public readonly BranchEntry? Entry => _node is { } node ? node.Entry : _entry;

    /// <inheritdoc cref="UnionNode.Layer"/>
    public readonly int Layer => _node is { } node ? node.Layer : _layer;

    /// <inheritdoc cref="UnionNode.BranchPath"/>
    public readonly string? BranchPath => _node is { } node ? node.BranchPath : _branchPath;

    /// <inheritdoc cref="ChildLookup.UpperFile"/>
    public readonly MemoryNode? UpperFile => _node is null ? _upperFile : null;

    /// <inheritdoc cref="UnionNode.Exists"/>
    public readonly bool Exists => Entry is not null;

    /// <inheritdoc cref="UnionNode.IsDirectory"/>
    public readonly bool IsDirectory => Entry?.Kind == EntryKind.Directory;

    /// <summary>The node: the one the walk had, the one the lowers' record keeps, or a new one.</summary>
    public readonly UnionNode ToNode() =>
        _node ?? _lower?.NodeFor(_path!, _parentStack!)
        ?? (_entry is null ? UnionNode.Absent(_path!, _parentStack!, _layer) : UnionNode.Present(_path!, _parentStack!, _entry, _layer, _branchPath!, _stack!));
}

/// <summary>The root merge stack worked out for one lower index.</summary>
internal sealed record RootState(LowerIndex Index, MergeStack Stack);
