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
        Engine.Directories.CreateDirectory(full);
        return new UnionDirectoryInfo(_fs, full);
    }

    public IDirectoryInfo CreateDirectory(string path, UnixFileMode unixCreateMode)
    {
        var full = _fs.Full(path);
        Engine.Directories.CreateDirectory(full, unixCreateMode);
        return new UnionDirectoryInfo(_fs, full);
    }

    public IFileSystemInfo CreateSymbolicLink(string path, string pathToTarget)
    {
        var full = _fs.Full(path);
        UnionPath.Validate(pathToTarget, nameof(pathToTarget));
        Engine.Directories.CreateSymbolicLink(full, pathToTarget);
        return new UnionDirectoryInfo(_fs, full);
    }

    public IDirectoryInfo CreateTempSubdirectory(string? prefix = null)
    {
        var temp = _fs.Path.GetTempPath();
        Engine.Directories.CreateDirectory(_fs.Full(temp));
        while (true)
        {
            var full = _fs.Full(_fs.Path.Join(temp, (prefix ?? string.Empty) + _fs.Path.GetRandomFileName()));
            if (EntryStatus.Of(Engine, full).Exists) continue;
            Engine.Directories.CreateDirectory(full, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            return new UnionDirectoryInfo(_fs, full);
        }
    }

    public void Delete(string path) => Delete(path, recursive: false);

    public void Delete(string path, bool recursive) => Engine.Directories.DeleteDirectory(_fs.Full(path), recursive);

    public bool Exists(string? path)
    {
        if (string.IsNullOrEmpty(path) || path.Contains('\0')) return false;
        return EntryStatus.Of(Engine, _fs.Full(path)).IsDirectory;
    }

    public void Move(string sourceDirName, string destDirName) =>
        Engine.Directories.MoveDirectory(_fs.Full(sourceDirName, nameof(sourceDirName)), _fs.Full(destDirName, nameof(destDirName)));

    public string GetCurrentDirectory() => _fs.CurrentDirectory;

    public void SetCurrentDirectory(string path)
    {
        var full = _fs.Full(path);
        if (!EntryStatus.Of(Engine, full).IsDirectory) throw UnionErrors.DirectoryNotFound(full);
        _fs.CurrentDirectory = full;
    }

    public string GetDirectoryRoot(string path)
    {
        _fs.Full(path);
        return BranchPath.Root;
    }

    public string[] GetLogicalDrives() => [BranchPath.Root];

    public IDirectoryInfo? GetParent(string path)
    {
        var full = _fs.Full(path);
        var parent = BranchPath.GetParent(full);
        return parent is null ? null : new UnionDirectoryInfo(_fs, parent);
    }

    public IFileSystemInfo? ResolveLinkTarget(string linkPath, bool returnFinalTarget) =>
        LinkResolver.Resolve(_fs, _fs.Full(linkPath, nameof(linkPath)), returnFinalTarget, asDirectory: true);

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

    /// <summary>Validates now (as .NET does before the first MoveNext), then streams.</summary>
    private IEnumerable<string> List(string path, string searchPattern, EnumerationOptions options, EntryKinds kinds) =>
        Enumeration.List(_fs, path, searchPattern, options, kinds).Select(static entry => entry.DisplayPath);
}
