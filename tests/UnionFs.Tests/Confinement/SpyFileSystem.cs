using System.Collections.Concurrent;
using System.Reflection;

namespace UnionFs.Tests.Confinement;

/// <summary>
/// An <see cref="IFileSystem"/> that forwards to another and records every host path named in a call to any member
/// of File, Directory, FileInfo, DirectoryInfo, FileStream, DriveInfo, FileVersionInfo and FileSystemWatcher, and
/// to any member of the infos they return. A call that names a path outside <see cref="Root"/> is a violation; on
/// the real disk, so is a call whose path passes through a symbolic link below the root, or that follows one in
/// its last segment: the host would leave the root there, whatever the path says.
/// </summary>
public sealed class SpyFileSystem : IFileSystem
{
    private readonly IFileSystem _inner;
    private readonly ConcurrentQueue<HostAccess> _accesses = new();
    private readonly ConcurrentQueue<string> _violations = new();

    // What is known to be a host link, or not, since the last write (calls are checked before they run, so a
    // write's effect is seen from the call after it on).
    private readonly ConcurrentDictionary<string, bool> _links = new(StringComparer.Ordinal);
    private volatile bool _linksStale;

    public SpyFileSystem(IFileSystem inner, string root, bool checkHostLinks, bool writesOnly = false)
    {
        _inner = inner;
        Root = inner.Path.GetFullPath(root).TrimEnd('/');
        CheckHostLinks = checkHostLinks;
        WritesOnly = writesOnly;
        File = Proxy<IFile>(inner.File);
        Directory = Proxy<IDirectory>(inner.Directory);
        FileInfo = Proxy<IFileInfoFactory>(inner.FileInfo);
        DirectoryInfo = Proxy<IDirectoryInfoFactory>(inner.DirectoryInfo);
        FileStream = Proxy<IFileStreamFactory>(inner.FileStream);
        DriveInfo = Proxy<IDriveInfoFactory>(inner.DriveInfo);
        FileSystemWatcher = Proxy<IFileSystemWatcherFactory>(inner.FileSystemWatcher);
        FileVersionInfo = Proxy<IFileVersionInfoFactory>(inner.FileVersionInfo);
        Path = Proxy<IPath>(inner.Path);
        RandomAccess = Proxy<IRandomAccess>(inner.RandomAccess);
    }

    /// <summary>The only directory the watched code may reach.</summary>
    public string Root { get; }

    /// <summary>True on the real disk: paths are also checked for host symbolic links at the moment of the call.</summary>
    public bool CheckHostLinks { get; }

    /// <summary>True when only calls that can change the host are recorded and checked.</summary>
    public bool WritesOnly { get; }

    public IReadOnlyCollection<HostAccess> Accesses => _accesses.ToArray();

    public IReadOnlyCollection<string> Violations => _violations.ToArray();

    public IReadOnlyCollection<HostAccess> Writes => _accesses.Where(a => a.Writes).ToArray();

    public IFile File { get; }

    public IDirectory Directory { get; }

    public IFileInfoFactory FileInfo { get; }

    public IFileStreamFactory FileStream { get; }

    public IDirectoryInfoFactory DirectoryInfo { get; }

    public IDriveInfoFactory DriveInfo { get; }

    public IPath Path { get; }

    public IFileSystemWatcherFactory FileSystemWatcher { get; }

    public IFileVersionInfoFactory FileVersionInfo { get; }

    public IRandomAccess RandomAccess { get; }

    public void Clear()
    {
        _accesses.Clear();
        _violations.Clear();
    }

    /// <summary>True when <paramref name="hostPath"/> (absolute) is the root or below it.</summary>
    public bool IsInside(string hostPath) =>
        hostPath == Root || hostPath.StartsWith(Root + "/", StringComparison.Ordinal);

    internal void Saw(string interfaceName, MethodInfo method, object?[]? args, string? subject)
    {
        var member = interfaceName + "." + method.Name;
        if (interfaceName == nameof(IPath))
        {
            // Path is string work, except the two members that create something in the host's temp directory.
            if (method.Name is nameof(IPath.GetTempFileName)) Record(member, _inner.Path.GetTempPath(), writes: true, follows: false);
            return;
        }
        if (interfaceName == nameof(IDirectory) && method.Name == nameof(IDirectory.CreateTempSubdirectory))
        {
            Record(member, _inner.Path.GetTempPath(), writes: true, follows: false);
            return;
        }

        var writes = AccessRules.Writes(method, args);
        if (WritesOnly && !writes) return;
        var follows = AccessRules.FollowsFinalLink(member, method, args);
        if (subject is not null) Record(member, subject, writes, follows);
        var parameters = method.GetParameters();
        for (var i = 0; i < parameters.Length; i++)
        {
            if (args?[i] is not string text) continue;
            var name = parameters[i].Name!;
            if (AccessRules.NotPaths.Contains(name)) continue;
            if (!AccessRules.Paths.Contains(name))
            {
                _violations.Enqueue($"{member}: unclassified string parameter '{name}'");
                continue;
            }
            Record(member, text, writes, follows);
        }
    }

    private void Record(string member, string path, bool writes, bool follows)
    {
        string full;
        try
        {
            full = path.Length == 0 || path.Contains('\0') ? path : _inner.Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or PathTooLongException or NotSupportedException)
        {
            full = path;
        }
        _accesses.Enqueue(new HostAccess(member, full, writes));
        if (_linksStale)
        {
            _links.Clear();
            _linksStale = false;
        }
        if (writes) _linksStale = true;
        if (!IsInside(full))
        {
            _violations.Enqueue($"{member}({path}): outside the root {Root}");
            return;
        }
        if (!CheckHostLinks || full == Root || member.EndsWith(".New", StringComparison.Ordinal)) return;
        // The host walks every segment: a link before the last one takes it wherever the link points.
        for (var slash = full.IndexOf('/', Root.Length + 1); slash > 0; slash = full.IndexOf('/', slash + 1))
        {
            if (IsHostLink(full[..slash]))
            {
                _violations.Enqueue($"{member}({path}): passes through the host link {full[..slash]}");
                return;
            }
        }
        if (follows && IsHostLink(full)) _violations.Enqueue($"{member}({path}): follows the host link {full}");
    }

    private bool IsHostLink(string hostPath) => _links.GetOrAdd(hostPath, static path =>
    {
        try
        {
            return new FileInfo(path).LinkTarget is not null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    });

    private T Proxy<T>(T target)
        where T : class => (T)RecordingProxy.Create(typeof(T), target, this, subject: null);

    /// <summary>Wraps what a watched member returned: infos, and sequences of them, are watched too.</summary>
    internal object? Wrap(object? result, Type declared)
    {
        switch (result)
        {
            case null:
                return null;
            case IFileSystem:
                return this;
            case IFileInfo file when declared.IsAssignableFrom(typeof(IFileInfo)):
                return RecordingProxy.Create(typeof(IFileInfo), file, this, file.FullName);
            case IDirectoryInfo directory when declared.IsAssignableFrom(typeof(IDirectoryInfo)):
                return RecordingProxy.Create(typeof(IDirectoryInfo), directory, this, directory.FullName);
            case IFileSystemInfo info when declared == typeof(IFileSystemInfo):
                return RecordingProxy.Create(typeof(IFileSystemInfo), info, this, info.FullName);
            case IFileInfo[] files:
                return files.Select(f => (IFileInfo)Wrap(f, typeof(IFileInfo))!).ToArray();
            case IDirectoryInfo[] directories:
                return directories.Select(d => (IDirectoryInfo)Wrap(d, typeof(IDirectoryInfo))!).ToArray();
            case IFileSystemInfo[] infos:
                return infos.Select(i => (IFileSystemInfo)Wrap(i, typeof(IFileSystemInfo))!).ToArray();
            case IEnumerable<IFileInfo> files when declared == typeof(IEnumerable<IFileInfo>):
                return files.Select(f => (IFileInfo)Wrap(f, typeof(IFileInfo))!);
            case IEnumerable<IDirectoryInfo> directories when declared == typeof(IEnumerable<IDirectoryInfo>):
                return directories.Select(d => (IDirectoryInfo)Wrap(d, typeof(IDirectoryInfo))!);
            case IEnumerable<IFileSystemInfo> infos when declared == typeof(IEnumerable<IFileSystemInfo>):
                return infos.Select(i => (IFileSystemInfo)Wrap(i, typeof(IFileSystemInfo))!);
            default:
                return result;
        }
    }
}
