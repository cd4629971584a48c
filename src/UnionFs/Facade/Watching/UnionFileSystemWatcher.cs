using System.Collections.ObjectModel;
using System.ComponentModel;
using System.IO.Abstractions;

namespace UnionFs.Facade;

/// <summary>
/// <see cref="IFileSystemWatcher"/> over a union: reports the changes made through the union as .NET's
/// FileSystemWatcher reports changes on Linux, with union paths. Each run of raising events is a
/// <see cref="WatchSession"/>; this class holds the settings and validates them as .NET does. Raising the events
/// and waiting for one are in <c>UnionFileSystemWatcher.Events.cs</c>.
/// </summary>
internal sealed partial class UnionFileSystemWatcher : IFileSystemWatcher
{
    private readonly UnionFileSystem _fs;
    private readonly Lock _gate = new();
    private readonly WatcherFilterCollection _filters = new();
    private string _path;
    private NotifyFilters _notifyFilter = NotifyFilterMap.Default;
    private bool _includeSubdirectories;
    private int _internalBufferSize = 8192;
    private bool _enabled;
    private bool _initializing;
    private bool _disposed;
    private WatchSession? _session;

    /// <summary>A watcher with no path yet (as <c>new FileSystemWatcher()</c>).</summary>
    public UnionFileSystemWatcher(UnionFileSystem fs)
    {
        _fs = fs;
        _path = string.Empty;
    }

    /// <summary>A watcher of <paramref name="path"/>, which must be an existing directory of the union.</summary>
    public UnionFileSystemWatcher(UnionFileSystem fs, string path)
    {
        _fs = fs;
        ArgumentNullException.ThrowIfNull(path);
        CheckDirectory(path, nameof(path));
        _path = path;
    }

    public event FileSystemEventHandler? Changed;

    public event FileSystemEventHandler? Created;

    public event FileSystemEventHandler? Deleted;

    public event RenamedEventHandler? Renamed;

    public event ErrorEventHandler? Error;

    public IFileSystem FileSystem => _fs;

    public IContainer? Container => Site?.Container;

    public ISite? Site { get; set; }

    public ISynchronizeInvoke? SynchronizingObject { get; set; }

    public Collection<string> Filters => _filters;

    /// <summary>The first pattern, <c>*</c> when there is none; setting it replaces every pattern.</summary>
    public string Filter
    {
        get
        {
            var patterns = _filters.Snapshot;
            return patterns.Length == 0 ? "*" : patterns[0];
        }
        set
        {
            _filters.Clear();
            _filters.Add(value);
        }
    }

    public NotifyFilters NotifyFilter
    {
        get => _notifyFilter;
        set
        {
            if ((value & ~NotifyFilterMap.All) != 0)
                throw new ArgumentException($"The value of argument '{nameof(value)}' ({(int)value}) is invalid for Enum type '{nameof(NotifyFilters)}'.", nameof(value));
            lock (_gate)
            {
                if (_notifyFilter == value) return;
                _notifyFilter = value;
                RestartLocked();
            }
        }
    }

    public bool IncludeSubdirectories
    {
        get => _includeSubdirectories;
        set
        {
            lock (_gate)
            {
                if (_includeSubdirectories == value) return;
                _includeSubdirectories = value;
                RestartLocked();
            }
        }
    }

    /// <summary>Kept for compatibility, as on Linux: at least 4096. The union's queue bound is <see cref="WatchSession.MaxPending"/> events.</summary>
    public int InternalBufferSize
    {
        get => _internalBufferSize;
        set
        {
            lock (_gate)
            {
                var size = Math.Max(value, 4096);
                if (_internalBufferSize == size) return;
                _internalBufferSize = size;
                RestartLocked();
            }
        }
    }

    public string Path
    {
        get => _path;
        set
        {
            value ??= string.Empty;
            lock (_gate)
            {
                if (string.Equals(_path, value, StringComparison.Ordinal)) return;
                CheckDirectory(value, nameof(Path));
                _path = value;
                RestartLocked();
            }
        }
    }

    public bool EnableRaisingEvents
    {
        get => _enabled;
        set
        {
            lock (_gate)
            {
                if (_enabled == value) return;
                if (_initializing)
                {
                    _enabled = value;
                    return;
                }
                if (value) StartLocked();
                else StopLocked();
            }
        }
    }

    public void BeginInit()
    {
        lock (_gate)
        {
            var enabled = _enabled;
            StopLocked();
            _enabled = enabled;
            _initializing = true;
        }
    }

    public void EndInit()
    {
        lock (_gate)
        {
            _initializing = false;
            if (_path.Length != 0 && _enabled) StartLocked();
        }
    }

    /// <summary>Stops raising events and forgets every handler; the watcher cannot be enabled again.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            StopLocked();
            _disposed = true;
        }
        Changed = null;
        Created = null;
        Deleted = null;
        Renamed = null;
        Error = null;
    }

    /// <summary>.NET's check of a watcher's path: not empty, and an existing directory (a link to one counts).</summary>
    private void CheckDirectory(string path, string parameterName)
    {
        if (path.Length == 0) throw new ArgumentException($"The directory name {path} is invalid.", parameterName);
        if (!_fs.Directory.Exists(path)) throw new ArgumentException($"The directory name '{path}' does not exist.", parameterName);
    }

    private void StartLocked()
    {
        ObjectDisposedException.ThrowIf(_disposed, typeof(FileSystemWatcher));
        _enabled = true;
        if (_session is not null || _path.Length == 0) return;
        _session = WatchSession.Start(this, _fs.Engine, _fs.Full(_path), _path, _includeSubdirectories, _notifyFilter);
    }

    private void StopLocked()
    {
        _enabled = false;
        _session?.Stop();
        _session = null;
    }

    /// <summary>A change of what is watched takes effect as .NET does it: stop, then start again.</summary>
    private void RestartLocked()
    {
        if (_initializing || !_enabled) return;
        StopLocked();
        StartLocked();
    }
}
