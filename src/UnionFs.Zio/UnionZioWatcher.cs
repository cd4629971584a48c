using Zio;
using IoFileSystemWatcher = System.IO.Abstractions.IFileSystemWatcher;
using IoNotifyFilters = System.IO.NotifyFilters;
using ZioFileSystem = Zio.IFileSystem;
using ZioNotifyFilters = Zio.NotifyFilters;
using WatcherChangeTypes = Zio.WatcherChangeTypes;

namespace UnionFs.Zio;

/// <summary>
/// A Zio watcher over the union's own watcher (<see cref="UnionFileSystem.FileSystemWatcher"/>): events for changes made
/// through the union, with Zio paths. Zio's defaults (filter <c>*.*</c>, <see cref="ZioNotifyFilters.Default"/>, no
/// subdirectories, not raising). The union watcher starts when <see cref="EnableRaisingEvents"/> is set and the
/// directory exists; a directory that does not exist then is not watched (no events, as Zio's memory watcher gives none).
/// Differences from Zio's memory watcher: a move is one <see cref="Renamed"/> event, as Zio's physical watcher reports
/// it, where the memory watcher reports Deleted then Created; events come on a thread-pool thread, in order.
/// </summary>
internal sealed class UnionZioWatcher : global::Zio.IFileSystemWatcher
{
    private readonly UnionZioFileSystem _fileSystem;
    private readonly Lock _gate = new();
    private IoFileSystemWatcher? _inner;
    private string _filter = "*.*";
    private ZioNotifyFilters _notifyFilter = ZioNotifyFilters.Default;
    private bool _includeSubdirectories;
    private bool _enabled;
    private bool _disposed;

    public UnionZioWatcher(UnionZioFileSystem fileSystem, UPath path)
    {
        _fileSystem = fileSystem;
        Path = path;
    }

    public event EventHandler<FileChangedEventArgs>? Changed;

    public event EventHandler<FileChangedEventArgs>? Created;

    public event EventHandler<FileChangedEventArgs>? Deleted;

    public event EventHandler<FileSystemErrorEventArgs>? Error;

    public event EventHandler<FileRenamedEventArgs>? Renamed;

    public ZioFileSystem FileSystem => _fileSystem;

    public UPath Path { get; }

    public int InternalBufferSize { get; set; }

    public ZioNotifyFilters NotifyFilter
    {
        get => _notifyFilter;
        set => Update(() => _notifyFilter = value);
    }

    public bool EnableRaisingEvents
    {
        get => _enabled;
        set => Update(() => _enabled = value);
    }

    public string Filter
    {
        get => _filter;
        set => Update(() => _filter = value ?? throw new ArgumentNullException(nameof(value)));
    }

    public bool IncludeSubdirectories
    {
        get => _includeSubdirectories;
        set => Update(() => _includeSubdirectories = value);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _enabled = false;
            _inner?.Dispose();
            _inner = null;
        }
    }

    /// <summary>Applies a setting, then starts, reconfigures or stops the union watcher to match.</summary>
    private void Update(Action set)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            set();
            if (!_enabled)
            {
                if (_inner is not null) _inner.EnableRaisingEvents = false;
                return;
            }
            if (_inner is null)
            {
                if (!_fileSystem.DirectoryExists(Path)) return;
                _inner = _fileSystem.Union.FileSystemWatcher.New(Path.FullName);
                _inner.Created += (_, e) => Raise(Created, WatcherChangeTypes.Created, e.FullPath);
                _inner.Changed += (_, e) => Raise(Changed, WatcherChangeTypes.Changed, e.FullPath);
                _inner.Deleted += (_, e) => Raise(Deleted, WatcherChangeTypes.Deleted, e.FullPath);
                _inner.Renamed += (_, e) => RaiseRenamed(e.OldFullPath, e.FullPath);
                _inner.Error += (_, e) => Error?.Invoke(this, new FileSystemErrorEventArgs(e.GetException()));
            }
            _inner.Filter = _filter == "*.*" ? "*" : _filter;
            _inner.IncludeSubdirectories = _includeSubdirectories;
            _inner.NotifyFilter = ToIo(_notifyFilter);
            _inner.EnableRaisingEvents = true;
        }
    }

    private void Raise(EventHandler<FileChangedEventArgs>? handler, WatcherChangeTypes kind, string path)
    {
        if (handler is null || !TryPath(path, out var zio)) return;
        handler(this, new FileChangedEventArgs(_fileSystem, kind, zio));
    }

    private void RaiseRenamed(string oldPath, string newPath)
    {
        if (Renamed is not { } handler || !TryPath(oldPath, out var oldZio) || !TryPath(newPath, out var newZio)) return;
        handler(this, new FileRenamedEventArgs(_fileSystem, WatcherChangeTypes.Renamed, newZio, oldZio));
    }

    /// <summary>A union path as a Zio path; a name holding <c>\</c> has none.</summary>
    private static bool TryPath(string path, out UPath zio)
    {
        zio = default;
        if (path.Contains('\\', StringComparison.Ordinal) || !path.StartsWith('/')) return false;
        zio = new UPath(path);
        return true;
    }

    private static IoNotifyFilters ToIo(ZioNotifyFilters filters)
    {
        IoNotifyFilters result = 0;
        if ((filters & ZioNotifyFilters.FileName) != 0) result |= IoNotifyFilters.FileName;
        if ((filters & ZioNotifyFilters.DirectoryName) != 0) result |= IoNotifyFilters.DirectoryName;
        if ((filters & ZioNotifyFilters.Attributes) != 0) result |= IoNotifyFilters.Attributes;
        if ((filters & ZioNotifyFilters.Size) != 0) result |= IoNotifyFilters.Size;
        if ((filters & ZioNotifyFilters.LastWrite) != 0) result |= IoNotifyFilters.LastWrite;
        if ((filters & ZioNotifyFilters.LastAccess) != 0) result |= IoNotifyFilters.LastAccess;
        if ((filters & ZioNotifyFilters.CreationTime) != 0) result |= IoNotifyFilters.CreationTime;
        if ((filters & ZioNotifyFilters.Security) != 0) result |= IoNotifyFilters.Security;
        return result;
    }
}
