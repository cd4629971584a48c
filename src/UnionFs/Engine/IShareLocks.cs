namespace UnionFs.Engine;

/// <summary>
/// The union's <see cref="FileShare"/> locks as the whole-file operations need them: a shared lock (flock LOCK_SH)
/// held for the length of one call, without a handle object.
/// </summary>
internal interface IShareLocks
{
    /// <summary>Takes a shared lock on the file at the resolved union path <paramref name="path"/>; false when another handle holds it exclusively.</summary>
    bool TryEnterShared(string path);

    /// <summary>Gives back a lock <see cref="TryEnterShared"/> took.</summary>
    void ExitShared(string path);
}
