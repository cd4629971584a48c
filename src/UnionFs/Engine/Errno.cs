namespace UnionFs.Engine;

/// <summary>
/// The Linux error numbers the engine's system-call-like members answer with, the values the kernel gives for
/// the same call on an overlay mount. The façade turns them into exceptions the way System.IO does on Linux
/// (<see cref="UnionErrors.FromErrno"/>), after its own checks in .NET's order.
/// </summary>
internal enum Errno
{
    /// <summary>Success.</summary>
    None = 0,

    /// <summary>Operation not permitted (link of a directory).</summary>
    EPERM = 1,

    /// <summary>A missing name, or a missing directory on the way to it.</summary>
    ENOENT = 2,

    /// <summary>Resource temporarily unavailable: flock(LOCK_NB) of a file another handle has locked (a sharing violation).</summary>
    EWOULDBLOCK = 11,

    /// <summary>Device or resource busy (the union root).</summary>
    EBUSY = 16,

    /// <summary>The name is taken.</summary>
    EEXIST = 17,

    /// <summary>A name on the way is not a directory.</summary>
    ENOTDIR = 20,

    /// <summary>A directory where a non-directory is needed.</summary>
    EISDIR = 21,

    /// <summary>Invalid argument (a directory moved into itself).</summary>
    EINVAL = 22,

    /// <summary>Read-only file system: a union without an upper branch.</summary>
    EROFS = 30,

    /// <summary>Directory not empty (also: a rename onto an ancestor of the source).</summary>
    ENOTEMPTY = 39,

    /// <summary>Too many levels of symbolic links.</summary>
    ELOOP = 40,
}
