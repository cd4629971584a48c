namespace UnionFs.Engine;

/// <summary>What <see cref="IShareLocks.TryEnterShared"/> took, for the matching <see cref="IShareLocks.ExitShared"/>.</summary>
internal readonly struct SharedLock
{
    /// <summary>A lock of <paramref name="kind"/>; <paramref name="file"/> is the record of the file when it was recorded.</summary>
    internal SharedLock(SharedEntry kind, object? file = null)
    {
        Kind = kind;
        File = file;
    }

    /// <summary>How the lock was taken.</summary>
    public SharedEntry Kind { get; }

    /// <summary>The lock table's record of the file (which follows the file's renames) when <see cref="Kind"/> is <see cref="SharedEntry.Recorded"/>.</summary>
    public object? File { get; }

    /// <summary>True when another handle holds the file exclusively and nothing was taken.</summary>
    public bool Refused => Kind == SharedEntry.Refused;
}

/// <summary>How <see cref="IShareLocks.TryEnterShared"/> went.</summary>
internal enum SharedEntry
{
    /// <summary>Another handle holds the file exclusively: nothing was taken.</summary>
    Refused,

    /// <summary>No exclusive handle was open: the call was counted, not recorded for its file.</summary>
    Counted,

    /// <summary>The lock was recorded for its file, as a handle's is.</summary>
    Recorded,
}
