using System.Collections.Concurrent;

namespace UnionFs;

/// <summary>
/// A fast in-memory branch, usable as the upper (writable) branch or as a lower one. Thread-safe: lookups,
/// listings and reads take no lock; structural changes are serialised by one lock per branch.
/// File data is chunked and shared on copy, so copying a memory file up into a memory upper costs no bytes
/// until they are written.
/// </summary>
public sealed partial class MemoryBranch : IBranch
{
    // Writers' lock, made by the first writer: a branch only read (an empty upper looked through) costs none.
    private Lock? _gate;

    /// <summary>
    /// The writers' lock. A union whose upper this branch is takes it as its own write lock (UnionEngine.WriteGate), so
    /// a change made through the union takes one lock, not two: under it, the union calls the forms named
    /// <c>...Held</c>, which do not take it again.
    /// </summary>
    internal Lock Gate => LazyInitializer.EnsureInitialized(ref _gate);

    private volatile MemoryNode _root;
    private readonly TimeProvider _clock;
    private long _version;

    /// <summary>Creates an empty branch that takes its timestamps from the system clock.</summary>
    public MemoryBranch()
        : this(TimeProvider.System)
    {
    }

    /// <summary>Creates an empty branch that takes its timestamps from <paramref name="clock"/>.</summary>
    public MemoryBranch(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        _clock = clock;
        var now = Now;
        _root = new MemoryNode(new BranchEntry
        {
            Name = string.Empty,
            Kind = EntryKind.Directory,
            Attributes = FileAttributes.Directory,
            UnixMode = EntryMetadata.DefaultDirectoryMode,
            CreationTimeUtc = now,
            LastAccessTimeUtc = now,
            LastWriteTimeUtc = now,
        });
    }

    /// <inheritdoc />
    public bool IsReadOnly => false;

    /// <inheritdoc />
    public bool SupportsRedirect => true;

    private DateTime Now => CoarseClock.UtcNow(_clock);

    /// <inheritdoc />
    public BranchEntry? Stat(string path) => FindCached(path, path.Length)?.Entry;

    /// <inheritdoc />
    public IEnumerable<BranchEntry> List(string path)
    {
        var children = SortedChildren(path);
        return children.Length == 0 ? [] : ListEntries(children);
    }

    /// <summary>
    /// The children of the directory at <paramref name="path"/> by ordinal name, whiteouts included; empty when no
    /// directory is there. The array is shared with other listings of the same version of the directory: read only.
    /// </summary>
    internal MemoryNode[] SortedChildren(string path) => SortedChildren(path, hint: null, unlinks: 0);

    /// <summary>
    /// As <see cref="SortedChildren(string)"/>, where a walk found the directory's node <paramref name="hint"/> while
    /// the unlink count was <paramref name="unlinks"/> (see <see cref="DirectoryAt"/>).
    /// </summary>
    internal MemoryNode[] SortedChildren(string path, MemoryNode? hint, long unlinks)
    {
        var node = DirectoryAt(path, hint, unlinks);
        return node?.Children is null ? [] : node.GetSortedChildren();
    }

    /// <inheritdoc />
    public Stream OpenRead(string path) => Open(FindFile(path), writable: false);

    /// <summary>
    /// A stream on the regular file <paramref name="node"/> a walk of this branch found, writable when
    /// <paramref name="writable"/> is true: what open(2) gives for the object a lookup found, even if it was renamed since.
    /// </summary>
    internal MemoryFileStream Open(MemoryNode node, bool writable) => new(node, writable, _clock, this);

    /// <inheritdoc />
    public Stream OpenWrite(string path) => Open(FindFile(path), writable: true);

    /// <inheritdoc />
    public void CreateFile(string path, Stream? content, EntryMetadata metadata)
    {
        // Build the whole file first, then publish it with one table write: readers never see a part.
        var node = new MemoryNode(Describe(BranchPath.GetName(path), EntryKind.File, metadata, 0));
        if (content is MemoryFileStream { Position: 0 } memory) node.ShareChunksOf(memory.Data);
        else if (content is not null) ReadInto(node, content);
        if (node.Length != 0) node.Entry = node.Entry with { Length = node.Length };
        lock (Gate) Publish(path, node, replaceDirectory: false);
    }

    /// <summary>
    /// Copy-up of a large file from another kind of branch: the file is published at once and its bytes are read
    /// from <paramref name="lowerFile"/> (which it keeps open) only as writes or reads need them.
    /// </summary>
    internal void CreateLazyCopy(string path, Stream lowerFile, EntryMetadata metadata)
    {
        try
        {
            var node = new MemoryNode(Describe(BranchPath.GetName(path), EntryKind.File, metadata, lowerFile.Length));
            node.StartLazyCopy(lowerFile);
            lock (Gate) Publish(path, node, replaceDirectory: false);
        }
        catch
        {
            lowerFile.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public void CreateDirectory(string path, EntryMetadata metadata, bool opaque)
    {
        lock (Gate) CreateDirectoryHeld(path, metadata, opaque, touchParentAt: null);
    }

    /// <summary>
    /// As <see cref="CreateDirectory(string, EntryMetadata, bool)"/>, for a caller that holds <see cref="Gate"/>; moves
    /// the parent's write time to <paramref name="touchParentAt"/> when that is given, in the same step (one lookup of
    /// the parent for both).
    /// </summary>
    internal void CreateDirectoryHeld(string path, EntryMetadata metadata, bool opaque, DateTime? touchParentAt)
    {
        System.Diagnostics.Debug.Assert(Gate.IsHeldByCurrentThread);
        var entry = Describe(BranchPath.GetName(path), EntryKind.Directory, metadata, 0, opaque);
        var parent = ParentNodeOf(path);
        var hash = NameTable<MemoryNode>.HashOf(entry.Name);
        if (parent.Children!.TryGetValue(entry.Name, hash, out var existing) && existing.Entry.Kind != EntryKind.Whiteout)
            throw new IOException($"'{path}' already exists in the branch.");
        PublishIn(parent, existing, hash, path, new MemoryNode(entry), replaceDirectory: false);
        if (touchParentAt is { } touched) parent.Touch(touched);
    }

    /// <inheritdoc />
    public void CreateSymbolicLink(string path, string target, EntryMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(target);
        var entry = Describe(BranchPath.GetName(path), EntryKind.SymbolicLink, metadata, target.Length) with { LinkTarget = target };
        lock (Gate) Publish(path, new MemoryNode(entry), replaceDirectory: false);
    }

    /// <inheritdoc />
    public void CreateWhiteout(string path)
    {
        var entry = WhiteoutEntry(BranchPath.GetName(path));
        lock (Gate) Publish(path, new MemoryNode(entry), replaceDirectory: true);
    }

    /// <inheritdoc />
    public void Remove(string path)
    {
        lock (Gate)
        {
            var (parent, name) = ParentOf(path);
            if (!parent.Children!.Remove(name)) throw NotFound(path);
            NoteUnlink();
            Changed(parent);
        }
    }

    /// <inheritdoc />
    public void Rename(string sourcePath, string destinationPath, bool leaveWhiteout = false)
    {
        lock (Gate)
        {
            var (sourceParent, sourceName) = ParentOf(sourcePath);
            if (!sourceParent.Children!.TryGetValue(sourceName, out var node)) throw NotFound(sourcePath);
            var (targetParent, targetName) = ParentOf(destinationPath);
            if (targetParent.Children!.TryGetValue(targetName, out var existing)
                && existing.Children is { IsEmpty: false } && !ReferenceEquals(existing, node))
                throw new IOException($"'{destinationPath}' is a directory that is not empty in the branch.");
            node.Entry = node.Entry with { Name = targetName };
            targetParent.Children.Set(targetName, node);
            if (!ReferenceEquals(sourceParent, targetParent) || sourceName != targetName)
            {
                if (leaveWhiteout) sourceParent.Children.Set(sourceName, new MemoryNode(WhiteoutEntry(sourceName)));
                else sourceParent.Children.Remove(sourceName);
            }
            NoteUnlink();
            Changed(sourceParent);
            Changed(targetParent);
        }
    }

    /// <inheritdoc />
    public void SetMetadata(string path, MetadataChange change)
    {
        lock (Gate)
        {
            var node = FindCached(path, path.Length) ?? throw NotFound(path);
            var entry = node.Entry;
            node.Entry = entry with
            {
                Attributes = change.Attributes is { } a ? KeepKindBits(a, entry.Kind) : entry.Attributes,
                UnixMode = change.UnixMode ?? entry.UnixMode,
                CreationTimeUtc = change.CreationTimeUtc ?? entry.CreationTimeUtc,
                LastAccessTimeUtc = change.LastAccessTimeUtc ?? entry.LastAccessTimeUtc,
                LastWriteTimeUtc = change.LastWriteTimeUtc ?? entry.LastWriteTimeUtc,
            };
            NoteChange();
        }
    }

    /// <inheritdoc />
    public void SetOpaque(string path, bool opaque)
    {
        lock (Gate)
        {
            var node = FindDirectory(path);
            node.Entry = node.Entry with { IsOpaque = opaque };
            NoteReshape();
            NoteChange();
        }
    }

    /// <inheritdoc />
    public void SetRedirect(string path, string? redirect)
    {
        lock (Gate)
        {
            var node = FindDirectory(path);
            node.Entry = node.Entry with { Redirect = redirect };
            NoteReshape();
            NoteChange();
        }
    }

    /// <summary>Attributes as stored: the kind bits come from the entry's kind, not from the caller.</summary>
    internal static FileAttributes KeepKindBits(FileAttributes attributes, EntryKind kind)
    {
        attributes &= ~(FileAttributes.Directory | FileAttributes.ReparsePoint | FileAttributes.Normal);
        attributes |= kind switch
        {
            EntryKind.Directory => FileAttributes.Directory,
            EntryKind.SymbolicLink => FileAttributes.ReparsePoint,
            _ => 0,
        };
        return attributes == 0 ? FileAttributes.Normal : attributes;
    }

    private BranchEntry WhiteoutEntry(string name)
    {
        var now = Now;
        return new BranchEntry { Name = name, Kind = EntryKind.Whiteout, CreationTimeUtc = now, LastAccessTimeUtc = now, LastWriteTimeUtc = now };
    }

    private static BranchEntry Describe(string name, EntryKind kind, EntryMetadata metadata, long length, bool opaque = false) => new()
    {
        Name = name,
        Kind = kind,
        IsOpaque = opaque,
        Length = length,
        Attributes = KeepKindBits(metadata.Attributes, kind),
        UnixMode = metadata.UnixMode,
        CreationTimeUtc = metadata.CreationTimeUtc,
        LastAccessTimeUtc = metadata.LastAccessTimeUtc,
        LastWriteTimeUtc = metadata.LastWriteTimeUtc,
    };

    private static void ReadInto(FileData data, Stream content)
    {
        // A pooled buffer: copying many small files must not cost a fresh chunk-sized array each.
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(FileData.ChunkSize);
        try
        {
            long position = 0;
            int read;
            while ((read = content.Read(buffer, 0, FileData.ChunkSize)) > 0)
            {
                data.Write(position, buffer.AsSpan(0, read));
                position += read;
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static IEnumerable<BranchEntry> ListEntries(MemoryNode[] sorted)
    {
        foreach (var child in sorted) yield return child.Entry;
    }

    private void Changed(MemoryNode directory)
    {
        directory.ChildrenChanged();
        NoteChange();
    }

    /// <summary>
    /// Counts every change, so a union that remembered this branch as a lower can tell it changed since: a
    /// new union over a memory lower that was written meanwhile starts from what it holds now.
    /// </summary>
    internal long Version => Volatile.Read(ref _version);

    /// <summary>Called after any change to the branch.</summary>
    internal void NoteChange() => Interlocked.Increment(ref _version);

    /// <summary>
    /// Counts the changes that take an entry out of its directory (removed, replaced, renamed, or the whole tree
    /// swapped): only those can make a remembered path lead to a node no longer in the tree.
    /// </summary>
    private long _unlinks;

    // The counters below are written under the gate only (readers read them without it): one writer at a time needs
    // no locked increment, only a release write.
    private void NoteUnlink()
    {
        Volatile.Write(ref _unlinks, _unlinks + 1);
        NoteReshape();
    }

    /// <summary>
    /// Counts the changes that can change where a walk of a directory path leads in this branch: an entry taken out,
    /// a directory or a whiteout added, a directory's opacity or redirect changed. A file written or added never
    /// counts, so a union may keep what a walk of a directory path found for as long as this stays the same. The bits
    /// from <see cref="ReshapeShift"/> up count only the changes that can change a walk through directories the branch
    /// already holds (an entry taken out, an opacity or redirect changed): adding a directory or a whiteout changes only
    /// walks through a directory the branch did not hold (one the lowers alone had), so a union may keep what it found
    /// for a directory of this branch while those bits stay the same (an addition carrying into them only makes it walk
    /// again).
    /// </summary>
    internal long LayoutVersion => Volatile.Read(ref _layout);

    /// <summary>Where the count of changes that reshape the directories this branch holds starts in <see cref="LayoutVersion"/>.</summary>
    internal const int ReshapeShift = 24;

    private long _layout;

    private void NoteLayout() => Volatile.Write(ref _layout, _layout + 1);

    private void NoteReshape() => Volatile.Write(ref _layout, _layout + (1L << ReshapeShift));

    /// <summary>Puts <paramref name="node"/> at <paramref name="path"/>, replacing a non-directory (or anything, when asked).</summary>
    private void Publish(string path, MemoryNode node, bool replaceDirectory)
    {
        var parent = ParentNodeOf(path);
        var hash = NameTable<MemoryNode>.HashOf(node.Entry.Name);
        parent.Children!.TryGetValue(node.Entry.Name, hash, out var existing);
        PublishIn(parent, existing, hash, path, node, replaceDirectory);
    }

    /// <summary>
    /// As <see cref="Publish"/>, into <paramref name="parent"/>, the directory node of <paramref name="path"/>'s parent,
    /// where the caller already looked the name up (by its hash <paramref name="hash"/>) and found
    /// <paramref name="existing"/> (or nothing).
    /// </summary>
    private void PublishIn(MemoryNode parent, MemoryNode? existing, int hash, string path, MemoryNode node, bool replaceDirectory)
    {
        // The key is the entry's own name string: one string per name, not two.
        var name = node.Entry.Name;
        var replaces = existing is not null;
        if (!replaceDirectory && replaces && existing!.Children is not null)
            throw new IOException($"'{path}' is a directory in the branch.");
        // The caller looked the name up under the lock: a name that is not there is added without looking again.
        if (replaces) parent.Children!.Set(name, node);
        else parent.Children!.Add(name, hash, node);
        if (replaces) NoteUnlink();
        else if (node.Data is null && node.Entry.Kind != EntryKind.SymbolicLink) NoteLayout();
        Changed(parent);
    }

    private (MemoryNode Parent, string Name) ParentOf(string path) => (ParentNodeOf(path), BranchPath.GetName(path));

    /// <summary>The directory node of <paramref name="path"/>'s parent (no string for the name).</summary>
    private MemoryNode ParentNodeOf(string path)
    {
        if (path.Length <= 1) throw new IOException("The branch root cannot be replaced.");
        var parent = FindCached(path, Math.Max(path.LastIndexOf('/'), 1));
        // The parent's path is a string only for the message: a chain of any depth is made without one per level.
        if (parent?.Children is null) throw new DirectoryNotFoundException($"'{BranchPath.GetParent(path)}' is not a directory in the branch.");
        return parent;
    }

    /// <summary>Stat of a path given as characters: the engine's lookups make no string for the paths they walk through.</summary>
    internal BranchEntry? Stat(ReadOnlySpan<char> path) => Find(path)?.Entry;

    /// <summary>
    /// The node at <c>path[..length]</c>, for the engine's walks (see <see cref="FindCached"/>): its entry is the stat,
    /// and a whole-file read takes a file's bytes from it without walking again.
    /// </summary>
    internal MemoryNode? FindNode(string path, int length) => FindCached(path, length);

    /// <summary>
    /// Finds <c>path[..length]</c>. The directory a recent search found for a prefix of the path is where the search
    /// starts (a walk asks for each prefix in turn; a change asks for the parent it just looked up), so going down a
    /// chain of any depth costs a step per segment, not a walk from the root per segment. The remembered directory is
    /// used only while no entry has left the tree since it was found.
    /// </summary>
    private MemoryNode? FindCached(string path, int length)
    {
        if (length < MinRememberedPath) return Find(path.AsSpan(0, length));
        var unlinks = Volatile.Read(ref _unlinks);
        var cursor = Volatile.Read(ref _cursor);
        MemoryNode? node;
        if (cursor is not null && cursor.Unlinks == unlinks && cursor.Length <= length
            && (cursor.Length == length || path[cursor.Length] == '/')
            && (ReferenceEquals(cursor.Path, path) || cursor.Path.AsSpan(0, cursor.Length).SequenceEqual(path.AsSpan(0, cursor.Length))))
        {
            if (cursor.Length == length) return cursor.Node;
            node = FindFrom(cursor.Node, path.AsSpan(cursor.Length + 1, length - cursor.Length - 1));
        }
        else
        {
            node = Find(path.AsSpan(0, length));
        }
        // A new cursor only when the directory changes: searching a directory's names one after another allocates nothing.
        if (node?.Children is not null && (cursor is null || !ReferenceEquals(cursor.Node, node) || cursor.Unlinks != unlinks))
            Volatile.Write(ref _cursor, new WalkCursor(unlinks, path, length, node));
        return node;
    }

    /// <summary>
    /// Counts the entries that left the tree (see <see cref="NoteUnlink"/>): a directory node found while the count
    /// was the same as now is still the directory at the path it was found at.
    /// </summary>
    internal long Unlinks => Volatile.Read(ref _unlinks);

    /// <summary>The child <paramref name="name"/> of the directory node <paramref name="directory"/>, or null.</summary>
    internal static MemoryNode? ChildOf(MemoryNode directory, ReadOnlySpan<char> name) =>
        directory.Children!.TryGetValue(name, out var child) ? child : null;

    /// <summary>
    /// The directory node at <paramref name="path"/>: <paramref name="hint"/> when it was found while the unlink count
    /// was <paramref name="unlinks"/> and still is, else the result of a search.
    /// </summary>
    internal MemoryNode? DirectoryAt(string path, MemoryNode? hint, long unlinks) =>
        hint is not null && Unlinks == unlinks ? hint : FindCached(path, path.Length);

    /// <summary>Shorter paths are walked from the root: a cursor would cost more than it saves.</summary>
    private const int MinRememberedPath = 8;

    /// <summary>
    /// The directory a recent search reached, for the next search below it. The branch's own, so it keeps nothing of
    /// another branch alive; threads that search two directories at once replace each other's, which costs them
    /// searches from the root, never a wrong answer (a cursor is checked against the path and the unlink count).
    /// </summary>
    private WalkCursor? _cursor;

    /// <summary>A directory found at <c>Path[..Length]</c> while the branch's unlink count was <see cref="Unlinks"/>.</summary>
    private sealed class WalkCursor(long unlinks, string path, int length, MemoryNode node)
    {
        public long Unlinks { get; } = unlinks;

        public string Path { get; } = path;

        public int Length { get; } = length;

        public MemoryNode Node { get; } = node;
    }

    private MemoryNode? Find(ReadOnlySpan<char> path) => FindFrom(_root, path.Length > 0 && path[0] == '/' ? path[1..] : path);

    private static MemoryNode? FindFrom(MemoryNode start, ReadOnlySpan<char> rest)
    {
        var node = start;
        while (rest.Length > 0)
        {
            var children = node.Children;
            if (children is null) return null;
            var slash = rest.IndexOf('/');
            var name = slash < 0 ? rest : rest[..slash];
            rest = slash < 0 ? [] : rest[(slash + 1)..];
            if (name.Length == 0) continue;
            if (!children.TryGetValue(name, out node)) return null;
        }
        return node;
    }

    private MemoryNode FindFile(string path)
    {
        var node = FindCached(path, path.Length) ?? throw NotFound(path);
        return node.Data is null ? throw new IOException($"'{path}' is not a regular file in the branch.") : node;
    }

    private MemoryNode FindDirectory(string path)
    {
        var node = FindCached(path, path.Length) ?? throw NotFound(path);
        return node.Children is null ? throw new IOException($"'{path}' is not a directory in the branch.") : node;
    }

    private static FileNotFoundException NotFound(string path) => new($"'{path}' does not exist in the branch.", path);
}
