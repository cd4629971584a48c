using System.IO.Abstractions;
using UnionFs.Engine;

namespace UnionFs.Facade;

/// <summary><see cref="IDirectory"/> over a union: each overload funnels into one canonical member.</summary>
internal sealed class UnionDirectory : IDirectory
{
    private readonly UnionFileSystem _fs;

    public UnionDirectory(UnionFileSystem fs) => _fs = fs;

    public IFileSystem FileSystem => _fs;

    private UnionEngine Engine => _fs.Engine;

    public IDirectoryInfo CreateDirectory(string path)
    {
        var full = _fs.Full(path);
        var shown = UnionFileSystem.Shown(path, full);
        MakeDirectories(full, shown, mode: null);
        return new UnionDirectoryInfo(_fs, shown, path);
    }

    public IDirectoryInfo CreateDirectory(string path, UnixFileMode unixCreateMode)
    {
        var full = _fs.Full(path);
        var shown = UnionFileSystem.Shown(path, full);
        MakeDirectories(full, shown, unixCreateMode);
        return new UnionDirectoryInfo(_fs, shown, path);
    }

    public IFileSystemInfo CreateSymbolicLink(string path, string pathToTarget)
    {
        var full = _fs.Full(path);
        UnionPath.Validate(pathToTarget, nameof(pathToTarget));
        UnionFile.CreateLink(Engine, full, path, pathToTarget);
        return new UnionDirectoryInfo(_fs, UnionFileSystem.Shown(path, full), path);
    }

    public IDirectoryInfo CreateTempSubdirectory(string? prefix = null)
    {
        var temp = _fs.Full(_fs.Path.GetTempPath());
        MakeDirectories(temp, temp, mode: null);
        while (true)
        {
            var full = _fs.Full(_fs.Path.Join(temp, (prefix ?? string.Empty) + _fs.Path.GetRandomFileName()));
            var error = Engine.Directories.MakeDirectory(full, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            if (error == Errno.EEXIST) continue;
            if (error != Errno.None) throw UnionErrors.FromErrno(error, full, isDirectory: true);
            return new UnionDirectoryInfo(_fs, full);
        }
    }

    public void Delete(string path) => Delete(path, recursive: false);

    /// <summary>
    /// As .NET: rmdir first; a non-empty directory is removed whole when recursive; a link to a directory is
    /// removed as a link. A missing directory is preferred over other errors.
    /// </summary>
    public void Delete(string path, bool recursive)
    {
        var full = _fs.Full(path);
        var shown = UnionFileSystem.Shown(path, full);
        var error = Engine.Directories.RemoveDirectory(full, recursive: false);
        if (error == Errno.ENOTEMPTY && recursive) error = Engine.Directories.RemoveDirectory(full, recursive: true);
        if (error is Errno.None) return;
        if (error is Errno.ENOTEMPTY or Errno.ENOENT) throw UnionErrors.FromErrno(error, shown, isDirectory: true);
        var statError = Engine.Lookup.TryResolve(full, followFinal: true, out var target);
        if (statError == Errno.None && target!.IsDirectory)
        {
            // rmdir("link/") follows the link to a directory that is no link: ENOTDIR, and nothing is removed.
            if (error == Errno.ENOTDIR && !UnionPath.EndsInSeparator(path))
            {
                // A link to a directory: the link goes, what it points at stays.
                _fs.File.Delete(full);
                return;
            }
        }
        else if (statError == Errno.ENOENT || target?.Exists == false)
        {
            error = Errno.ENOENT;
        }
        throw UnionErrors.FromErrno(error, shown, isDirectory: true);
    }

    public bool Exists(string? path) => _fs.TryFull(path, out var full) && EntryStatus.DirectoryExists(Engine, full);

    /// <summary>
    /// As .NET: the same path is refused; an existing destination (by lstat) is refused after checking the
    /// source exists; then one rename, whose errors .NET words in its own way.
    /// </summary>
    public void Move(string sourceDirName, string destDirName)
    {
        ArgumentException.ThrowIfNullOrEmpty(sourceDirName);
        ArgumentException.ThrowIfNullOrEmpty(destDirName);
        var source = _fs.Full(sourceDirName, nameof(sourceDirName));
        var destination = _fs.Full(destDirName, nameof(destDirName));
        var sourceShown = UnionFileSystem.Shown(sourceDirName, source);
        if (source == destination) throw UnionErrors.SourceAndDestinationSame();
        var destinationStatus = EntryStatus.Of(Engine, destination);
        if (destinationStatus.Exists)
        {
            var sourceStatus = EntryStatus.Of(Engine, source);
            if (!sourceStatus.Exists) throw UnionErrors.DirectoryNotFound(sourceShown);
            if (sourceStatus.Node!.Path == destinationStatus.Node!.Path) throw UnionErrors.SourceAndDestinationSame();
            if (!sourceStatus.Node.IsDirectory && UnionPath.EndsInSeparator(sourceDirName)) throw UnionErrors.PathNotFound(sourceShown);
            throw UnionErrors.DestinationExists(UnionFileSystem.Shown(destDirName, destination));
        }
        // .NET drops a trailing separator from the destination only: the source's makes rename(2) want a directory.
        var error = Engine.Directories.Rename(source, destination, directoryOnly: UnionPath.EndsInSeparator(sourceDirName));
        switch (error)
        {
            case Errno.None:
                return;
            case Errno.ENOENT:
                throw UnionErrors.DirectoryNotFound(sourceShown);
            case Errno.ENOTDIR:
                throw UnionErrors.PathNotFound(sourceShown);
            default:
                // .NET words the other errors of rename(2) without a path.
                throw UnionErrors.FromErrno(error, path: null, isDirectory: true);
        }
    }

    public string GetCurrentDirectory() => _fs.CurrentDirectory;

    public void SetCurrentDirectory(string path)
    {
        var full = _fs.Full(path);
        var error = Engine.Lookup.TryResolve(full, followFinal: true, out var node);
        if (error == Errno.None && !node!.IsDirectory) error = node.Exists ? Errno.ENOTDIR : Errno.ENOENT;
        if (error != Errno.None) throw UnionErrors.FromErrno(error, UnionFileSystem.Shown(path, full), isDirectory: true);
        // As chdir(2) and getcwd(3): the current directory is the directory reached, its links resolved.
        _fs.CurrentDirectory = node!.Path;
    }

    public string GetDirectoryRoot(string path)
    {
        _fs.Full(path);
        return BranchPath.Root;
    }

    public string[] GetLogicalDrives() => [BranchPath.Root];

    public IDirectoryInfo? GetParent(string path)
    {
        // As Directory.GetParent: the directory part of the full path as written ("/a/b/" has the parent "/a/b").
        var full = UnionFileSystem.Shown(path, _fs.Full(path));
        var parent = Path.GetDirectoryName(full);
        return parent is null ? null : new UnionDirectoryInfo(_fs, parent);
    }

    public IFileSystemInfo? ResolveLinkTarget(string linkPath, bool returnFinalTarget) =>
        LinkResolver.Resolve(_fs, linkPath, returnFinalTarget, asDirectory: true);

    public DateTime GetCreationTime(string path) => _fs.File.GetCreationTime(path);

    public DateTime GetCreationTimeUtc(string path) => _fs.File.GetCreationTimeUtc(path);

    public DateTime GetLastAccessTime(string path) => _fs.File.GetLastAccessTime(path);

    public DateTime GetLastAccessTimeUtc(string path) => _fs.File.GetLastAccessTimeUtc(path);

    public DateTime GetLastWriteTime(string path) => _fs.File.GetLastWriteTime(path);

    public DateTime GetLastWriteTimeUtc(string path) => _fs.File.GetLastWriteTimeUtc(path);

    public void SetCreationTime(string path, DateTime creationTime) => _fs.File.SetCreationTime(path, creationTime);

    public void SetCreationTimeUtc(string path, DateTime creationTimeUtc) => _fs.File.SetCreationTimeUtc(path, creationTimeUtc);

    public void SetLastAccessTime(string path, DateTime lastAccessTime) => _fs.File.SetLastAccessTime(path, lastAccessTime);

    public void SetLastAccessTimeUtc(string path, DateTime lastAccessTimeUtc) => _fs.File.SetLastAccessTimeUtc(path, lastAccessTimeUtc);

    public void SetLastWriteTime(string path, DateTime lastWriteTime) => _fs.File.SetLastWriteTime(path, lastWriteTime);

    public void SetLastWriteTimeUtc(string path, DateTime lastWriteTimeUtc) => _fs.File.SetLastWriteTimeUtc(path, lastWriteTimeUtc);

    // ---- listings: every overload comes down to List ----

    public IEnumerable<string> EnumerateDirectories(string path) => EnumerateDirectories(path, "*");

    public IEnumerable<string> EnumerateDirectories(string path, string searchPattern) => EnumerateDirectories(path, searchPattern, SearchOption.TopDirectoryOnly);

    public IEnumerable<string> EnumerateDirectories(string path, string searchPattern, SearchOption searchOption) =>
        EnumerateDirectories(path, searchPattern, Enumeration.FromSearchOption(searchOption));

    public IEnumerable<string> EnumerateDirectories(string path, string searchPattern, EnumerationOptions enumerationOptions) =>
        List(path, searchPattern, enumerationOptions, EntryKinds.Directories);

    public IEnumerable<string> EnumerateFiles(string path) => EnumerateFiles(path, "*");

    public IEnumerable<string> EnumerateFiles(string path, string searchPattern) => EnumerateFiles(path, searchPattern, SearchOption.TopDirectoryOnly);

    public IEnumerable<string> EnumerateFiles(string path, string searchPattern, SearchOption searchOption) =>
        EnumerateFiles(path, searchPattern, Enumeration.FromSearchOption(searchOption));

    public IEnumerable<string> EnumerateFiles(string path, string searchPattern, EnumerationOptions enumerationOptions) =>
        List(path, searchPattern, enumerationOptions, EntryKinds.Files);

    public IEnumerable<string> EnumerateFileSystemEntries(string path) => EnumerateFileSystemEntries(path, "*");

    public IEnumerable<string> EnumerateFileSystemEntries(string path, string searchPattern) =>
        EnumerateFileSystemEntries(path, searchPattern, SearchOption.TopDirectoryOnly);

    public IEnumerable<string> EnumerateFileSystemEntries(string path, string searchPattern, SearchOption searchOption) =>
        EnumerateFileSystemEntries(path, searchPattern, Enumeration.FromSearchOption(searchOption));

    public IEnumerable<string> EnumerateFileSystemEntries(string path, string searchPattern, EnumerationOptions enumerationOptions) =>
        List(path, searchPattern, enumerationOptions, EntryKinds.Both);

    public string[] GetDirectories(string path) => EnumerateDirectories(path).ToArray();

    public string[] GetDirectories(string path, string searchPattern) => EnumerateDirectories(path, searchPattern).ToArray();

    public string[] GetDirectories(string path, string searchPattern, SearchOption searchOption) => EnumerateDirectories(path, searchPattern, searchOption).ToArray();

    public string[] GetDirectories(string path, string searchPattern, EnumerationOptions enumerationOptions) => EnumerateDirectories(path, searchPattern, enumerationOptions).ToArray();

    public string[] GetFiles(string path) => EnumerateFiles(path).ToArray();

    public string[] GetFiles(string path, string searchPattern) => EnumerateFiles(path, searchPattern).ToArray();

    public string[] GetFiles(string path, string searchPattern, SearchOption searchOption) => EnumerateFiles(path, searchPattern, searchOption).ToArray();

    public string[] GetFiles(string path, string searchPattern, EnumerationOptions enumerationOptions) => EnumerateFiles(path, searchPattern, enumerationOptions).ToArray();

    public string[] GetFileSystemEntries(string path) => EnumerateFileSystemEntries(path).ToArray();

    public string[] GetFileSystemEntries(string path, string searchPattern) => EnumerateFileSystemEntries(path, searchPattern).ToArray();

    public string[] GetFileSystemEntries(string path, string searchPattern, SearchOption searchOption) => EnumerateFileSystemEntries(path, searchPattern, searchOption).ToArray();

    public string[] GetFileSystemEntries(string path, string searchPattern, EnumerationOptions enumerationOptions) => EnumerateFileSystemEntries(path, searchPattern, enumerationOptions).ToArray();

    /// <summary>
    /// Directory.CreateDirectory as .NET does it on Unix: mkdir of the whole path; an existing directory (or link
    /// to one) is fine; when a directory on the way is missing, the missing ones are found from the end and made
    /// from the top. Only the last directory gets <paramref name="mode"/>.
    /// </summary>
    private void MakeDirectories(string full, string shown, UnixFileMode? mode)
    {
        if (full.Length == 1) return;
        // The common case in one walk down (a chain of any depth in linear time); links and errors level by level below.
        if (Engine.Directories.TryMakeDirectories(full, mode)) return;
        var error = Engine.Directories.MakeDirectory(full, mode);
        if (error == Errno.None || (error == Errno.EEXIST && EntryStatus.DirectoryExists(Engine, full))) return;
        if (error != Errno.ENOENT) throw UnionErrors.FromErrno(error, shown, isDirectory: true);

        // Walk up to the first directory that exists (or cannot be made for another reason than a missing parent).
        var missing = new Stack<string>();
        missing.Push(full);
        for (var parent = BranchPath.GetParent(full); parent is { Length: > 1 }; parent = BranchPath.GetParent(parent))
        {
            error = Engine.Directories.MakeDirectory(parent, mode: null);
            if (error is Errno.None or Errno.EEXIST) break;
            if (error != Errno.ENOENT) throw UnionErrors.FromErrno(error, parent, isDirectory: true);
            missing.Push(parent);
        }
        while (missing.TryPop(out var directory))
        {
            error = Engine.Directories.MakeDirectory(directory, missing.Count == 0 ? mode : null);
            if (error == Errno.None || (error == Errno.EEXIST && (missing.Count > 0 || EntryStatus.DirectoryExists(Engine, directory)))) continue;
            throw UnionErrors.FromErrno(error, directory == full ? shown : directory, isDirectory: true);
        }
    }

    /// <summary>Validates now (as .NET does before the first MoveNext), then streams.</summary>
    private IEnumerable<string> List(string path, string searchPattern, EnumerationOptions options, EntryKinds kinds) =>
        Enumeration.List<string, PathResult>(_fs, path, searchPattern, options, kinds);
}
