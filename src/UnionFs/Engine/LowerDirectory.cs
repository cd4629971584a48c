using System.Runtime.CompilerServices;

namespace UnionFs.Engine;

/// <summary>
/// One merged directory of the lowers alone, with what has been learnt about it: the answer for each name
/// looked up so far (misses included, up to a bound), the answer for each longer path below it looked up so far
/// (so a deep lookup is one probe, like the kernel's dentry cache), and, once a listing ran to its end, the
/// whole merged listing. Reads take no lock; two threads that learn the same thing at once both compute it,
/// one keeps it (a table's writers take its lock).
/// </summary>
internal sealed class LowerDirectory
{
    /// <summary>Misses remembered per directory; past it, a miss is worked out again each time rather than kept.</summary>
    private const int MaxRememberedMisses = 4096;

    /// <summary>Paths remembered per directory; past it, a path is walked name by name each time.</summary>
    private const int MaxRememberedPaths = 16384;

    private readonly LowerIndex _index;
    private NameTable<LowerChild>? _children;
    private MergeStack? _asStack;
    private MergedEntry[]? _listing;
    private int _misses;
    private NameTable<LowerPath>? _paths;
    private int _pathCount;

    public LowerDirectory(LowerIndex index, LayerDir[] stack)
    {
        _index = index;
        Stack = stack;
    }

    /// <summary>The lower directories merged here, topmost first.</summary>
    public LayerDir[] Stack { get; }

    /// <summary>This directory as the merge stack of a directory no upper holds.</summary>
    public MergeStack AsStack => _asStack ??= new MergeStack(null, this);

    /// <summary>The whole merged listing, once one enumeration has run to its end; else null.</summary>
    public MergedEntry[]? Listing => Volatile.Read(ref _listing);

    /// <summary>What the lowers show for <paramref name="name"/> in this directory.</summary>
    public LowerChild Child(ReadOnlySpan<char> name)
    {
        var children = Table(ref _children);
        return children.TryGetValue(name, out var known) ? known : LookUpChild(children, name);
    }

    /// <summary>The first lookup of <paramref name="name"/> here, out of line: a lookup that the table answers stays small.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private LowerChild LookUpChild(NameTable<LowerChild> children, ReadOnlySpan<char> name)
    {
        var key = name.ToString();
        var found = FromListing(key) ?? _index.Find(Stack, key);
        if (found.Entry is null && Interlocked.Increment(ref _misses) > MaxRememberedMisses) return found;
        // A remembered miss has an instance of its own, so that it can keep the node of its path as a hit does.
        return Keep(children, key, ReferenceEquals(found, LowerChild.Absent) ? new LowerChild(null, -1, null, null) : found);
    }

    /// <summary>
    /// A name of a directory only one lower holds, once its listing is known: the listing says all a lookup would
    /// (one layer: no merge below, and a directory there can only merge with itself), so no branch is asked again.
    /// Null when the listing cannot tell (not listed yet, several layers, or a name it does not show).
    /// </summary>
    private LowerChild? FromListing(string name)
    {
        if (Stack.Length != 1 || Listing is not { } listing) return null;
        int low = 0, high = listing.Length - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) >> 1);
            var order = string.CompareOrdinal(listing[middle].Entry.Name, name);
            if (order == 0)
            {
                var (entry, layer) = listing[middle];
                var branchPath = UnionFs.BranchPath.Combine(Stack[0].BranchPath, name);
                var directory = entry.Kind == EntryKind.Directory ? new LowerDirectory(_index, [new LayerDir(layer, branchPath)]) : null;
                return new LowerChild(entry, layer, branchPath, directory);
            }
            if (order < 0) low = middle + 1;
            else high = middle - 1;
        }
        return null;
    }

    /// <summary>
    /// What the lowers show at <paramref name="relative"/> (two names or more, separated by <c>/</c>) below this
    /// directory, walked through directories only: the last name and the directory that holds it, or the error that
    /// stopped the walk (ENOENT, ENOTDIR). Null when a symbolic link lies on the way, which the union's walk follows.
    /// Remembered per path: a deep lookup is one probe.
    /// </summary>
    public LowerPath? Descendant(ReadOnlySpan<char> relative)
    {
        var paths = Table(ref _paths);
        if (paths.TryGetValue(relative, out var known)) return known;
        var found = WalkDown(relative);
        if (found is not null && Interlocked.Increment(ref _pathCount) <= MaxRememberedPaths) return Keep(paths, relative.ToString(), found);
        return found;
    }

    /// <summary>The table in <paramref name="field"/>, made on first use.</summary>
    private static NameTable<T> Table<T>(ref NameTable<T>? field) where T : class =>
        Volatile.Read(ref field) ?? Interlocked.CompareExchange(ref field, new NameTable<T>(), null) ?? field!;

    /// <summary>Keeps <paramref name="value"/> for <paramref name="key"/> unless another thread kept one first; gives the one kept.</summary>
    private static T Keep<T>(NameTable<T> table, string key, T value) where T : class
    {
        // A table has one writer at a time; it is private to this directory, so it serves as its own lock.
        lock (table)
        {
            if (table.TryGetValue(key, out var kept)) return kept;
            table.Set(key, value);
            return value;
        }
    }

    private LowerPath? WalkDown(ReadOnlySpan<char> relative)
    {
        var directory = this;
        while (true)
        {
            var slash = relative.IndexOf('/');
            var child = directory.Child(slash < 0 ? relative : relative[..slash]);
            if (slash < 0) return new LowerPath(Errno.None, directory, child);
            if (child.Entry is null) return LowerPath.NotFound;
            if (child.Entry.Kind == EntryKind.SymbolicLink) return null;
            if (child.Directory is null) return LowerPath.NotADirectory;
            directory = child.Directory;
            relative = relative[(slash + 1)..];
        }
    }

    /// <summary>Keeps a complete listing taken from the branches.</summary>
    public void RememberListing(MergedEntry[] listing) => Volatile.Write(ref _listing, listing);
}

/// <summary>What a walk below a <see cref="LowerDirectory"/> found: the last name in its directory, or why the walk stopped.</summary>
internal sealed class LowerPath(Errno error, LowerDirectory? parent, LowerChild? child)
{
    /// <summary>A name on the way is missing.</summary>
    public static readonly LowerPath NotFound = new(Errno.ENOENT, null, null);

    /// <summary>A name on the way is not a directory.</summary>
    public static readonly LowerPath NotADirectory = new(Errno.ENOTDIR, null, null);

    /// <summary>ENOENT or ENOTDIR when the walk stopped on the way; else <see cref="Errno.None"/>.</summary>
    public Errno Error { get; } = error;

    /// <summary>The directory of the last name.</summary>
    public LowerDirectory? Parent { get; } = parent;

    /// <summary>What the lowers show for the last name.</summary>
    public LowerChild? Child { get; } = child;
}
