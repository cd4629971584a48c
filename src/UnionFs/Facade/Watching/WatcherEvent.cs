namespace UnionFs.Facade;

/// <summary>
/// One event waiting to be raised by a watcher: a change with names relative to the watched directory, or an
/// error. <see cref="Source"/> keeps the kind of change it came from, so that only identical changes coalesce.
/// </summary>
/// <param name="ChangeType">Created, Deleted, Changed or Renamed; 0 for an error.</param>
/// <param name="Name">The name relative to the watched directory.</param>
/// <param name="OldName">For Renamed, the old name relative to the watched directory.</param>
/// <param name="Source">The union change it came from.</param>
/// <param name="Error">For an error event, what went wrong.</param>
internal sealed record WatcherEvent(WatcherChangeTypes ChangeType, string? Name, string? OldName, Engine.NotificationKind Source, Exception? Error = null)
{
    /// <summary>An event for the Error handlers.</summary>
    public static WatcherEvent ForError(Exception error) => new(0, null, null, default, error);
}
