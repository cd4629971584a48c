using UnionFs.Engine;

namespace UnionFs.Facade;

/// <summary>
/// Which <see cref="NotifyFilters"/> let each union change through, as .NET's watcher on Linux subscribes to
/// inotify: creation, deletion and renaming need FileName (files) or DirectoryName (directories); a write or
/// truncation (IN_MODIFY) needs LastWrite, Size, Security or LastAccess; a change of metadata (IN_ATTRIB) any
/// of those or Attributes or CreationTime.
/// </summary>
internal static class NotifyFilterMap
{
    /// <summary>Every defined <see cref="NotifyFilters"/> flag.</summary>
    public const NotifyFilters All = NotifyFilters.Attributes | NotifyFilters.CreationTime | NotifyFilters.DirectoryName | NotifyFilters.FileName
        | NotifyFilters.LastAccess | NotifyFilters.LastWrite | NotifyFilters.Security | NotifyFilters.Size;

    /// <summary>What .NET watches for when no filter is set.</summary>
    public const NotifyFilters Default = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.DirectoryName;

    private const NotifyFilters ForModify = NotifyFilters.LastAccess | NotifyFilters.LastWrite | NotifyFilters.Security | NotifyFilters.Size;

    private const NotifyFilters ForAttributes = ForModify | NotifyFilters.Attributes | NotifyFilters.CreationTime;

    /// <summary>True when a watcher with <paramref name="filters"/> reports a change of <paramref name="kind"/> to an entry that is a directory or not.</summary>
    public static bool Admits(NotifyFilters filters, NotificationKind kind, bool isDirectory) => kind switch
    {
        NotificationKind.Modified => (filters & ForModify) != 0,
        NotificationKind.AttributesChanged => (filters & ForAttributes) != 0,
        _ => (filters & (isDirectory ? NotifyFilters.DirectoryName : NotifyFilters.FileName)) != 0,
    };
}
