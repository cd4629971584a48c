using System.IO.Abstractions;

namespace UnionFs.Facade;

/// <summary><see cref="IFileSystemWatcherFactory"/>: watchers of the union's own changes.</summary>
internal sealed class UnionFileSystemWatcherFactory(UnionFileSystem fs) : IFileSystemWatcherFactory
{
    public IFileSystem FileSystem => fs;

    public IFileSystemWatcher New() => new UnionFileSystemWatcher(fs);

    public IFileSystemWatcher New(string path) => new UnionFileSystemWatcher(fs, path);

    public IFileSystemWatcher New(string path, string filter)
    {
        var watcher = new UnionFileSystemWatcher(fs, path);
        watcher.Filter = filter ?? throw new ArgumentNullException(nameof(filter));
        return watcher;
    }

    /// <summary>A watcher of the host's file system sees the host's changes, never the union's: only null can be wrapped.</summary>
    public IFileSystemWatcher? Wrap(FileSystemWatcher? fileSystemWatcher) => fileSystemWatcher is null
        ? null
        : throw new NotSupportedException("A FileSystemWatcher of the host file system cannot watch a union; create one with UnionFileSystem.FileSystemWatcher.New instead.");
}
