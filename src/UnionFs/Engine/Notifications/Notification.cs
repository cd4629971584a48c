namespace UnionFs.Engine;

/// <summary>
/// One change of the merged view, published after it has happened.
/// </summary>
/// <param name="Kind">What happened.</param>
/// <param name="Path">The union path the change is about (for a rename, the new name).</param>
/// <param name="IsDirectory">True when the entry is a directory (inotify's IN_ISDIR).</param>
/// <param name="OldPath">For a rename, the old union path; otherwise null.</param>
internal readonly record struct Notification(NotificationKind Kind, string Path, bool IsDirectory, string? OldPath);
