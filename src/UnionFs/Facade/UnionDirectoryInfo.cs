using System.IO.Abstractions;

namespace UnionFs.Facade;

/// <summary><see cref="IDirectoryInfo"/> over a union path.</summary>
internal sealed class UnionDirectoryInfo : UnionFileSystemInfo, IDirectoryInfo
{
    public UnionDirectoryInfo(UnionFileSystem fs, string fullName, string? originalPath = null)
        : base(fs, fullName, originalPath)
    {
    }

    /// <summary>A directory info for a path as the caller wrote it, as <c>new DirectoryInfo(path)</c>.</summary>
    public static UnionDirectoryInfo For(UnionFileSystem fs, string path, string parameterName = "path") =>
        new(fs, UnionFileSystem.Shown(path, fs.Full(path, parameterName)), path);

    /// <summary>
    /// As DirectoryInfo: the last segment of the full path as it is (an enumerated "/a/.." is named ".."), a
    /// trailing separator ignored; the root is itself.
    /// </summary>
    public override string Name => TrimmedFullName is var trimmed && trimmed.Length == 1 ? trimmed : trimmed[(trimmed.LastIndexOf('/') + 1)..];

    public override bool Exists => Status.IsDirectory;

    /// <summary>As DirectoryInfo.Parent: the directory part of the full path as it is.</summary>
    public IDirectoryInfo? Parent => Path.GetDirectoryName(TrimmedFullName) is { } parent ? new UnionDirectoryInfo(Fs, parent) : null;

    private string TrimmedFullName => FullName.Length > 1 ? FullName.TrimEnd('/') : FullName;

    public IDirectoryInfo Root => new UnionDirectoryInfo(Fs, UnionFs.BranchPath.Root);

    public void Create()
    {
        Fs.Directory.CreateDirectory(FullName);
        Invalidate();
    }

    public IDirectoryInfo CreateSubdirectory(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.StartsWith('/')) throw new ArgumentException("The directory specified is not a subdirectory of this directory.", nameof(path));
        return Fs.Directory.CreateDirectory(Fs.Path.Join(FullName, path));
    }

    public override void Delete() => Delete(recursive: false);

    public void Delete(bool recursive)
    {
        Fs.Directory.Delete(FullName, recursive);
        Invalidate();
    }

    public void MoveTo(string destDirName)
    {
        var destination = For(Fs, destDirName, nameof(destDirName));
        Fs.Directory.Move(FullName, destination.FullName);
        // As DirectoryInfo.MoveTo: the new full name ends in a separator.
        SetPath(destination.FullName.EndsWith('/') ? destination.FullName : destination.FullName + "/", destDirName);
        Invalidate();
    }

    public override IFileSystemInfo? ResolveLinkTarget(bool returnFinalTarget) => Fs.Directory.ResolveLinkTarget(FullName, returnFinalTarget);

    public IEnumerable<IDirectoryInfo> EnumerateDirectories() => EnumerateDirectories("*");

    public IEnumerable<IDirectoryInfo> EnumerateDirectories(string searchPattern) => EnumerateDirectories(searchPattern, SearchOption.TopDirectoryOnly);

    public IEnumerable<IDirectoryInfo> EnumerateDirectories(string searchPattern, SearchOption searchOption) =>
        EnumerateDirectories(searchPattern, Enumeration.FromSearchOption(searchOption));

    public IEnumerable<IDirectoryInfo> EnumerateDirectories(string searchPattern, EnumerationOptions enumerationOptions) =>
        Infos(searchPattern, enumerationOptions, EntryKinds.Directories).Cast<IDirectoryInfo>();

    public IEnumerable<IFileInfo> EnumerateFiles() => EnumerateFiles("*");

    public IEnumerable<IFileInfo> EnumerateFiles(string searchPattern) => EnumerateFiles(searchPattern, SearchOption.TopDirectoryOnly);

    public IEnumerable<IFileInfo> EnumerateFiles(string searchPattern, SearchOption searchOption) =>
        EnumerateFiles(searchPattern, Enumeration.FromSearchOption(searchOption));

    public IEnumerable<IFileInfo> EnumerateFiles(string searchPattern, EnumerationOptions enumerationOptions) =>
        Infos(searchPattern, enumerationOptions, EntryKinds.Files).Cast<IFileInfo>();

    public IEnumerable<IFileSystemInfo> EnumerateFileSystemInfos() => EnumerateFileSystemInfos("*");

    public IEnumerable<IFileSystemInfo> EnumerateFileSystemInfos(string searchPattern) =>
        EnumerateFileSystemInfos(searchPattern, SearchOption.TopDirectoryOnly);

    public IEnumerable<IFileSystemInfo> EnumerateFileSystemInfos(string searchPattern, SearchOption searchOption) =>
        EnumerateFileSystemInfos(searchPattern, Enumeration.FromSearchOption(searchOption));

    public IEnumerable<IFileSystemInfo> EnumerateFileSystemInfos(string searchPattern, EnumerationOptions enumerationOptions) =>
        Infos(searchPattern, enumerationOptions, EntryKinds.Both);

    public IDirectoryInfo[] GetDirectories() => EnumerateDirectories().ToArray();

    public IDirectoryInfo[] GetDirectories(string searchPattern) => EnumerateDirectories(searchPattern).ToArray();

    public IDirectoryInfo[] GetDirectories(string searchPattern, SearchOption searchOption) => EnumerateDirectories(searchPattern, searchOption).ToArray();

    public IDirectoryInfo[] GetDirectories(string searchPattern, EnumerationOptions enumerationOptions) => EnumerateDirectories(searchPattern, enumerationOptions).ToArray();

    public IFileInfo[] GetFiles() => EnumerateFiles().ToArray();

    public IFileInfo[] GetFiles(string searchPattern) => EnumerateFiles(searchPattern).ToArray();

    public IFileInfo[] GetFiles(string searchPattern, SearchOption searchOption) => EnumerateFiles(searchPattern, searchOption).ToArray();

    public IFileInfo[] GetFiles(string searchPattern, EnumerationOptions enumerationOptions) => EnumerateFiles(searchPattern, enumerationOptions).ToArray();

    public IFileSystemInfo[] GetFileSystemInfos() => EnumerateFileSystemInfos().ToArray();

    public IFileSystemInfo[] GetFileSystemInfos(string searchPattern) => EnumerateFileSystemInfos(searchPattern).ToArray();

    public IFileSystemInfo[] GetFileSystemInfos(string searchPattern, SearchOption searchOption) => EnumerateFileSystemInfos(searchPattern, searchOption).ToArray();

    public IFileSystemInfo[] GetFileSystemInfos(string searchPattern, EnumerationOptions enumerationOptions) => EnumerateFileSystemInfos(searchPattern, enumerationOptions).ToArray();

    // As FileSystemInfo.Create: an entry's path is the full directory path joined with its name, not normalised ("/a/.").
    private IEnumerable<IFileSystemInfo> Infos(string searchPattern, EnumerationOptions options, EntryKinds kinds) =>
        Enumeration.List<IFileSystemInfo, InfoResult>(Fs, FullName, searchPattern, options, kinds);
}
