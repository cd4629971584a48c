namespace UnionFs.Engine;

/// <summary>
/// The union's <see cref="FileShare"/> locks as the engine needs them: a shared lock (flock LOCK_SH) held for the
/// length of one whole-file call, without a handle object; and a handle's lock, which a truncating open takes before
/// it truncates.
/// </summary>
internal interface IShareLocks
{
    /// <summary>
    /// Takes a shared lock on the file at the resolved union path <paramref name="path"/>; <see cref="SharedEntry.Refused"/>
    /// when another handle holds it exclusively.
    /// </summary>
    SharedEntry TryEnterShared(string path);

    /// <summary>Gives back a lock <see cref="TryEnterShared"/> took (<paramref name="entry"/> is what it returned).</summary>
    void ExitShared(string path, SharedEntry entry);

    /// <summary>
    /// Takes a handle's lock for <paramref name="share"/> on the file at the resolved union path <paramref name="path"/>,
    /// released by disposing it; null when it conflicts with a handle already open.
    /// </summary>
    IDisposable? TryAcquire(string path, FileShare share);
}

/// <summary>How <see cref="IShareLocks.TryEnterShared"/> went, for the matching <see cref="IShareLocks.ExitShared"/>.</summary>
internal enum SharedEntry
{
    /// <summary>Another handle holds the file exclusively: nothing was taken.</summary>
    Refused,

    /// <summary>No exclusive handle was open: the call was counted, not recorded for its file.</summary>
    Counted,

    /// <summary>The lock was recorded for its file, as a handle's is.</summary>
    Recorded,
}
