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

    /// <summary>Renames a visible entry to an absent (or replaceable non-directory) destination.</summary>
    private void RenameEntry(UnionNode source, UnionNode destination)
    {
        var destinationParent = BranchPath.GetParent(destination.Path)!;
        _engine.CopyUp.EnsureDirectory(destinationParent);
        var sourceInUpper = Layers.IsUpper(source.Layer);
        var sourceHasLower = Lookup.LowerHasName(source);

        if (!source.IsDirectory)
        {
            if (sourceInUpper) Upper.Rename(source.Path, destination.Path);
            else _engine.CopyUp.CopyTo(source, destination.Path);
        }
        else if (source.Stack.Length == 1 && sourceInUpper)
        {
            // A purely upper directory moves as it is; where a lower name lies below the destination it must stay hidden.
            Upper.Rename(source.Path, destination.Path);
            if (Lookup.LowerHasName(Lookup.Resolve(destination.Path, followFinal: false))) Upper.SetOpaque(destination.Path, true);
        }
        else if (Upper.SupportsRedirect)
        {
            // Like overlayfs with redirect_dir=on: copy up the directory alone and point it at its origin below.
            var origin = source.Entry!.Redirect ?? source.Stack.First(d => !Layers.IsUpper(d.Layer)).BranchPath;
            _engine.CopyUp.EnsureDirectory(source.Path);
            Upper.Rename(source.Path, destination.Path);
            Upper.SetRedirect(destination.Path, origin);
        }
        else
        {
            // The upper cannot store a redirect: copy the whole merged tree, then hide the old name.
            CopyTree(source, destination.Path);
            if (sourceInUpper) Upper.Remove(source.Path);
        }

        if (sourceHasLower || !sourceInUpper)
        {
            if (Upper.Stat(source.Path) is null) _engine.CopyUp.EnsureDirectory(BranchPath.GetParent(source.Path)!);
            Upper.CreateWhiteout(source.Path);
        }
    }

    private void CopyTree(UnionNode source, string destination)
    {
        Upper.CreateDirectory(destination, source.Entry!.Metadata, opaque: true);
        foreach (var child in _engine.Readdir.Read(source.Stack))
        {
            var childNode = Lookup.Resolve(BranchPath.Combine(source.Path, child.Entry.Name), followFinal: false);
            var childDestination = BranchPath.Combine(destination, child.Entry.Name);
            if (childNode.IsDirectory) CopyTree(childNode, childDestination);
            else _engine.CopyUp.CopyTo(childNode, childDestination);
        }
    }
}
