using System.IO.Abstractions;
using System.IO.Enumeration;

namespace UnionFs.Facade;

/// <summary>The events of a union watcher: raising each one as .NET's watcher does, and waiting for one.</summary>
internal sealed partial class UnionFileSystemWatcher
{
    public IWaitForChangedResult WaitForChanged(WatcherChangeTypes changeType) => WaitForChanged(changeType, Timeout.Infinite);

    public IWaitForChangedResult WaitForChanged(WatcherChangeTypes changeType, TimeSpan timeout)
    {
        var milliseconds = (long)timeout.TotalMilliseconds;
        if (milliseconds is < -1 or > int.MaxValue) throw new ArgumentOutOfRangeException(nameof(timeout));
        return WaitForChanged(changeType, (int)milliseconds);
    }

    /// <summary>
    /// As .NET: listens (enabling the watcher for the wait if it was not) until the first event whose type is in
    /// <paramref name="changeType"/>, or until the time-out; errors are not waited for.
    /// </summary>
    public IWaitForChangedResult WaitForChanged(WatcherChangeTypes changeType, int timeout)
    {
        var result = new TaskCompletionSource<UnionWaitForChangedResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnChange(object sender, FileSystemEventArgs e)
        {
            if ((e.ChangeType & changeType) != 0) result.TrySetResult(new UnionWaitForChangedResult(e.ChangeType, e.Name, (e as RenamedEventArgs)?.OldName, TimedOut: false));
        }
        void OnRename(object sender, RenamedEventArgs e) => OnChange(sender, e);

        if ((changeType & WatcherChangeTypes.Created) != 0) Created += OnChange;
        if ((changeType & WatcherChangeTypes.Deleted) != 0) Deleted += OnChange;
        if ((changeType & WatcherChangeTypes.Changed) != 0) Changed += OnChange;
        if ((changeType & WatcherChangeTypes.Renamed) != 0) Renamed += OnRename;
        try
        {
            var wasEnabled = EnableRaisingEvents;
            if (!wasEnabled) EnableRaisingEvents = true;
            var arrived = result.Task.Wait(timeout);
            EnableRaisingEvents = wasEnabled;
            return arrived ? result.Task.Result : UnionWaitForChangedResult.TimedOutResult;
        }
        finally
        {
            Created -= OnChange;
            Deleted -= OnChange;
            Changed -= OnChange;
            Renamed -= OnRename;
        }
    }

    /// <summary>
    /// Raises one event to its handlers, through <see cref="SynchronizingObject"/> when it asks for that. A change
    /// is raised only when its name, or for a rename either name, matches one of <see cref="Filters"/>.
    /// </summary>
    /// <returns>False, with the exception, when a handler threw.</returns>
    internal bool TryRaise(WatcherEvent watcherEvent, string directory, out Exception? failure)
    {
        failure = null;
        try
        {
            Raise(watcherEvent, directory);
            return true;
        }
#pragma warning disable CA1031 // A handler's exception of any type ends the watch and goes to the Error event, as with .NET's watcher.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            failure = exception;
            return false;
        }
    }

    private void Raise(WatcherEvent watcherEvent, string directory)
    {
        if (watcherEvent.Error is { } error)
        {
            if (Error is { } errorHandler) Invoke(errorHandler, new ErrorEventArgs(error));
            return;
        }
        if (watcherEvent.ChangeType == WatcherChangeTypes.Renamed)
        {
            if (Renamed is { } renamed && (Matches(watcherEvent.Name) || Matches(watcherEvent.OldName)))
                Invoke(renamed, new RenamedEventArgs(WatcherChangeTypes.Renamed, directory, watcherEvent.Name, watcherEvent.OldName));
            return;
        }
        var handler = watcherEvent.ChangeType switch
        {
            WatcherChangeTypes.Created => Created,
            WatcherChangeTypes.Deleted => Deleted,
            _ => Changed,
        };
        if (handler is not null && Matches(watcherEvent.Name))
            Invoke(handler, new FileSystemEventArgs(watcherEvent.ChangeType, directory, watcherEvent.Name));
    }

    private void Invoke(Delegate handler, EventArgs args)
    {
        if (SynchronizingObject is { InvokeRequired: true } synchronizer)
        {
            synchronizer.BeginInvoke(handler, [this, args]);
            return;
        }
        switch (handler)
        {
            case RenamedEventHandler renamed:
                renamed(this, (RenamedEventArgs)args);
                break;
            case FileSystemEventHandler changed:
                changed(this, (FileSystemEventArgs)args);
                break;
            case ErrorEventHandler error:
                error(this, (ErrorEventArgs)args);
                break;
        }
    }

    /// <summary>As .NET: the last segment of the relative name against each pattern (case-sensitive, as on Linux); no pattern matches all.</summary>
    private bool Matches(string? relativeName)
    {
        if (string.IsNullOrEmpty(relativeName)) return false;
        var name = relativeName.AsSpan(relativeName.LastIndexOf('/') + 1);
        if (name.IsEmpty) return false;
        var patterns = _filters.Snapshot;
        if (patterns.Length == 0) return true;
        foreach (var pattern in patterns)
            if (FileSystemName.MatchesSimpleExpression(pattern, name, ignoreCase: false)) return true;
        return false;
    }
}
