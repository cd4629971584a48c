using UnionFs.Engine;

namespace UnionFs.Facade;

/// <summary>
/// One run of a watcher, from the moment it starts raising events until it stops (a change of path, filter or
/// subdirectory setting starts a new one, as .NET restarts its watch). It takes the union's changes on the
/// thread that made them, keeps those in its scope in a queue, and raises them in that order on a thread-pool
/// thread, one at a time: never on the changing thread, so never under the union's write lock, and a handler
/// may change the union itself. Like inotify, it drops a change identical to the newest one still queued,
/// and past <see cref="MaxPending"/> queued events it reports an overflow instead of growing. It holds its
/// watcher weakly, as .NET does, so a watcher dropped without Dispose is collected and its session ends.
/// </summary>
internal sealed class WatchSession : INotificationSubscriber, IThreadPoolWorkItem
{
    /// <summary>How many events may wait (inotify's default max_queued_events).</summary>
    public const int MaxPending = 16384;

    private readonly WeakReference<UnionFileSystemWatcher> _owner;
    private readonly NotificationHub _hub;
    private readonly string _root;
    private readonly bool _includeSubdirectories;
    private readonly NotifyFilters _notifyFilters;
    private readonly Lock _gate = new();
    private readonly Queue<WatcherEvent> _pending = new();
    private WatcherEvent? _newest;
    private bool _overflowed;
    private bool _draining;
    private volatile bool _stopped;
    private volatile bool _detached;

    private WatchSession(UnionFileSystemWatcher owner, NotificationHub hub, string root, string directory, bool includeSubdirectories, NotifyFilters notifyFilters)
    {
        _owner = new WeakReference<UnionFileSystemWatcher>(owner);
        _hub = hub;
        _root = root;
        Directory = directory;
        _includeSubdirectories = includeSubdirectories;
        _notifyFilters = notifyFilters;
    }

    /// <summary>The watched directory as the events name it: the watcher's Path as the caller wrote it (relative stays relative).</summary>
    public string Directory { get; }

    /// <summary>
    /// Starts watching <paramref name="directory"/>. As .NET's watcher does, a final symbolic link is followed; a
    /// directory that is gone by now is reported through the Error event, and nothing else comes.
    /// </summary>
    public static WatchSession Start(UnionFileSystemWatcher owner, UnionEngine engine, string directory, string shownDirectory, bool includeSubdirectories, NotifyFilters notifyFilters)
    {
        var error = engine.Lookup.TryResolve(directory, followFinal: true, out var node);
        var found = error == Errno.None && node!.IsDirectory;
        var session = new WatchSession(owner, engine.Notifications, found ? node!.Path : directory, shownDirectory, includeSubdirectories, notifyFilters);
        if (found)
        {
            engine.Notifications.Subscribe(session);
        }
        else
        {
            session._detached = true;
            session.Enqueue(WatcherEvent.ForError(UnionErrors.FileNotFound(directory)));
        }
        return session;
    }

    /// <summary>Stops for good: no more changes are taken and the events still queued are dropped.</summary>
    public void Stop()
    {
        _stopped = true;
        Detach();
        lock (_gate)
        {
            _pending.Clear();
            _newest = null;
        }
    }

    public void Receive(in Notification notification)
    {
        if (_detached) return;
        if (!_owner.TryGetTarget(out _))
        {
            Stop();
            return;
        }
        if (RemovesRoot(notification))
        {
            // inotify drops the watch of a directory that goes away; what was queued before still comes.
            Detach();
            return;
        }
        if (!NotifyFilterMap.Admits(_notifyFilters, notification.Kind, notification.IsDirectory)) return;

        var name = RelativeName(notification.Path);
        if (notification.Kind != NotificationKind.Renamed)
        {
            if (name is not null) Enqueue(new WatcherEvent(ChangeTypeOf(notification.Kind), name, null, notification.Kind));
            return;
        }

        // A move is one Renamed event when both names are watched, else the half this watcher sees.
        var oldName = RelativeName(notification.OldPath!);
        if (name is not null && oldName is not null) Enqueue(new WatcherEvent(WatcherChangeTypes.Renamed, name, oldName, notification.Kind));
        else if (oldName is not null) Enqueue(new WatcherEvent(WatcherChangeTypes.Deleted, oldName, null, notification.Kind));
        else if (name is not null) Enqueue(new WatcherEvent(WatcherChangeTypes.Created, name, null, notification.Kind));
    }

    public bool WatchesBelow(string directoryPath) =>
        !_detached && (BranchPath.IsSameOrBelow(_root, directoryPath) || (_includeSubdirectories && BranchPath.IsSameOrBelow(directoryPath, _root)));

    /// <summary>Raises the queued events in order until the queue is empty or the session stops.</summary>
    public void Execute()
    {
        while (true)
        {
            WatcherEvent next;
            lock (_gate)
            {
                if (_stopped || !_pending.TryDequeue(out next!))
                {
                    _draining = false;
                    return;
                }
                if (ReferenceEquals(next, _newest)) _newest = null;
                if (next.Error is InternalBufferOverflowException) _overflowed = false;
            }
            if (!_owner.TryGetTarget(out var owner))
            {
                Stop();
                return;
            }
            if (!owner.TryRaise(next, Directory, out var failure))
            {
                // As .NET does when a handler throws: the watch stops and the exception goes to the Error handlers.
                Stop();
                owner.TryRaise(WatcherEvent.ForError(failure!), Directory, out _);
                return;
            }
        }
    }

    private static WatcherChangeTypes ChangeTypeOf(NotificationKind kind) => kind switch
    {
        NotificationKind.Created => WatcherChangeTypes.Created,
        NotificationKind.Deleted => WatcherChangeTypes.Deleted,
        _ => WatcherChangeTypes.Changed,
    };

    /// <summary>True when the change takes the watched directory itself away (or replaces it by a rename).</summary>
    private bool RemovesRoot(in Notification notification) => notification.Kind switch
    {
        NotificationKind.Deleted => BranchPath.IsSameOrBelow(_root, notification.Path),
        NotificationKind.Renamed => BranchPath.IsSameOrBelow(_root, notification.OldPath!) || notification.Path == _root,
        _ => false,
    };

    /// <summary>The path relative to the watched directory when this watcher sees it; null otherwise (the directory itself included).</summary>
    private string? RelativeName(string path)
    {
        if (path.Length <= _root.Length || !BranchPath.IsSameOrBelow(path, _root)) return null;
        var start = _root.Length == 1 ? 1 : _root.Length + 1;
        if (!_includeSubdirectories && path.IndexOf('/', start) >= 0) return null;
        return path[start..];
    }

    private void Detach()
    {
        _detached = true;
        _hub.Unsubscribe(this);
    }

    private void Enqueue(WatcherEvent watcherEvent)
    {
        lock (_gate)
        {
            if (_stopped) return;
            if (watcherEvent.Error is null)
            {
                if (watcherEvent == _newest) return;
                if (_pending.Count >= MaxPending)
                {
                    if (_overflowed) return;
                    _overflowed = true;
                    watcherEvent = WatcherEvent.ForError(new InternalBufferOverflowException($"Too many changes at once in directory:{Directory}."));
                }
            }
            _pending.Enqueue(watcherEvent);
            _newest = watcherEvent;
            if (_draining) return;
            _draining = true;
        }
        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
    }
}
