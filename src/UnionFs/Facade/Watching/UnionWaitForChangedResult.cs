using System.IO.Abstractions;

namespace UnionFs.Facade;

/// <summary>What <see cref="IFileSystemWatcher.WaitForChanged(WatcherChangeTypes, int)"/> returns: the first matching event, or a time-out.</summary>
internal sealed record UnionWaitForChangedResult(WatcherChangeTypes ChangeType, string? Name, string? OldName, bool TimedOut) : IWaitForChangedResult
{
    /// <summary>The result of a wait that saw no matching event in time, as .NET gives it (change type 0, no names).</summary>
    public static UnionWaitForChangedResult TimedOutResult { get; } = new(0, null, null, TimedOut: true);
}
