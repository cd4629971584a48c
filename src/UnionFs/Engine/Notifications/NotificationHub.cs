namespace UnionFs.Engine;

/// <summary>
/// The one place where the engine reports changes of the merged view. The components that change the union
/// (<see cref="DirectoryOps"/>, <see cref="FileOps"/>, <see cref="MetadataOps"/> and the write streams) publish
/// here after each change has happened; watchers subscribe. With nobody subscribed, publishing is one volatile
/// read and allocates nothing.
/// </summary>
internal sealed class NotificationHub
{
    // Made on first use (a union that never subscribes or opens a handle needs none).
    private Lock? _gate;

    private Lock Gate => LazyInitializer.EnsureInitialized(ref _gate);
    private volatile INotificationSubscriber[] _subscribers = [];
    // Told of every removal and move, watched or not; set once, by the first handle's lock.
    private volatile INameFollower? _follower;

    /// <summary>True while at least one subscriber listens.</summary>
    public bool HasSubscribers => _subscribers.Length != 0;

    /// <summary>Starts delivering changes to <paramref name="subscriber"/>.</summary>
    public void Subscribe(INotificationSubscriber subscriber)
    {
        lock (Gate) _subscribers = [.. _subscribers, subscriber];
    }

    /// <summary>Stops delivering changes to <paramref name="subscriber"/>; nothing happens if it was not subscribed.</summary>
    public void Unsubscribe(INotificationSubscriber subscriber)
    {
        lock (Gate)
        {
            var current = _subscribers;
            var index = Array.IndexOf(current, subscriber);
            if (index < 0) return;
            _subscribers = [.. current.AsSpan(0, index), .. current.AsSpan(index + 1)];
        }
    }

    /// <summary>From now on, tells <paramref name="follower"/> of every name removed or moved, before any subscriber hears of it.</summary>
    public void Follow(INameFollower follower) => _follower = follower;

    /// <summary>Reports one change to every subscriber.</summary>
    /// <param name="kind">What happened.</param>
    /// <param name="path">The union path changed (for a rename, the new one).</param>
    /// <param name="isDirectory">True when the entry is a directory.</param>
    /// <param name="oldPath">For a rename, the old union path.</param>
    public void Publish(NotificationKind kind, string path, bool isDirectory, string? oldPath = null)
    {
        // The kind is a constant at most calls: creations and writes compile to no test of the follower at all.
        if (kind is NotificationKind.Deleted or NotificationKind.Renamed && _follower is { } follower) Forward(follower, kind, path, isDirectory, oldPath);
        var subscribers = _subscribers;
        if (subscribers.Length != 0) Deliver(subscribers, kind, path, isDirectory, oldPath);
    }

    /// <summary>Reports a link(2): <paramref name="newPath"/> was made as a further name of <paramref name="existingPath"/>.</summary>
    public void PublishLink(string existingPath, string newPath)
    {
        _follower?.Linked(existingPath, newPath);
        Publish(NotificationKind.Created, newPath, isDirectory: false);
    }

    private static void Forward(INameFollower follower, NotificationKind kind, string path, bool isDirectory, string? oldPath)
    {
        if (kind == NotificationKind.Renamed) follower.Moved(oldPath!, path, isDirectory);
        else follower.Removed(path, isDirectory);
    }

    // Out of line: the notification is a struct with references, which a caller that inlined it would zero on every
    // call, subscribers or not.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void Deliver(INotificationSubscriber[] subscribers, NotificationKind kind, string path, bool isDirectory, string? oldPath)
    {
        var notification = new Notification(kind, path, isDirectory, oldPath);
        foreach (var subscriber in subscribers) subscriber.Receive(in notification);
    }

    /// <summary>True when some subscriber wants to hear about entries below <paramref name="directoryPath"/>.</summary>
    public bool WatchesBelow(string directoryPath)
    {
        foreach (var subscriber in _subscribers)
            if (subscriber.WatchesBelow(directoryPath)) return true;
        return false;
    }
}
