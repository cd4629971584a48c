using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using UnionFs.Engine;

namespace UnionFs.Facade;

/// <summary>
/// <see cref="FileShare"/> between the handles of one union, as .NET on Linux honours it: an open with
/// <see cref="FileShare.None"/> takes an exclusive lock on the file (flock LOCK_EX), any other share a shared
/// one (LOCK_SH), and an open whose lock conflicts fails with a sharing violation. Like flock, it binds opens
/// and nothing else: deleting or renaming a locked file works. A file is found by its resolved union path, and its
/// record follows it: a rename moves the record to the new name, a removal takes it away from every name (the handles
/// keep it until they close), so a new file at the old name is free.
/// </summary>
internal sealed class FileLocks(NotificationHub names) : IShareLocks, INameFollower
{
    private const int Exclusive = -1;

    // Made when the first handle opens: most unions never open one. Each file's record is reachable here by its current
    // name only; a record taken away by a removal lives on in the handles that hold it.
    private Dictionary<string, FileRecord>? _holders;
    // A record out of use, for the next file opened.
    private FileRecord? _spare;
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
            var file = RecordOf(path);
            // A record just made holds nothing, which nothing refuses: a refusal never leaves an empty record behind.
            if (file.Held == Exclusive || (exclusive && file.Held > 0)) return null;
            if (exclusive)
            {
                Interlocked.Increment(ref _exclusiveHandles);
                // A whole-file call already under way holds its file until it returns: it came first.
                var wait = new SpinWait();
                while (Volatile.Read(ref _countedCalls) != 0) wait.SpinOnce();
            }
            file.Held = exclusive ? Exclusive : file.Held + 1;
            return new Release(this, file, exclusive);
        }
    }

    /// <inheritdoc />
    public SharedLock TryEnterShared(string path)
    {
        // The common case, no exclusive handle anywhere: two atomic counts, no lock and no table.
        Interlocked.Increment(ref _countedCalls);
        if (Volatile.Read(ref _exclusiveHandles) == 0) return new SharedLock(SharedEntry.Counted);
        Interlocked.Decrement(ref _countedCalls);
        lock (Gate)
        {
            var file = RecordOf(path);
            if (file.Held == Exclusive) return new SharedLock(SharedEntry.Refused);
            file.Held++;
            return new SharedLock(SharedEntry.Recorded, file);
        }
    }

    /// <inheritdoc />
    public void ExitShared(SharedLock held)
    {
        if (held.Kind == SharedEntry.Counted) Interlocked.Decrement(ref _countedCalls);
        else if (held.Kind == SharedEntry.Recorded) Drop((FileRecord)held.File!, exclusive: false);
    }

    /// <inheritdoc />
    public void Removed(string path, bool isDirectory)
    {
        lock (Gate)
        {
            if (_holders is not { Count: > 0 } holders) return;
            if (holders.Remove(path, out var file)) LostName(file, path);
            if (!isDirectory) return;
            foreach (var below in Below(holders, path))
            {
                holders.Remove(below, out var gone);
                LostName(gone!, below);
            }
        }
    }

    /// <inheritdoc />
    public void Moved(string oldPath, string newPath, bool isDirectory)
    {
        lock (Gate)
        {
            if (_holders is not { Count: > 0 } holders) return;
            Rename(oldPath, newPath);
            if (!isDirectory) return;
            foreach (var below in Below(holders, oldPath)) Rename(below, string.Concat(newPath, below.AsSpan(oldPath.Length)));
        }
    }

    /// <inheritdoc />
    public void Linked(string existingPath, string newPath)
    {
        lock (Gate)
        {
            if (_holders is not { Count: > 0 } holders || !holders.TryGetValue(existingPath, out var file)) return;
            // On disk both names are one inode, so one lock: the record takes the new name beside its own.
            holders[newPath] = file;
            file.Linked = true;
        }
    }

    /// <summary>The record of the file at <paramref name="path"/>, made (holding nothing) when it has none. Under the gate.</summary>
    private FileRecord RecordOf(string path)
    {
        if (_holders is null)
        {
            _holders = new Dictionary<string, FileRecord>(StringComparer.Ordinal);
            // From the first record on, every removal and move of a name reaches this table.
            names.Follow(this);
        }
        // One search of the table whether the record is found or made: the path is hashed once.
        ref var file = ref CollectionsMarshal.GetValueRefOrAddDefault(_holders, path, out _);
        if (file is not null) return file;
        // The record the last closed handle left, when there is one: a file opened and closed again makes none.
        file = _spare ?? new FileRecord();
        _spare = null;
        file.Path = path;
        return file;
    }

    /// <summary>Takes a record that holds nothing out of the table, by every name it has. Under the gate.</summary>
    private void Forget(FileRecord file)
    {
        if (file.Held != 0 || file.Path is not { } path) return;
        if (file.Linked)
            foreach (var name in NamesOf(file)) _holders!.Remove(name);
        else _holders!.Remove(path);
        // Nothing refers to it any more: the last handle has let it go, and no name leads to it.
        file.Path = null;
        file.Linked = false;
        _spare = file;
    }

    /// <summary>The name <paramref name="from"/> became <paramref name="to"/>; whatever had <paramref name="to"/> lost it (rename(2) replaces it). Under the gate.</summary>
    private void Rename(string from, string to)
    {
        var holders = _holders!;
        if (holders.Remove(to, out var replaced)) LostName(replaced, to);
        if (!holders.Remove(from, out var file)) return;
        holders[to] = file;
        if (file.Path == from) file.Path = to;
    }

    /// <summary><paramref name="file"/>'s name <paramref name="name"/> is out of the table: it keeps another it has, if any. Under the gate.</summary>
    private void LostName(FileRecord file, string name)
    {
        if (!file.Linked) file.Path = null;
        else if (file.Path == name) file.Path = NamesOf(file).FirstOrDefault();
    }

    /// <summary>Every name the table has for <paramref name="file"/>, copied out (a record with links only: the others have one). Under the gate.</summary>
    private List<string> NamesOf(FileRecord file)
    {
        var names = new List<string>();
        foreach (var (name, record) in _holders!)
            if (record == file) names.Add(name);
        return names;
    }

    /// <summary>The names in <paramref name="holders"/> strictly below the directory <paramref name="directory"/>, copied out.</summary>
    private static List<string> Below(Dictionary<string, FileRecord> holders, string directory)
    {
        var below = new List<string>();
        foreach (var path in holders.Keys)
            if (path.Length > directory.Length + 1 && path[directory.Length] == '/' && path.StartsWith(directory, StringComparison.Ordinal))
                below.Add(path);
        return below;
    }

    private void Drop(FileRecord file, bool exclusive)
    {
        lock (Gate)
        {
            file.Held = exclusive || file.Held <= 1 ? 0 : file.Held - 1;
            Forget(file);
            if (exclusive) Interlocked.Decrement(ref _exclusiveHandles);
        }
    }

    /// <summary>One file's lock: how many shared holders (or <see cref="Exclusive"/>), and a name it has now (null once it has none).</summary>
    private sealed class FileRecord
    {
        public string? Path;
        public int Held;
        // A link(2) gave it a second name: the table may hold it under names other than Path.
        public bool Linked;
    }

    private sealed class Release(FileLocks owner, FileRecord file, bool exclusive) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) owner.Drop(file, exclusive);
        }
    }
}
