using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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

    // Made when the first handle opens: most unions never open one.
    private Dictionary<string, int>? _holders;
    // Made when a handle first opens, or a whole-file call meets an exclusive one: counted calls need none.
    private Lock? _gate;

    private Lock Gate => LazyInitializer.EnsureInitialized(ref _gate);

    // Whole-file calls in progress that took no recorded lock, and exclusive handles open (or being opened). A call
    // counts itself, then looks for exclusive handles; an exclusive open counts itself, then waits for the calls:
    // with both counts written before they are read, one of the two always sees the other.
    private int _countedCalls;
    private int _exclusiveHandles;

    /// <summary>Takes the lock <paramref name="share"/> asks for on <paramref name="path"/>, or returns null when it conflicts.</summary>
    public IDisposable? TryAcquire(string path, FileShare share)
    {
        var exclusive = share == FileShare.None;
        lock (Gate)
        {
            var holders = _holders ??= new Dictionary<string, int>(StringComparer.Ordinal);
            // One search of the table for both the check and the count: the path is hashed once. A path added here
            // holds 0, which nothing refuses, so a refusal never leaves an empty entry behind.
            ref var held = ref CollectionsMarshal.GetValueRefOrAddDefault(holders, path, out _);
            if (held == Exclusive || (exclusive && held > 0)) return null;
            if (exclusive)
            {
                Interlocked.Increment(ref _exclusiveHandles);
                // A whole-file call already under way holds its file until it returns: it came first.
                var wait = new SpinWait();
                while (Volatile.Read(ref _countedCalls) != 0) wait.SpinOnce();
            }
            held = exclusive ? Exclusive : held + 1;
        }
        return new Release(this, path, exclusive);
    }

    /// <inheritdoc />
    public SharedEntry TryEnterShared(string path)
    {
        // The common case, no exclusive handle anywhere: two atomic counts, no lock and no table.
        Interlocked.Increment(ref _countedCalls);
        if (Volatile.Read(ref _exclusiveHandles) == 0) return SharedEntry.Counted;
        Interlocked.Decrement(ref _countedCalls);
        lock (Gate)
        {
            var holders = _holders ??= new Dictionary<string, int>(StringComparer.Ordinal);
            holders.TryGetValue(path, out var held);
            if (held == Exclusive) return SharedEntry.Refused;
            holders[path] = held + 1;
            return SharedEntry.Recorded;
        }
    }

    /// <inheritdoc />
    public void ExitShared(string path, SharedEntry entry)
    {
        if (entry == SharedEntry.Counted) Interlocked.Decrement(ref _countedCalls);
        else if (entry == SharedEntry.Recorded) Drop(path, exclusive: false);
    }

    private void Drop(string path, bool exclusive)
    {
        lock (Gate)
        {
            var holders = _holders!;
            ref var held = ref CollectionsMarshal.GetValueRefOrNullRef(holders, path);
            if (exclusive || Unsafe.IsNullRef(ref held) || held <= 1) holders.Remove(path);
            else held--;
            if (exclusive) Interlocked.Decrement(ref _exclusiveHandles);
        }
    }

    private sealed class Release(FileLocks owner, string path, bool exclusive) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) owner.Drop(path, exclusive);
        }
    }
}
