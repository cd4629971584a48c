namespace UnionFs.Engine;

/// <summary>
/// Namespace changes (overlayfs's dir.c): mkdir, symlink, link, unlink, rmdir and rename. Deleting a
/// name that a lower branch has leaves a whiteout; a directory made where a whiteout was is opaque;
/// renaming a lower directory copies it up without its contents and redirects it to its origin.
/// Each member behaves as the system call it is named after and answers with the kernel's error number;
/// the façade applies .NET's checks and exceptions. Every member takes the union's write lock and, after a
/// change, reports it as inotify would (a whiteout is a deletion, a copy-up nothing, a rename one move).
/// </summary>
internal sealed class DirectoryOps
{
    private readonly UnionEngine _engine;

    public DirectoryOps(UnionEngine engine) => _engine = engine;

    private LayerStack Layers => _engine.Layers;
    private Lookup Lookup => _engine.Lookup;
    private IBranch Upper => Layers.Upper!;

    /// <summary>
    /// mkdir(2): creates one directory whose parent exists. A taken name is EEXIST whatever it is (a final link
    /// is not followed); the parent's walk answers ENOENT, ENOTDIR or ELOOP.
    /// </summary>
    public Errno MakeDirectory(string path, UnixFileMode? mode = null)
    {
        lock (_engine.WriteGate)
        {
            if (path.Length == 1) return Errno.EEXIST;
            var error = Lookup.TryResolve(path, followFinal: false, out var node);
            if (error != Errno.None) return error;
            if (node!.Exists) return Errno.EEXIST;
            if (Layers.Upper is null) return Errno.EROFS;
            MakeDirectory(node, mode);
            return Errno.None;
        }
    }

    /// <summary>
    /// <c>mkdir -p</c> in one walk, for Directory.CreateDirectory: walks <paramref name="path"/> down once, each level
    /// looked up from its parent's merge stack (not again from the root), and makes every missing directory from the
    /// first missing one down, the first as <see cref="MakeDirectory(string, UnixFileMode?)"/> would (opaque over a
    /// whiteout), the ones below it plainly (nothing below shows there); only the last gets <paramref name="mode"/>.
    /// A chain of any depth costs a step per level. Returns true when the whole path is a directory now; false,
    /// having changed nothing, when the union is read-only or the walk meets anything but directories and one
    /// missing name (a link, a file): the caller then goes level by level, with mkdir's errors.
    /// </summary>
    public bool TryMakeDirectories(string path, UnixFileMode? mode)
    {
        lock (_engine.WriteGate)
        {
            if (Layers.Upper is null) return false;
            if (TryMakeLast(path, mode) is { } made) return made;
            var stack = Lookup.Root().Stack;
            var segments = BranchPath.Segments(path);
            while (segments.MoveNext())
            {
                var child = Lookup.LookupChild(stack, path[segments.Current]);
                if (child.Entry is null)
                {
                    MakeMissing(path, segments.Current.End.Value, stack, child.Layer, mode);
                    return true;
                }
                if (child.Entry.Kind != EntryKind.Directory) return false;
                stack = child.Stack;
            }
            return true;
        }
    }

    /// <summary>
    /// The common <c>mkdir -p</c>, a tree made a level at a time: one lookup of the whole path (the union's walk, which
    /// starts at a remembered parent when it can) finds the parent and the name free, and the directory is made as
    /// mkdir(2) makes it. True when the path is a directory now; null when the walk leaves anything to the
    /// level-by-level walk (a missing or non-directory level, a link), which then decides, having changed nothing here.
    /// </summary>
    private bool? TryMakeLast(string path, UnixFileMode? mode)
    {
        if (Lookup.TryResolve(path, followFinal: false, out var node) != Errno.None) return null;
        // A link on the way gives the node another path: those go level by level.
        if (!string.Equals(node!.Path, path, StringComparison.Ordinal)) return null;
        if (node.Exists) return node.IsDirectory ? true : null;
        MakeDirectory(node, mode);
        return true;
    }

    /// <summary>Makes <c>path[..end]</c>, absent in the directory <paramref name="parent"/>, and every level below it to the end of <paramref name="path"/>.</summary>
    private void MakeMissing(string path, int end, MergeStack parent, int whiteoutLayer, UnixFileMode? mode)
    {
        MakeDirectory(UnionNode.Absent(path[..end], parent, whiteoutLayer), end == path.Length ? mode : null);
        while (end < path.Length)
        {
            var next = path.IndexOf('/', end + 1);
            end = next < 0 ? path.Length : next;
            var level = path[..end];
            var metadata = _engine.NewMetadata(EntryKind.Directory);
            if (end == path.Length && mode is { } m) metadata = metadata with { UnixMode = ProcessUmask.Apply(m) };
            Upper.CreateDirectory(level, metadata, opaque: false);
            _engine.Notifications.Publish(NotificationKind.Created, level, isDirectory: true);
        }
    }

    /// <summary>symlink(2): creates a symbolic link at <paramref name="path"/>; the name must be free.</summary>
    public Errno CreateSymbolicLink(string path, string target)
    {
        lock (_engine.WriteGate)
        {
            var error = Lookup.TryResolve(path, followFinal: false, out var node);
            if (error != Errno.None) return error;
            if (node!.Exists) return Errno.EEXIST;
            if (Layers.Upper is null) return Errno.EROFS;
            _engine.CopyUp.EnsureDirectory(BranchPath.GetParent(node.Path)!);
            Upper.CreateSymbolicLink(node.Path, target, _engine.NewMetadata(EntryKind.SymbolicLink));
            _engine.Times.NameChanged(node.Path);
            _engine.Notifications.Publish(NotificationKind.Created, node.Path, isDirectory: false);
            return Errno.None;
        }
    }

    /// <summary>
    /// link(2) as a union can: the union has no hard links, so the new name gets a copy of the entry at
    /// <paramref name="existingPath"/> (a symbolic link is copied as a link, not followed).
    /// </summary>
    public Errno Link(string existingPath, string newPath)
    {
        lock (_engine.WriteGate)
        {
            var error = Lookup.TryResolve(existingPath, followFinal: false, out var existing);
            if (error != Errno.None) return error;
            if (!existing!.Exists) return Errno.ENOENT;
            error = Lookup.TryResolve(newPath, followFinal: false, out var created);
            if (error != Errno.None) return error;
            if (created!.Exists) return Errno.EEXIST;
            if (Layers.Upper is null) return Errno.EROFS;
            if (existing.IsDirectory) return Errno.EPERM;
            _engine.CopyUp.CopyTo(existing, created.Path);
            _engine.Times.NameChanged(created.Path);
            _engine.Notifications.PublishLink(existing.Path, created.Path);
            return Errno.None;
        }
    }

    /// <summary>unlink(2): removes a file or symbolic link; ENOENT for a missing name, EISDIR for a directory.</summary>
    public Errno Unlink(string path)
    {
        lock (_engine.WriteGate)
        {
            var error = Lookup.TryResolve(path, followFinal: false, out var node);
            if (error != Errno.None) return error;
            if (Layers.Upper is null) return Errno.EROFS;
            if (!node!.Exists) return Errno.ENOENT;
            if (node.IsDirectory) return Errno.EISDIR;
            RemoveName(node);
            _engine.Times.NameChanged(node.Path);
            _engine.Notifications.Publish(NotificationKind.Deleted, node.Path, isDirectory: false);
            return Errno.None;
        }
    }

    /// <summary>
    /// rmdir(2): removes a directory that is empty in the merged view (ENOTDIR for anything else, a link
    /// included); with <paramref name="recursive"/> the whole merged tree goes, leaving one whiteout at its top.
    /// </summary>
    public Errno RemoveDirectory(string path, bool recursive)
    {
        lock (_engine.WriteGate)
        {
            var error = Lookup.TryResolve(path, followFinal: false, out var node);
            if (error != Errno.None) return error;
            if (node!.Path.Length == 1) return Errno.EBUSY;
            if (Layers.Upper is null) return Errno.EROFS;
            if (!node.Exists) return Errno.ENOENT;
            if (!node.IsDirectory) return Errno.ENOTDIR;
            if (!recursive && !_engine.Readdir.IsEmpty(node.Stack)) return Errno.ENOTEMPTY;
            var removedBelow = recursive && _engine.Notifications.WatchesBelow(node.Path) ? ListTree(node) : null;
            RemoveName(node);
            // As .NET's recursive delete reports it: every entry below, children before their directory, then the top.
            if (removedBelow is not null)
                foreach (var (removedPath, isDirectory) in removedBelow) _engine.Notifications.Publish(NotificationKind.Deleted, removedPath, isDirectory);
            _engine.Times.NameChanged(node.Path);
            _engine.Notifications.Publish(NotificationKind.Deleted, node.Path, isDirectory: true);
            return Errno.None;
        }
    }

    /// <summary>
    /// rename(2), in the kernel's order of checks: both parents' walks, a missing source, a non-directory named
    /// with a trailing separator (<paramref name="directoryOnly"/>: ENOTDIR), a directory moved below itself
    /// (EINVAL), a destination above the source (ENOTEMPTY), then the kinds: a directory onto a non-directory is
    /// ENOTDIR, the reverse EISDIR, onto a non-empty directory ENOTEMPTY. Renaming a name onto itself does nothing.
    /// </summary>
    public Errno Rename(string sourcePath, string destinationPath, bool directoryOnly = false)
    {
        lock (_engine.WriteGate)
        {
            var error = Lookup.TryResolve(sourcePath, followFinal: false, out var source);
            if (error != Errno.None) return error;
            error = Lookup.TryResolve(destinationPath, followFinal: false, out var destination);
            if (error != Errno.None) return error;
            if (source!.Path.Length == 1 || destination!.Path.Length == 1) return Errno.EBUSY;
            if (Layers.Upper is null) return Errno.EROFS;
            if (!source.Exists) return Errno.ENOENT;
            if (directoryOnly && !source.IsDirectory) return Errno.ENOTDIR;
            if (IsStrictlyBelow(destination.Path, source.Path)) return Errno.EINVAL;
            if (IsStrictlyBelow(source.Path, destination.Path)) return Errno.ENOTEMPTY;
            if (destination.Path == source.Path) return Errno.None;
            if (destination.Exists)
            {
                if (source.IsDirectory && !destination.IsDirectory) return Errno.ENOTDIR;
                if (!source.IsDirectory && destination.IsDirectory) return Errno.EISDIR;
                if (destination.IsDirectory && !_engine.Readdir.IsEmpty(destination.Stack)) return Errno.ENOTEMPTY;
            }
            RenameEntry(source, destination);
            _engine.Times.NameChanged(source.Path);
            _engine.Times.NameChanged(destination.Path);
            _engine.Notifications.Publish(NotificationKind.Renamed, destination.Path, source.IsDirectory, source.Path);
            return Errno.None;
        }
    }

    /// <summary>
    /// Makes the directory for an absent <paramref name="node"/> whose parent exists, as mkdir(2): the parent copied up
    /// when only lowers hold it, the directory opaque when a whiteout in the upper hides a lower name there (so the old
    /// lower contents stay hidden), the parent's write time moved, the creation reported.
    /// </summary>
    private void MakeDirectory(UnionNode node, UnixFileMode? mode)
    {
        var parent = _engine.CopyUp.EnsureParent(node.Path, node.ParentStack);
        var metadata = _engine.NewMetadata(EntryKind.Directory);
        if (mode is { } m) metadata = metadata with { UnixMode = ProcessUmask.Apply(m) };
        var opaque = Layers.IsUpper(node.Layer) || Lookup.LowerHasName(node);
        if (Upper is MemoryBranch memory)
        {
            // The branch moves the parent's write time in the same step (what NameChanged does).
            memory.CreateDirectoryHeld(node.Path, metadata, opaque, touchParentAt: metadata.LastWriteTimeUtc);
            _engine.Times.Forget(node.Path);
        }
        else
        {
            Upper.CreateDirectory(node.Path, metadata, opaque);
            _engine.Times.NameChanged(node.Path, parent);
        }
        _engine.Notifications.Publish(NotificationKind.Created, node.Path, isDirectory: true);
    }

    private static bool IsStrictlyBelow(string path, string ancestor) =>
        path.Length > ancestor.Length && BranchPath.IsSameOrBelow(path, ancestor);

    /// <summary>Takes a visible name away: a whiteout when a lower branch has it, else a plain removal from the upper.</summary>
    private void RemoveName(UnionNode node)
    {
        if (!Layers.IsUpper(node.Layer) || Lookup.LowerHasName(node))
        {
            _engine.CopyUp.EnsureDirectory(BranchPath.GetParent(node.Path)!);
            Upper.CreateWhiteout(node.Path);
        }
        else
        {
            Upper.Remove(node.Path);
        }
    }

    /// <summary>
    /// Renames a visible entry to an absent (or replaceable non-directory) destination. Every step but the
    /// last leaves the merged view as it was (copy-up, redirect, opacity); the last is one atomic branch
    /// rename that also leaves the whiteout, so a failure at any step shows the old view or the new one.
    /// </summary>
    private void RenameEntry(UnionNode source, UnionNode destination)
    {
        _engine.CopyUp.EnsureDirectory(BranchPath.GetParent(destination.Path)!);
        var leaveWhiteout = !Layers.IsUpper(source.Layer) || Lookup.LowerHasName(source);

        if (!source.IsDirectory)
        {
            _engine.CopyUp.CopyUpEntry(source);
        }
        else if (source.Stack.Lowers is null && Layers.IsUpper(source.Layer))
        {
            // A purely upper directory moves as it is; where a lower name lies below the destination it must stay hidden.
            if (!source.Entry!.IsOpaque && Lookup.LookupBelow(destination.ParentStack, destination.Name).Entry is not null)
                Upper.SetOpaque(source.Path, true);
        }
        else if (Upper.SupportsRedirect)
        {
            // Like overlayfs with redirect_dir=on: copy up the directory alone and point it at its origin below.
            var origin = source.Entry!.Redirect ?? source.Stack.Lowers!.Stack[0].BranchPath;
            _engine.CopyUp.EnsureDirectory(source.Path);
            Upper.SetRedirect(source.Path, origin);
        }
        else
        {
            // The upper cannot store a redirect: copy the whole merged tree up where it is, then cut it loose.
            CopyUpTree(source);
            Upper.SetOpaque(source.Path, true);
        }
        Upper.Rename(source.Path, destination.Path, leaveWhiteout);
    }

    /// <summary>
    /// Every entry visible below a merged directory, each directory after its contents, in listing order. Walked with
    /// a work list (a listing per open directory), not recursion, so a tree of any depth fits the stack; each child is
    /// looked up from its parent's merge stack, a step per entry.
    /// </summary>
    private List<(string Path, bool IsDirectory)> ListTree(UnionNode directory)
    {
        var entries = new List<(string Path, bool IsDirectory)>();
        var open = new Stack<(UnionNode Directory, IEnumerator<MergedEntry> Children)>();
        open.Push((directory, _engine.Readdir.Read(directory.Stack).GetEnumerator()));
        while (open.TryPeek(out var top))
        {
            if (!top.Children.MoveNext())
            {
                top.Children.Dispose();
                open.Pop();
                if (open.Count > 0) entries.Add((top.Directory.Path, true));
                continue;
            }
            var name = top.Children.Current.Entry.Name;
            var childPath = BranchPath.Combine(top.Directory.Path, name);
            var child = Lookup.LookupChild(top.Directory.Stack, name).ToNode(childPath, top.Directory.Stack);
            if (child.IsDirectory) open.Push((child, _engine.Readdir.Read(child.Stack).GetEnumerator()));
            else entries.Add((childPath, false));
        }
        return entries;
    }

    /// <summary>
    /// Copies a merged directory and everything visible below it into the upper, in place, parents first. Walked with
    /// a work list, not recursion; each directory is copied up from its parent's merge stack (not walked again from
    /// the root), so a tree of any depth costs a step per entry.
    /// </summary>
    private void CopyUpTree(UnionNode directory)
    {
        _engine.CopyUp.EnsureDirectory(directory.Path);
        var pending = new Stack<(string Path, MergeStack Stack)>();
        pending.Push((directory.Path, Lookup.Resolve(directory.Path, followFinal: false).Stack));
        while (pending.TryPop(out var parent))
        {
            foreach (var child in _engine.Readdir.Read(parent.Stack).ToList())
            {
                var childPath = BranchPath.Combine(parent.Path, child.Entry.Name);
                var found = Lookup.LookupChild(parent.Stack, child.Entry.Name);
                if (found.Entry?.Kind == EntryKind.Directory)
                    pending.Push((childPath, _engine.CopyUp.EnsureChildDirectory(parent.Stack, child.Entry.Name, childPath).Stack));
                else if (found.Entry is not null)
                    _engine.CopyUp.CopyUpEntry(found.ToNode(childPath, parent.Stack));
            }
        }
    }
}
