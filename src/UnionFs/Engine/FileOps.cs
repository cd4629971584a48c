namespace UnionFs.Engine;

/// <summary>
/// Opening files (overlayfs's file.c): a read never copies up; an open with write access or truncation
/// copies the file up first (truncation skips copying the bytes it would throw away).
/// </summary>
internal sealed class FileOps
{
    private readonly UnionEngine _engine;

    public FileOps(UnionEngine engine) => _engine = engine;

    /// <summary>Opens the file at <paramref name="path"/> as <see cref="FileStream"/> would, returning the branch stream.</summary>
    public Stream Open(string path, FileMode mode, FileAccess access)
    {
        ValidateModeAndAccess(mode, access);
        var writes = (access & FileAccess.Write) != 0;
        if (!writes && mode == FileMode.Open) return OpenForReading(path);

        lock (_engine.WriteGate)
        {
            if (mode == FileMode.CreateNew && _engine.Lookup.Resolve(path, followFinal: false).Exists)
                throw UnionErrors.AlreadyExists(path);
            var node = ResolveForOpen(path);
            if (node.IsDirectory) throw UnionErrors.AccessDenied(path);
            if (!node.Exists && mode is FileMode.Open or FileMode.Truncate) throw UnionErrors.FileNotFound(path);
            if (node.Exists && mode == FileMode.CreateNew) throw UnionErrors.AlreadyExists(path);
            if (node.Exists && !writes) return OpenReadStream(node);
            _engine.RequireWritable(path);

            var truncate = mode is FileMode.Create or FileMode.Truncate;
            var upper = _engine.Layers.Upper!;
            if (!node.Exists)
            {
                _engine.CopyUp.EnsureDirectory(BranchPath.GetParent(node.Path)!);
                upper.CreateFile(node.Path, null, _engine.NewMetadata(EntryKind.File));
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

            var stream = writes ? upper.OpenWrite(node.Path) : upper.OpenRead(node.Path);
            if (truncate && node.Exists && stream.Length != 0) stream.SetLength(0);
            if (mode == FileMode.Append) stream.Seek(0, SeekOrigin.End);
            return stream;
        }
    }

    /// <summary>Opens the visible file for reading from whichever branch holds it, without copying up.</summary>
    public Stream OpenForReading(string path)
    {
        var node = ResolveForOpen(path);
        if (!node.Exists) throw UnionErrors.FileNotFound(path);
        if (node.IsDirectory) throw UnionErrors.AccessDenied(path);
        return OpenReadStream(node);
    }

    private Stream OpenReadStream(UnionNode node)
    {
        var copyUps = _engine.CopyUpCount;
        var stream = _engine.Layers.Branches[node.Layer].OpenRead(node.BranchPath!);
        return _engine.Layers.IsUpper(node.Layer) ? stream : new CopyUpAwareStream(_engine, node.Path, stream, copyUps);
    }

    /// <summary>
    /// Resolves a path to open, following a final link. Like .NET on Linux, a missing directory on the way
    /// to a link's target is ENOENT for the file (FileNotFound) when the directory of the path given exists.
    /// </summary>
    private UnionNode ResolveForOpen(string path)
    {
        try
        {
            return _engine.Lookup.Resolve(path, followFinal: true);
        }
        catch (DirectoryNotFoundException) when (_engine.Lookup.Resolve(path, followFinal: false).Exists)
        {
            throw UnionErrors.FileNotFound(path);
        }
    }

    /// <summary>Throws what FileStream throws for an invalid mode and access combination.</summary>
    public static void ValidateModeAndAccess(FileMode mode, FileAccess access)
    {
        if (mode is < FileMode.CreateNew or > FileMode.Append) throw new ArgumentOutOfRangeException(nameof(mode), "Enum value was out of legal range.");
        if (access is < FileAccess.Read or > FileAccess.ReadWrite) throw new ArgumentOutOfRangeException(nameof(access), "Enum value was out of legal range.");
        if ((access & FileAccess.Write) == 0 && mode is FileMode.Truncate or FileMode.CreateNew or FileMode.Create or FileMode.Append)
            throw new ArgumentException($"Combining FileMode: {mode} with FileAccess: {access} is invalid.", nameof(access));
        if (mode == FileMode.Append && (access & FileAccess.Read) != 0)
            throw new ArgumentException($"Combining FileMode: {mode} with FileAccess: {access} is invalid.", nameof(access));
    }
}
