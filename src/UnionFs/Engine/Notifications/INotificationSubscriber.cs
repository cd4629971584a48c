namespace UnionFs.Engine;

/// <summary>Something that listens to the changes of one union: a watcher while it raises events.</summary>
internal interface INotificationSubscriber
{
    /// <summary>
    /// Takes one change, in the order the union made them. Called by the thread that made the change, possibly
    /// while it holds the union's write lock: queue the change and return, never call user code from here.
    /// </summary>
    void Receive(in Notification notification);

    /// <summary>
    /// True when a change below <paramref name="directoryPath"/> (not only of the directory itself) could concern
    /// this subscriber: then a recursive removal of that directory reports every entry it removes.
    /// </summary>
    bool WatchesBelow(string directoryPath);
}
