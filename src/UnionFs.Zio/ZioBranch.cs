using Zio;
using Zio.FileSystems;
using ZioFileSystem = Zio.IFileSystem;

namespace UnionFs.Zio;

/// <summary>
/// A union branch stored in a directory of any Zio file system: a <see cref="MemoryFileSystem"/>, a
/// <see cref="PhysicalFileSystem"/>, a <see cref="SubFileSystem"/>, a <see cref="ZipArchiveFileSystem"/>, ...
/// As a lower it is only read. As an upper it stores whiteouts and opaque directories in the OCI image layer
/// format, exactly as a <see cref="DirectoryBranch"/> in <see cref="WhiteoutFormat.Oci"/> does (<c>.wh.&lt;name&gt;</c>
/// beside a name hides it, <c>.wh..wh..opq</c> in a directory makes it opaque), so both read what the other wrote.
/// Nothing outside the root is read or written.
/// </summary>
/// <remarks>
/// <para>Read-only file systems: a <see cref="ReadOnlyFileSystem"/> (or a branch opened with <c>readOnly: true</c>) is
/// read-only up front. Any other file system that refuses a write (a zip archive opened for reading) answers the
/// union's first write with an <see cref="IOException"/> with HResult 0x1E (EROFS), as a read-only branch does, and
/// from then on reports <see cref="IsReadOnly"/>.</para>
/// <para>Names: Zio reads <c>\</c> as a separator, so a name holding one cannot be stored; writing such a name throws an
/// <see cref="IOException"/> with HResult 0x16 (EINVAL) and looking it up finds nothing. Names Zio itself refuses
/// (a <c>:</c>, control characters) are refused the same way.</para>
/// <para>Streams: file systems whose read streams cannot seek (zip entries) are buffered once on open: in memory up to
/// <see cref="MemoryBufferLimit"/> bytes, in a temporary file deleted on close above it.</para>
/// </remarks>
public sealed partial class ZioBranch : IBranch
{
    /// <summary>The largest non-seekable file buffered in memory on open; larger ones go to a temporary file.</summary>
    public const long MemoryBufferLimit = 16L * 1024 * 1024;

    private const int EROFS = 0x1E;
    private const int EINVAL = 0x16;

    private readonly ZioFileSystem _fs;
    private readonly Lock _writeGate = new();
    private volatile bool _readOnly;
    private volatile ImpliedDirectories? _implied;

    /// <summary>Opens the directory <paramref name="root"/> of <paramref name="fileSystem"/> as a branch.</summary>
    /// <param name="fileSystem">The Zio file system that holds the branch.</param>
    /// <param name="root">An existing directory (absolute); it becomes the branch's <c>/</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="root"/> is not absolute.</exception>
    /// <exception cref="DirectoryNotFoundException"><paramref name="root"/> is not an existing directory.</exception>
    public ZioBranch(ZioFileSystem fileSystem, UPath root)
        : this(fileSystem, root, fileSystem is ReadOnlyFileSystem)
    {
    }

    /// <summary>Opens the directory <paramref name="root"/> of <paramref name="fileSystem"/> as a branch, read-only when asked.</summary>
    /// <param name="fileSystem">The Zio file system that holds the branch.</param>
    /// <param name="root">An existing directory (absolute); it becomes the branch's <c>/</c>.</param>
    /// <param name="readOnly">True to refuse every write up front (a lower that must never be written).</param>
    /// <exception cref="ArgumentException"><paramref name="root"/> is not absolute.</exception>
    /// <exception cref="DirectoryNotFoundException"><paramref name="root"/> is not an existing directory.</exception>
    public ZioBranch(ZioFileSystem fileSystem, UPath root, bool readOnly)
    {
        ArgumentNullException.ThrowIfNull(fileSystem);
        if (root.IsNull || !root.IsAbsolute) throw new ArgumentException($"The branch root '{root}' must be an absolute Zio path.", nameof(root));
        _fs = fileSystem;
        Root = root;
        _readOnly = readOnly || fileSystem is ReadOnlyFileSystem;
        if (fileSystem is ZipArchiveFileSystem && fileSystem.DirectoryExists(root)) _implied = new ImpliedDirectories(fileSystem, root);
        if (!IsDirectory(root)) throw new DirectoryNotFoundException($"The branch root '{root}' is not an existing directory.");
    }

    /// <summary>The Zio file system that holds the branch.</summary>
    public ZioFileSystem FileSystem => _fs;

    /// <summary>The branch root in <see cref="FileSystem"/>.</summary>
    public UPath Root { get; }

    /// <inheritdoc />
    public bool IsReadOnly => _readOnly;

    /// <summary>False: the OCI format cannot store directory redirects.</summary>
    public bool SupportsRedirect => false;

    /// <inheritdoc />
    public BranchEntry? Stat(string path)
    {
        if (!TryZioPath(path, out var zio)) return null;
        if (path.Length == 1) return Describe(zio, string.Empty, hasWhiteoutBeside: false);
        var name = BranchPath.GetName(path);
        if (IsHiddenName(name)) return null;
        try
        {
            var hasWhiteoutBeside = TryWhiteoutBeside(zio, out var beside) && _fs.FileExists(beside);
            var entry = Describe(zio, name, hasWhiteoutBeside);
            return entry ?? (hasWhiteoutBeside ? Whiteout(name) : null);
        }
        catch (NotSupportedException)
        {
            // A name this file system refuses (Zio's memory file system refuses ':'): it cannot be there.
            return null;
        }
    }

    /// <inheritdoc />
    public IEnumerable<BranchEntry> List(string path)
    {
        if (!TryZioPath(path, out var zio) || !IsDirectory(zio)) return [];
        var entries = new Dictionary<string, FileSystemItem?>(StringComparer.Ordinal);
        var whiteouts = new HashSet<string>(StringComparer.Ordinal);
        void Add(string name, FileSystemItem? item)
        {
            if (name.StartsWith(OciMarkers.WhiteoutPrefix, StringComparison.Ordinal))
            {
                if (OciMarkers.WhitedOutName(name) is { } hidden) whiteouts.Add(hidden);
                return;
            }
            entries[name] = item;
        }
        try
        {
            if (_implied is { } implied)
            {
                foreach (var name in implied.ChildrenOf(zio)) Add(name, null);
            }
            else
            {
                foreach (var item in _fs.EnumerateItems(zio, SearchOption.TopDirectoryOnly)) Add(item.GetName(), item);
            }
        }
        catch (DirectoryNotFoundException)
        {
            // Removed while it was read: the names read so far are the listing.
        }
        var result = new List<BranchEntry>(entries.Count + whiteouts.Count);
        foreach (var (name, item) in entries)
        {
            var hasWhiteoutBeside = whiteouts.Contains(name);
            var entry = item is { } listed ? Describe(listed, name, hasWhiteoutBeside) : Describe(zio / name, name, hasWhiteoutBeside);
            if (entry is not null) result.Add(entry);
        }
        foreach (var name in whiteouts)
            if (!entries.ContainsKey(name)) result.Add(Whiteout(name));
        result.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        return result;
    }

    /// <inheritdoc />
    /// <remarks>A stream that cannot seek (a zip entry) is buffered first, so the union can seek and ask its length.</remarks>
    public Stream OpenRead(string path)
    {
        var zio = ExistingZioPath(path);
        var stream = _fs.OpenFile(zio, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return stream.CanSeek ? stream : SeekableCopy.Of(stream, path);
    }

    /// <inheritdoc />
    public Stream OpenWrite(string path)
    {
        var zio = WritableZioPath(path);
        return Guard(path, () => _fs.OpenFile(zio, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite));
    }

    /// <inheritdoc />
    public void CreateFile(string path, Stream? content, EntryMetadata metadata)
    {
        var zio = WritableZioPath(path);
        Change(path, work =>
        {
            var temp = NewWorkPath(work);
            using (var output = _fs.OpenFile(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                content?.CopyTo(output);
            ApplyMetadata(temp, metadata, isDirectory: false);
            if (_fs.FileExists(zio)) _fs.ReplaceFile(temp, zio, default, ignoreMetadataErrors: true);
            else _fs.MoveFile(temp, zio);
            if (!HasMetadata(zio, metadata)) ApplyMetadata(zio, metadata, isDirectory: false);
            RemoveWhiteoutBeside(zio);
        });
    }

    /// <inheritdoc />
    public void CreateDirectory(string path, EntryMetadata metadata, bool opaque)
    {
        var zio = WritableZioPath(path);
        Change(path, work =>
        {
            if (_fs.FileExists(zio) || _fs.DirectoryExists(zio)) throw new IOException($"'{path}' already exists in the branch.");
            if (opaque)
            {
                // Prepared with its marker in the work area, then moved into place: it appears whole.
                var temp = NewWorkPath(work);
                _fs.CreateDirectory(temp);
                CreateMarker(temp / OciMarkers.OpaqueMarker);
                _fs.MoveDirectory(temp, zio);
            }
            else
            {
                _fs.CreateDirectory(zio);
            }
            ApplyMetadata(zio, metadata, isDirectory: true);
            RemoveWhiteoutBeside(zio);
        });
    }

    /// <inheritdoc />
    /// <remarks>
    /// Zio links take an absolute Zio path to an existing entry: an absolute target present in this branch is stored under
    /// the root (so the link stays inside it); a relative target, a target the branch does not hold (one in a lower), or
    /// any link where the file system has none (Zio's <see cref="MemoryFileSystem"/>) throws <see cref="NotSupportedException"/>.
    /// </remarks>
    public void CreateSymbolicLink(string path, string target, EntryMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(target);
        var zio = WritableZioPath(path);
        if (!target.StartsWith('/') || target.Contains('\\', StringComparison.Ordinal))
            throw new NotSupportedException($"A Zio branch stores only absolute link targets without '\\'; '{target}' cannot be stored at '{path}'.");
        UPath targetPath;
        try
        {
            targetPath = target.Length == 1 ? Root : Root / new UPath(target).ToRelative();
        }
        catch (ArgumentException e)
        {
            throw new NotSupportedException($"The link target '{target}' cannot be stored in a Zio branch: {e.Message}", e);
        }
        if (!IsUnderRoot(targetPath)) throw new NotSupportedException($"The link target '{target}' leaves the branch.");
        Change(path, _ =>
        {
            if (!_fs.FileExists(targetPath) && !_fs.DirectoryExists(targetPath))
                throw new NotSupportedException($"Zio links only to a target that exists in the same file system; '{target}' is not in the branch.");
            if (_fs.FileExists(zio)) _fs.DeleteFile(zio);
            _fs.CreateSymbolicLink(zio, targetPath);
            RemoveWhiteoutBeside(zio);
        });
    }

    /// <inheritdoc />
    public void CreateWhiteout(string path)
    {
        var zio = ZioPathForChange(path);
        Change(path, work =>
        {
            // The entry goes first (a directory is moved into the work area in one step), then the marker appears.
            RemoveEntry(zio, work);
            if (!TryWhiteoutBeside(zio, out var beside)) throw Invalid(path);
            if (!_fs.FileExists(beside))
            {
                var temp = NewWorkPath(work);
                CreateMarker(temp);
                _fs.MoveFile(temp, beside);
            }
        });
    }

    /// <inheritdoc />
    public void Remove(string path)
    {
        var zio = ZioPathForChange(path);
        Change(path, work =>
        {
            var hasBeside = TryWhiteoutBeside(zio, out var beside) && _fs.FileExists(beside);
            if (!_fs.FileExists(zio) && !_fs.DirectoryExists(zio) && !hasBeside)
                throw new FileNotFoundException($"'{path}' does not exist in the branch.", path);
            RemoveEntry(zio, work);
            if (hasBeside) _fs.DeleteFile(beside);
        });
    }

    /// <inheritdoc />
    /// <remarks>Zio has no rename that replaces: an entry at the destination is removed first, then the source moves.</remarks>
    public void Rename(string sourcePath, string destinationPath, bool leaveWhiteout = false)
    {
        var source = WritableZioPath(sourcePath);
        var destination = WritableZioPath(destinationPath);
        Change(sourcePath, work =>
        {
            var sourceIsDirectory = _fs.DirectoryExists(source);
            if (!sourceIsDirectory && !_fs.FileExists(source))
                throw new FileNotFoundException($"'{sourcePath}' does not exist in the branch.", sourcePath);
            if (_fs.DirectoryExists(destination))
            {
                if (!sourceIsDirectory) throw new IOException($"'{destinationPath}' is a directory in the branch.");
                if (_fs.EnumeratePaths(destination).Any()) throw new IOException($"'{destinationPath}' is a directory that is not empty in the branch.");
                _fs.DeleteDirectory(destination, isRecursive: false);
            }
            else if (_fs.FileExists(destination))
            {
                _fs.DeleteFile(destination);
            }
            if (leaveWhiteout && TryWhiteoutBeside(source, out var sourceBeside) && !_fs.FileExists(sourceBeside))
            {
                var temp = NewWorkPath(work);
                CreateMarker(temp);
                _fs.MoveFile(temp, sourceBeside);
            }
            if (sourceIsDirectory) _fs.MoveDirectory(source, destination);
            else _fs.MoveFile(source, destination);
            RemoveWhiteoutBeside(destination);
        });
    }

    /// <inheritdoc />
    /// <remarks>Zio has no Unix modes: a mode without the owner's write bit is stored as <see cref="FileAttributes.ReadOnly"/>.</remarks>
    public void SetMetadata(string path, MetadataChange change)
    {
        ThrowIfReadOnly(path);
        var zio = path.Length == 1 ? Root : WritableZioPath(path);
        Guard(path, () =>
        {
            if (change.UnixMode is { } mode)
            {
                var attributes = _fs.GetAttributes(zio);
                var readOnly = (mode & UnixFileMode.UserWrite) == 0;
                var updated = readOnly ? attributes | FileAttributes.ReadOnly : attributes & ~FileAttributes.ReadOnly;
                if (updated != attributes) _fs.SetAttributes(zio, updated);
            }
            if (change.CreationTimeUtc is { } created) _fs.SetCreationTime(zio, created.ToLocalTime());
            if (change.LastAccessTimeUtc is { } accessed) _fs.SetLastAccessTime(zio, accessed.ToLocalTime());
            if (change.LastWriteTimeUtc is { } written) _fs.SetLastWriteTime(zio, written.ToLocalTime());
            return 0;
        });
    }

    /// <inheritdoc />
    public void SetOpaque(string path, bool opaque)
    {
        var zio = WritableZioPath(path);
        Change(path, _ =>
        {
            var marker = zio / OciMarkers.OpaqueMarker;
            if (opaque) CreateMarker(marker);
            else if (_fs.FileExists(marker)) _fs.DeleteFile(marker);
        });
    }

    /// <summary>Throws: the OCI format cannot store directory redirects.</summary>
    public void SetRedirect(string path, string? redirect) =>
        throw new NotSupportedException("A Zio branch stores whiteouts in the OCI format, which cannot store directory redirects.");

    /// <inheritdoc />
    public override string ToString() => $"ZioBranch({_fs}, {Root})";
}
