namespace UnionFs.Engine;

/// <summary>
/// The union's <see cref="FileShare"/> locks as the engine needs them: a shared lock (flock LOCK_SH) held for the
/// length of one whole-file call, without a handle object; and a handle's lock, which a truncating open takes before
/// it truncates. A lock belongs to the file, as flock's does: it follows the file's renames and leaves with it.
/// </summary>
internal interface IShareLocks
{
    /// <summary>
    /// Takes a shared lock on the file at the resolved union path <paramref name="path"/>; refused (see
    /// <see cref="SharedLock.Refused"/>) when another handle holds it exclusively.
    /// </summary>
    SharedLock TryEnterShared(string path);

    /// <summary>Gives back a lock <see cref="TryEnterShared"/> took (<paramref name="held"/> is what it returned).</summary>
    void ExitShared(SharedLock held);

    /// <summary>
    /// Takes a handle's lock for <paramref name="share"/> on the file at the resolved union path <paramref name="path"/>,
    /// released by disposing it; null when it conflicts with a handle already open.
    /// </summary>
    IDisposable? TryAcquire(string path, FileShare share);
}
