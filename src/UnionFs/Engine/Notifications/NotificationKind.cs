namespace UnionFs.Engine;

/// <summary>
/// What happened to a name of the merged view, in the terms of inotify (the events .NET's watcher reads on
/// Linux), so a watcher can map each one to its notify filters as .NET does.
/// </summary>
internal enum NotificationKind
{
    /// <summary>A name appeared (IN_CREATE): a file, directory, symbolic link or copy was made.</summary>
    Created,

    /// <summary>A name went away (IN_DELETE): unlink, rmdir, or a whiteout that hides a lower name.</summary>
    Deleted,

    /// <summary>A file's bytes or length changed (IN_MODIFY): a write of at least one byte, a truncation, SetLength.</summary>
    Modified,

    /// <summary>Metadata changed (IN_ATTRIB): mode, attributes, times.</summary>
    AttributesChanged,

    /// <summary>A name moved (IN_MOVED_FROM followed by IN_MOVED_TO).</summary>
    Renamed,
}
