namespace UnionFs.Engine;

/// <summary>
/// Namespace changes (overlayfs's dir.c): create, mkdir, symlink, unlink, rmdir and rename. Deleting a
/// name that a lower branch has leaves a whiteout; a directory made where a whiteout was is opaque;
/// renaming a lower directory copies it up without its contents and redirects it to its origin.
/// Every member takes the union's write lock.
/// </summary>
internal sealed class DirectoryOps
{
    private readonly UnionEngine _engine;

    public DirectoryOps(UnionEngine engine) => _engine = engine;

    private LayerStack Layers => _engine.Layers;
    private Lookup Lookup => _engine.Lookup;
    private IBranch Upper => Layers.Upper!;

    /// <summary>
    /// Creates the directory and every missing ancestor (Directory.CreateDirectory); existing directories, and
    /// links to directories, are fine. A file in the way is EEXIST at the end of the path, ENOTDIR before it.
    /// </summary>
    public void CreateDirectory(string path, UnixFileMode? mode = null)
    {
        lock (_engine.WriteGate)
        {
            var segments = BranchPath.Segments(path);
            while (segments.MoveNext())
            {
                var end = segments.Current.End.Value;
                var isLast = end == path.Length;
                var node = Lookup.Resolve(path[..end], followFinal: false);
                if (node.IsSymbolicLink)
                {
                    // mkdir never follows a final link: a link to a directory is one, anything else is in the way.
                    if (Lookup.Resolve(node.Path, followFinal: true).IsDirectory) continue;
                    throw isLast ? UnionErrors.AlreadyExists(path) : UnionErrors.DirectoryNotFound(path);
                }
                if (node.IsDirectory) continue;
                if (node.Exists) throw isLast ? UnionErrors.AlreadyExists(path) : UnionErrors.DirectoryNotFound(path);
                MakeDirectory(node, isLast ? mode : null);
            }
        }
    }

    /// <summary>Creates a symbolic link at <paramref name="path"/>; the name must be free.</summary>
    public void CreateSymbolicLink(string path, string target)
    {
        lock (_engine.WriteGate)
        {
            var node = Lookup.Resolve(path, followFinal: false);
            if (node.Exists) throw UnionErrors.AlreadyExists(path);
            _engine.RequireWritable(path);
            _engine.CopyUp.EnsureDirectory(BranchPath.GetParent(node.Path)!);
            Upper.CreateSymbolicLink(node.Path, target, _engine.NewMetadata(EntryKind.SymbolicLink));
        }
    }

    /// <summary>Deletes a file or symbolic link (File.Delete): a missing name is not an error; a directory is.</summary>
    public void DeleteFile(string path)
    {
        lock (_engine.WriteGate)
        {
            var node = Lookup.Resolve(path, followFinal: false);
            if (!node.Exists) return;
            if (node.IsDirectory) throw UnionErrors.AccessDenied(path);
            _engine.RequireWritable(path);
            RemoveName(node);
        }
    }

    /// <summary>Deletes a directory (Directory.Delete); without <paramref name="recursive"/> it must be empty in the merged view.</summary>
    public void DeleteDirectory(string path, bool recursive)
    {
        lock (_engine.WriteGate)
        {
            var node = Lookup.Resolve(path, followFinal: false);
            if (node.IsSymbolicLink && Lookup.Resolve(node.Path, followFinal: true).IsDirectory)
            {
                // A link to a directory is removed as a link; what it points at stays.
                _engine.RequireWritable(path);
                RemoveName(node);
                return;
            }
            if (!node.IsDirectory) throw UnionErrors.DirectoryNotFound(path);
            if (node.Path.Length == 1) throw new IOException($"Device or resource busy : '{path}'", 0x10);
            if (!recursive && !_engine.Readdir.IsEmpty(node.Stack)) throw UnionErrors.NotEmpty(path);
            _engine.RequireWritable(path);
            RemoveName(node);
        }
    }

    /// <summary>Moves a file or symbolic link (File.Move).</summary>
    public void MoveFile(string sourcePath, string destinationPath, bool overwrite)
    {
        lock (_engine.WriteGate)
        {
            var source = Lookup.Resolve(sourcePath, followFinal: false);
            if (!source.Exists || source.IsDirectory) throw UnionErrors.FileNotFound(sourcePath);
            var destination = Lookup.Resolve(destinationPath, followFinal: false);
            if (destination.Path == source.Path) return;
            if (destination.Exists)
            {
                if (!overwrite) throw UnionErrors.AlreadyExists(destinationPath);
                if (destination.IsDirectory) throw UnionErrors.IsADirectory(destinationPath);
            }
            _engine.RequireWritable(sourcePath);
            RenameEntry(source, destination);
        }
    }

    /// <summary>Moves a directory, or a file (Directory.Move); the destination must not exist.</summary>
    public void MoveDirectory(string sourcePath, string destinationPath)
    {
        lock (_engine.WriteGate)
        {
            var source = Lookup.Resolve(sourcePath, followFinal: false);
            if (!source.Exists) throw UnionErrors.DirectoryNotFound(sourcePath);
            var destination = Lookup.Resolve(destinationPath, followFinal: false);
            if (destination.Exists) throw UnionErrors.DestinationExists(destinationPath);
            if (source.Path.Length == 1 || BranchPath.IsSameOrBelow(destination.Path, source.Path))
                throw UnionErrors.InvalidArgument(sourcePath);
            _engine.RequireWritable(sourcePath);
            RenameEntry(source, destination);
        }
    }

    /// <summary>
    /// Makes the directory for an absent <paramref name="node"/> whose parent exists: opaque when a whiteout in
    /// the upper hides a lower name there, so the old lower contents stay hidden.
    /// </summary>
    internal void MakeDirectory(UnionNode node, UnixFileMode? mode)
    {
        _engine.RequireWritable(node.Path);
        _engine.CopyUp.EnsureDirectory(BranchPath.GetParent(node.Path)!);
        var metadata = _engine.NewMetadata(EntryKind.Directory);
        if (mode is { } m) metadata = metadata with { UnixMode = m };
        var opaque = Layers.IsUpper(node.Layer) || (node.ParentStack.Length > 0 && Lookup.LowerHasName(node));
        Upper.CreateDirectory(node.Path, metadata, opaque);
    }

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
        else if (source.Stack.Length == 1 && Layers.IsUpper(source.Layer))
        {
            // A purely upper directory moves as it is; where a lower name lies below the destination it must stay hidden.
            if (!source.Entry!.IsOpaque && Lookup.LookupChild(destination.ParentStack, destination.Name, Layers.FirstLower).Entry is not null)
                Upper.SetOpaque(source.Path, true);
        }
        else if (Upper.SupportsRedirect)
        {
            // Like overlayfs with redirect_dir=on: copy up the directory alone and point it at its origin below.
            var origin = source.Entry!.Redirect ?? source.Stack.First(d => !Layers.IsUpper(d.Layer)).BranchPath;
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

    /// <summary>Copies a merged directory and everything visible below it into the upper, in place.</summary>
    private void CopyUpTree(UnionNode directory)
    {
        _engine.CopyUp.EnsureDirectory(directory.Path);
        foreach (var child in _engine.Readdir.Read(directory.Stack))
        {
            var childNode = Lookup.LookupChild(directory.Stack, child.Entry.Name).ToNode(BranchPath.Combine(directory.Path, child.Entry.Name), directory.Stack);
            if (childNode.IsDirectory) CopyUpTree(childNode);
            else _engine.CopyUp.CopyUpEntry(childNode);
        }
    }
}
