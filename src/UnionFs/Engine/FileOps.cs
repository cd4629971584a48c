namespace UnionFs.Engine;

/// <summary>
/// Opening files (overlayfs's file.c): a read never copies up; an open with write access or truncation
/// copies the file up first (truncation skips copying the bytes it would throw away). A write handle reports
/// each write (<see cref="WriteNotifyingStream"/>).
/// </summary>
internal sealed partial class FileOps
{
    private readonly UnionEngine _engine;

    public FileOps(UnionEngine engine) => _engine = engine;

    /// <summary>
    /// open(2) with the flags <see cref="FileStream"/> passes for <paramref name="mode"/> and <paramref name="access"/>
    /// (valid combinations only). A final symbolic link is followed, except by CreateNew (O_EXCL), for which any
    /// name is taken. The kernel's errors: the walk's ENOENT, ENOTDIR or ELOOP; ENOENT for a missing file without
    /// O_CREAT; EEXIST; EISDIR for a directory (which a FileStream refuses even for reading); EROFS.
    /// </summary>
    public Errno Open(string path, FileMode mode, FileAccess access, out Stream? stream) => Open(path, mode, access, createMode: null, out stream, out _);

    /// <summary>
    /// As <see cref="Open(string, FileMode, FileAccess, out Stream?)"/>, a new file taking <paramref name="createMode"/>
    /// (umask applied) when given; <paramref name="resolvedPath"/> is the file's union path, links resolved.
    /// </summary>
    public Errno Open(string path, FileMode mode, FileAccess access, UnixFileMode? createMode, out Stream? stream, out string? resolvedPath) =>
        Open(path, mode, access, createMode, locks: null, FileShare.None, out stream, out resolvedPath, out _);

    /// <summary>
    /// As <see cref="Open(string, FileMode, FileAccess, UnixFileMode?, out Stream?, out string?)"/>; with
    /// <paramref name="locks"/>, an open that truncates an existing file (<see cref="FileMode.Create"/>,
    /// <see cref="FileMode.Truncate"/>) first takes the handle's lock for <paramref name="share"/> on it
    /// (<paramref name="shareLock"/>), found by the same lookup, and changes nothing when another handle refuses it
    /// (<see cref="Errno.EWOULDBLOCK"/>). Any other open leaves <paramref name="shareLock"/> null: its caller locks the
    /// file it opened.
    /// </summary>
    public Errno Open(string path, FileMode mode, FileAccess access, UnixFileMode? createMode, IShareLocks? locks, FileShare share,
        out Stream? stream, out string? resolvedPath, out IDisposable? shareLock)
    {
        stream = null;
        resolvedPath = null;
        shareLock = null;
        var writes = (access & FileAccess.Write) != 0;
        if (!writes && mode == FileMode.Open) return OpenRead(path, out stream, out resolvedPath);

        lock (_engine.WriteGate)
        {
            UnionNode? node;
            Errno error;
            if (mode == FileMode.CreateNew)
            {
                error = _engine.Lookup.TryResolve(path, followFinal: false, out node);
                if (error != Errno.None) return error;
                if (node!.Exists) return Errno.EEXIST;
            }
            error = _engine.Lookup.Find(path, followFinal: true, out var found);
            if (error != Errno.None) return error;
            // The memory upper's file the walk found is opened as it is, with no second walk in the branch.
            var upperFile = found.UpperFile;
            node = found.ToNode();
            if (node.IsDirectory) return Errno.EISDIR;
            if (!node.Exists && mode is FileMode.Open or FileMode.Truncate) return Errno.ENOENT;
            if (node.Exists && !writes)
            {
                stream = upperFile is not null ? OpenUpperFile(upperFile, writable: false) : OpenReadStream(node);
                resolvedPath = node.Path;
                return Errno.None;
            }
            if (_engine.Layers.Upper is null) return Errno.EROFS;

            var truncate = mode is FileMode.Create or FileMode.Truncate;
            if (truncate && node.IsFile && locks is not null)
            {
                // Before anything changes: a sharing violation never leaves the file truncated or copied up.
                shareLock = locks.TryAcquire(node.Path, share);
                if (shareLock is null) return Errno.EWOULDBLOCK;
            }
            try
            {
                stream = OpenForWriting(node, upperFile, mode, writes, truncate, createMode);
            }
            catch
            {
                shareLock?.Dispose();
                shareLock = null;
                throw;
            }
            resolvedPath = node.Path;
            return Errno.None;
        }
    }

    /// <summary>The part of <see cref="Open(string, FileMode, FileAccess, UnixFileMode?, IShareLocks?, FileShare, out Stream?, out string?, out IDisposable?)"/> that changes the upper, under the write gate.</summary>
    /// <param name="node">The file, present or absent.</param>
    /// <param name="upperFile">The memory upper's file the walk found for <paramref name="node"/>, if any.</param>
    /// <param name="mode">The open's mode.</param>
    /// <param name="writes">Whether the handle writes.</param>
    /// <param name="truncate">Whether the open truncates.</param>
    /// <param name="createMode">The mode of a new file (umask applied), when given.</param>
    private Stream OpenForWriting(UnionNode node, MemoryNode? upperFile, FileMode mode, bool writes, bool truncate, UnixFileMode? createMode)
    {
        var upper = _engine.Layers.Upper!;
        Stream? created = null;
        if (!node.Exists)
        {
            var parent = _engine.CopyUp.EnsureParent(node.Path, node.ParentStack);
            var metadata = _engine.NewMetadata(EntryKind.File);
            if (createMode is { } requested) metadata = metadata with { UnixMode = ProcessUmask.Apply(requested) };
            if (upper is MemoryBranch memory && writes)
            {
                // Made, its directory's time moved and opened in one step, from the parent the walk found.
                created = memory.CreateAndOpenHeld(node.Path, metadata, metadata.LastWriteTimeUtc, node.ParentStack.UpperNode, node.ParentStack.UpperUnlinks);
                _engine.Times.Forget(node.Path);
            }
            else
            {
                upper.CreateFile(node.Path, null, metadata);
                _engine.Times.NameChanged(node.Path, parent);
            }
        }
        else if (!_engine.Layers.IsUpper(node.Layer))
        {
            if (truncate)
            {
                // The old bytes would be thrown away at once: copy the metadata only.
                _engine.CopyUp.EnsureDirectory(BranchPath.GetParent(node.Path)!);
                upper.CreateFile(node.Path, null, node.Entry!.Metadata);
                _engine.CountCopyUp();
            }
            else
            {
                _engine.CopyUp.CopyUpEntry(node);
            }
        }

        var opened = created
            ?? (upperFile is not null ? OpenUpperFile(upperFile, writes) : writes ? upper.OpenWrite(node.Path) : upper.OpenRead(node.Path));
        if (truncate && node.Exists && opened.Length != 0) opened.SetLength(0);
        // .NET opens Append without O_APPEND: the handle starts at the end and writes at its own position.
        if (mode == FileMode.Append) opened.Seek(0, SeekOrigin.End);

        // A copy-up is invisible. A new name is IN_CREATE; Create and Truncate are IN_MODIFY even for a new or
        // empty file, because .NET opens without O_TRUNC and then calls ftruncate.
        var notifications = _engine.Notifications;
        if (!node.Exists) notifications.Publish(NotificationKind.Created, node.Path, isDirectory: false);
        if (truncate) notifications.Publish(NotificationKind.Modified, node.Path, isDirectory: false);
        return writes ? new WriteNotifyingStream(opened, notifications, node.Path) : opened;
    }

    /// <summary>open(2) for reading: the visible file, from whichever branch holds it, without copying up.</summary>
    public Errno OpenRead(string path, out Stream? stream) => OpenRead(path, out stream, out _);

    /// <summary>As <see cref="OpenRead(string, out Stream?)"/>; <paramref name="resolvedPath"/> is the file's union path, links resolved.</summary>
    public Errno OpenRead(string path, out Stream? stream, out string? resolvedPath)
    {
        stream = null;
        resolvedPath = null;
        // A read takes no lock, so the file may be renamed or removed between the lookup and the branch's open:
        // then it is looked up again, and open(2)'s atomic answer is what the second lookup finds.
        for (var attempt = 0; ; attempt++)
        {
            var error = _engine.Lookup.Find(path, followFinal: true, out var node);
            if (error != Errno.None) return error;
            if (!node.Exists) return Errno.ENOENT;
            if (node.IsDirectory) return Errno.EISDIR;
            try
            {
                // The memory upper's file the walk found is opened as it is: one walk per open, as open(2) makes.
                stream = node.UpperFile is { } file ? OpenUpperFile(file, writable: false) : OpenReadStream(node.ToNode());
                resolvedPath = node.Path;
                return Errno.None;
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
            {
                if (attempt == MaxOpenAttempts) return Errno.ENOENT;
            }
        }
    }

    /// <summary>How many times a read open looks a file up again after it changed under the open.</summary>
    private const int MaxOpenAttempts = 8;

    /// <summary>A stream on <paramref name="file"/>, a file a walk found in the memory upper (<see cref="Resolved.UpperFile"/>).</summary>
    private MemoryFileStream OpenUpperFile(MemoryNode file, bool writable) => ((MemoryBranch)_engine.Layers.Upper!).Open(file, writable);

    private Stream OpenReadStream(UnionNode node)
    {
        var copyUps = _engine.CopyUpCount;
        var stream = _engine.Layers.Branches[node.Layer].OpenRead(node.BranchPath!);
        return _engine.Layers.IsUpper(node.Layer) ? stream : new CopyUpAwareStream(_engine, node.Path, stream, copyUps);
    }
}
