using UnionFs.Engine;

namespace UnionFs.Facade;

/// <summary>
/// <see cref="FileShare"/> between the handles of one union, as .NET on Linux honours it: an open with
/// <see cref="FileShare.None"/> takes an exclusive lock on the file (flock LOCK_EX), any other share a shared
/// one (LOCK_SH), and an open whose lock conflicts fails with a sharing violation. Like flock, it binds opens
/// and nothing else: deleting or renaming a locked file works. Files are known by their resolved union path.
/// </summary>
internal sealed class FileLocks : IShareLocks
{
    private const int Exclusive = -1;

    private readonly Dictionary<string, int> _holders = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Takes the lock <paramref name="share"/> asks for on <paramref name="path"/>, or returns null when it conflicts.</summary>
    public IDisposable? TryAcquire(string path, FileShare share)
    {
        var exclusive = share == FileShare.None;
        lock (_gate)
        {
            _holders.TryGetValue(path, out var held);
            if (held == Exclusive || (exclusive && held > 0)) return null;
            _holders[path] = exclusive ? Exclusive : held + 1;
        }
        return new Release(this, path, exclusive);
    }

    /// <inheritdoc />
    public bool TryEnterShared(string path)
    {
        lock (_gate)
        {
            _holders.TryGetValue(path, out var held);
            if (held == Exclusive) return false;
            _holders[path] = held + 1;
            return true;
        }
    }

    /// <inheritdoc />
    public void ExitShared(string path) => Drop(path, exclusive: false);

    private void Drop(string path, bool exclusive)
    {
        lock (_gate)
        {
            if (exclusive || !_holders.TryGetValue(path, out var held) || held <= 1) _holders.Remove(path);
            else _holders[path] = held - 1;
        }
    }

    /// <summary>Gives the lock back once, when the stream that holds it is disposed.</summary>
    private sealed class Release(FileLocks owner, string path, bool exclusive) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) owner.Drop(path, exclusive);
        }
    }
}
