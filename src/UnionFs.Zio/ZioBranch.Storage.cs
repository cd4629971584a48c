using Zio;
using Zio.FileSystems;

namespace UnionFs.Zio;

/// <summary>How entries are read from and written to the Zio file system: descriptions, markers, the work area.</summary>
public sealed partial class ZioBranch
{
    /// <summary>Describes the entry at a Zio path; null when there is none (or it vanished while read).</summary>
    private BranchEntry? Describe(UPath zio, string name, bool hasWhiteoutBeside)
    {
        try
        {
            if (IsDirectory(zio))
            {
                var attributes = DirectoryAttributes(zio);
                if ((attributes & FileAttributes.ReparsePoint) != 0 && Link(zio, name) is { } directoryLink) return directoryLink;
                return Directory(name, attributes, zio, hasWhiteoutBeside,
                    _fs.GetCreationTime(zio), _fs.GetLastAccessTime(zio), _fs.GetLastWriteTime(zio));
            }
            if (_fs.FileExists(zio))
            {
                var attributes = _fs.GetAttributes(zio);
                if ((attributes & FileAttributes.ReparsePoint) != 0 && Link(zio, name) is { } fileLink) return fileLink;
                return File(name, attributes, _fs.GetFileLength(zio),
                    _fs.GetCreationTime(zio), _fs.GetLastAccessTime(zio), _fs.GetLastWriteTime(zio));
            }
            return Link(zio, name);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or NotSupportedException)
        {
            // Removed while it was read, or a name this file system cannot hold: not there.
            return null;
        }
    }

    /// <summary>
    /// The attributes of a directory. A zip archive's root (and a directory it only implies, with no entry of its own)
    /// has none to give: Zio throws for it; it is a plain directory.
    /// </summary>
    private FileAttributes DirectoryAttributes(UPath zio)
    {
        try
        {
            return _fs.GetAttributes(zio);
        }
        catch (FileNotFoundException)
        {
            return FileAttributes.Directory;
        }
    }

    /// <summary>Describes a listed item (one enumeration gives everything but links and markers).</summary>
    private BranchEntry? Describe(FileSystemItem item, string name, bool hasWhiteoutBeside)
    {
        if ((item.Attributes & FileAttributes.ReparsePoint) != 0) return Describe(item.Path, name, hasWhiteoutBeside);
        return item.IsDirectory
            ? Directory(name, item.Attributes, item.Path, hasWhiteoutBeside, item.CreationTime.UtcDateTime, item.LastAccessTime.UtcDateTime, item.LastWriteTime.UtcDateTime)
            : File(name, item.Attributes, item.Length, item.CreationTime.UtcDateTime, item.LastAccessTime.UtcDateTime, item.LastWriteTime.UtcDateTime);
    }

    private BranchEntry Directory(string name, FileAttributes attributes, UPath zio, bool hasWhiteoutBeside, DateTime created, DateTime accessed, DateTime written)
    {
        attributes = (attributes | FileAttributes.Directory) & ~(FileAttributes.Normal | FileAttributes.ReparsePoint);
        var readOnly = (attributes & FileAttributes.ReadOnly) != 0;
        return new BranchEntry
        {
            Name = name,
            Kind = EntryKind.Directory,
            Attributes = attributes,
            UnixMode = readOnly ? EntryMetadata.DefaultDirectoryMode & ~WriteBits : EntryMetadata.DefaultDirectoryMode,
            CreationTimeUtc = Utc(created),
            LastAccessTimeUtc = Utc(accessed),
            LastWriteTimeUtc = Utc(written),
            IsOpaque = hasWhiteoutBeside || _fs.FileExists(zio / OciMarkers.OpaqueMarker),
        };
    }

    private static BranchEntry File(string name, FileAttributes attributes, long length, DateTime created, DateTime accessed, DateTime written)
    {
        attributes &= ~(FileAttributes.Directory | FileAttributes.ReparsePoint);
        if (attributes == 0) attributes = FileAttributes.Normal;
        var readOnly = (attributes & FileAttributes.ReadOnly) != 0;
        return new BranchEntry
        {
            Name = name,
            Kind = EntryKind.File,
            Length = length,
            Attributes = attributes,
            UnixMode = readOnly ? EntryMetadata.DefaultFileMode & ~WriteBits : EntryMetadata.DefaultFileMode,
            CreationTimeUtc = Utc(created),
            LastAccessTimeUtc = Utc(accessed),
            LastWriteTimeUtc = Utc(written),
        };
    }

    /// <summary>
    /// A symbolic link, where the file system has them. A target under the root becomes a branch path; any other
    /// target is kept as Zio wrote it, which the union resolves inside the union (an absolute target means the union
    /// root), never in the Zio file system.
    /// </summary>
    private BranchEntry? Link(UPath zio, string name)
    {
        UPath target;
        try
        {
            if (!_fs.TryResolveLinkTarget(zio, out target) || target.IsNull) return null;
        }
        catch (Exception e) when (e is NotSupportedException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
        var text = target == Root ? BranchPath.Root
            : target.IsAbsolute && target.IsInDirectory(Root, recursive: true) ? target.FullName[(Root == UPath.Root ? 0 : Root.FullName.Length)..]
            : target.FullName;
        return new BranchEntry
        {
            Name = name,
            Kind = EntryKind.SymbolicLink,
            Length = text.Length,
            Attributes = FileAttributes.ReparsePoint,
            UnixMode = (UnixFileMode)0x1FF,
            LinkTarget = text,
        };
    }

    /// <summary>True for a directory, including one a zip archive only implies.</summary>
    private bool IsDirectory(UPath zio) => _fs.DirectoryExists(zio) || (_implied?.Contains(zio) ?? false);

    private static BranchEntry Whiteout(string name) => new() { Name = name, Kind = EntryKind.Whiteout };

    private const UnixFileMode WriteBits = UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;

    /// <summary>Zio answers times in local time (or as they were set); the branch speaks UTC.</summary>
    private static DateTime Utc(DateTime time) => time.Kind == DateTimeKind.Utc ? time : time.ToUniversalTime();

    /// <summary>
    /// Runs one change with the work area open (created in the root, removed afterwards). A file system that refuses
    /// the work area refuses writes: the branch is read-only from then on, and the change answers EROFS.
    /// </summary>
    private void Change(string path, Action<UPath> change)
    {
        lock (_writeGate)
        {
            ThrowIfReadOnly(path);
            var work = Root / OciMarkers.WorkDirectoryName;
            try
            {
                if (_fs.DirectoryExists(work)) _fs.DeleteDirectory(work, isRecursive: true);
                else if (_fs.FileExists(work)) _fs.DeleteFile(work);
                _fs.CreateDirectory(work);
            }
            catch (Exception e) when (e is NotSupportedException or UnauthorizedAccessException)
            {
                _readOnly = true;
                throw ReadOnlyError(path, e);
            }
            try
            {
                change(work);
            }
            finally
            {
                try
                {
                    if (_fs.DirectoryExists(work)) _fs.DeleteDirectory(work, isRecursive: true);
                }
                catch (IOException)
                {
                    // Runs while the change's own exception may unwind: never replace it. The next change clears it.
                }
                // A zip archive opened for update: its implied directories are read again, then swapped in whole.
                if (_fs is ZipArchiveFileSystem) _implied = new ImpliedDirectories(_fs, Root);
            }
        }
    }

    /// <summary>Runs a write that needs no work area; a file system that refuses it makes the branch read-only.</summary>
    private T Guard<T>(string path, Func<T> write)
    {
        ThrowIfReadOnly(path);
        try
        {
            return write();
        }
        catch (NotSupportedException e)
        {
            _readOnly = true;
            throw ReadOnlyError(path, e);
        }
    }

    private void ThrowIfReadOnly(string path)
    {
        if (_readOnly) throw ReadOnlyError(path, inner: null);
    }

    private static IOException ReadOnlyError(string path, Exception? inner)
    {
        var error = new IOException($"Read-only file system: the Zio branch cannot be changed ('{path}').", inner) { HResult = EROFS };
        return error;
    }

    private static UPath NewWorkPath(UPath work) => work / Guid.NewGuid().ToString("N");

    private void CreateMarker(UPath zio)
    {
        using (_fs.OpenFile(zio, FileMode.Create, FileAccess.Write, FileShare.None))
        {
        }
    }

    /// <summary>Removes what is at a Zio path; a directory is first moved into the work area, so it vanishes at once.</summary>
    private void RemoveEntry(UPath zio, UPath work)
    {
        if (_fs.DirectoryExists(zio))
        {
            var temp = NewWorkPath(work);
            _fs.MoveDirectory(zio, temp);
            _fs.DeleteDirectory(temp, isRecursive: true);
        }
        else if (_fs.FileExists(zio))
        {
            _fs.DeleteFile(zio);
        }
    }

    private void RemoveWhiteoutBeside(UPath zio)
    {
        if (TryWhiteoutBeside(zio, out var beside) && _fs.FileExists(beside)) _fs.DeleteFile(beside);
    }

    private void ApplyMetadata(UPath zio, EntryMetadata metadata, bool isDirectory)
    {
        var attributes = metadata.Attributes & ~(FileAttributes.Directory | FileAttributes.Normal | FileAttributes.ReparsePoint);
        if ((metadata.UnixMode & UnixFileMode.UserWrite) == 0) attributes |= FileAttributes.ReadOnly;
        else attributes &= ~FileAttributes.ReadOnly;
        // Times first: a read-only entry may refuse them afterwards.
        _fs.SetCreationTime(zio, metadata.CreationTimeUtc.ToLocalTime());
        _fs.SetLastAccessTime(zio, metadata.LastAccessTimeUtc.ToLocalTime());
        _fs.SetLastWriteTime(zio, metadata.LastWriteTimeUtc.ToLocalTime());
        var current = _fs.GetAttributes(zio);
        var wanted = isDirectory ? attributes | FileAttributes.Directory : attributes == 0 ? FileAttributes.Normal : attributes;
        if (current != wanted) _fs.SetAttributes(zio, wanted);
    }

    private bool HasMetadata(UPath zio, EntryMetadata metadata) =>
        Utc(_fs.GetLastWriteTime(zio)) == metadata.LastWriteTimeUtc
        && ((_fs.GetAttributes(zio) & FileAttributes.ReadOnly) != 0) == ((metadata.UnixMode & UnixFileMode.UserWrite) == 0);
}
