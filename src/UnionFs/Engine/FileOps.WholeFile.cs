using System.Buffers;

namespace UnionFs.Engine;

/// <summary>
/// Whole-file reads and writes (File.ReadAllBytes, File.WriteAllBytes and the text helpers built on them): the same
/// open(2), share lock, copy-up, times and notifications as a stream opened, used once and closed, with one lookup
/// and no stream stack in between.
/// </summary>
internal sealed partial class FileOps
{
    /// <summary>
    /// What <c>File.WriteAllBytes</c> does: open with <see cref="FileMode.Create"/> and <see cref="FileShare.Read"/>,
    /// write <paramref name="bytes"/>, close. The errors of <see cref="Open(string, FileMode, FileAccess, UnixFileMode?, out Stream?, out string?)"/>,
    /// and <see cref="Errno.EWOULDBLOCK"/> when another handle holds the file exclusively (nothing is changed then).
    /// </summary>
    public Errno WriteAll(string path, ReadOnlySpan<byte> bytes, IShareLocks locks)
    {
        lock (_engine.WriteGate)
        {
            var error = _engine.Lookup.Find(path, followFinal: true, out var node);
            if (error != Errno.None) return error;
            if (node.IsDirectory) return Errno.EISDIR;
            var upper = _engine.Layers.Upper;
            if (upper is null) return Errno.EROFS;
            var shared = locks.TryEnterShared(node.Path);
            if (shared.Refused) return Errno.EWOULDBLOCK;
            try
            {
                var notifications = _engine.Notifications;
                if (!node.Exists)
                {
                    var parent = _engine.CopyUp.EnsureParent(node.Path, node.ParentStack);
                    var metadata = _engine.NewMetadata(EntryKind.File);
                    if (upper is MemoryBranch memory)
                    {
                        // The branch moves the directory's write time in the same step (what NameChanged does).
                        memory.WriteAllHeld(node.Path, bytes, metadata, metadata.LastWriteTimeUtc, node.ParentStack.UpperNode, node.ParentStack.UpperUnlinks);
                        _engine.Times.Forget(node.Path);
                    }
                    else
                    {
                        CreateWhole(upper, node.Path, parent, bytes, metadata);
                    }
                    notifications.Publish(NotificationKind.Created, node.Path, isDirectory: false);
                }
                else
                {
                    ReplaceWhole(upper, node.Path, node.Entry!, _engine.Layers.IsUpper(node.Layer), bytes);
                }
                // .NET opens without O_TRUNC and then calls ftruncate: IN_MODIFY even for a new or empty file; then the write's.
                notifications.Publish(NotificationKind.Modified, node.Path, isDirectory: false);
                if (!bytes.IsEmpty) notifications.Publish(NotificationKind.Modified, node.Path, isDirectory: false);
                return Errno.None;
            }
            finally
            {
                locks.ExitShared(shared);
            }
        }
    }

    /// <summary>
    /// What <c>File.ReadAllBytes</c> does: open for reading with <see cref="FileShare.Read"/>, read everything, close.
    /// The errors of <see cref="OpenRead(string, out Stream?, out string?)"/>, and <see cref="Errno.EWOULDBLOCK"/> when
    /// another handle holds the file exclusively. The read moves the access time as a read(2) does.
    /// </summary>
    public Errno ReadAll(string path, IShareLocks locks, out byte[]? bytes)
    {
        bytes = null;
        // As OpenRead: no lock; a file renamed or removed under the read is looked up again.
        for (var attempt = 0; ; attempt++)
        {
            var error = _engine.Lookup.Find(path, followFinal: true, out var node);
            if (error != Errno.None) return error;
            if (!node.Exists) return Errno.ENOENT;
            if (node.IsDirectory) return Errno.EISDIR;
            var shared = locks.TryEnterShared(node.Path);
            if (shared.Refused) return Errno.EWOULDBLOCK;
            try
            {
                var branch = _engine.Layers.Branches[node.Layer];
                if (branch is MemoryBranch memory && _engine.Layers.IsUpper(node.Layer))
                {
                    // A memory upper's file takes its new access time in the same step as the read, from the node the
                    // walk found when it has one.
                    var accessed = _engine.Times.AccessTimeOnRead(node.Path, node.Entry!);
                    bytes = node.UpperFile is { } file ? memory.ReadAll(file, accessed) : memory.ReadAll(node.BranchPath!, accessed);
                    return Errno.None;
                }
                bytes = ReadAll(branch, node.BranchPath!);
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
            {
                if (attempt == MaxOpenAttempts) return Errno.ENOENT;
                continue;
            }
            finally
            {
                locks.ExitShared(shared);
            }
            _engine.Times.Read(node.ToNode());
            return Errno.None;
        }
    }

    /// <summary>
    /// The new file of <see cref="WriteAll"/> in an upper that is not a memory branch. Out of line, as
    /// <see cref="ReplaceWhole"/>: what the common case does not call does not enlarge (and zero) its frame.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void CreateWhole(IBranch upper, string path, string? parent, ReadOnlySpan<byte> bytes, EntryMetadata metadata)
    {
        Replace(upper, path, bytes, metadata, exists: false);
        _engine.Times.NameChanged(path, parent);
    }

    /// <summary>
    /// The existing file of <see cref="WriteAll"/>, with entry <paramref name="entry"/>: copied up first (its metadata
    /// only, the old bytes would be thrown away at once) when it is not in the upper, then replaced.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void ReplaceWhole(IBranch upper, string path, BranchEntry entry, bool inUpper, ReadOnlySpan<byte> bytes)
    {
        if (!inUpper)
        {
            _engine.CopyUp.EnsureDirectory(BranchPath.GetParent(path)!);
            upper.CreateFile(path, null, entry.Metadata);
            _engine.CountCopyUp();
        }
        Replace(upper, path, bytes, entry.Metadata, exists: true);
    }

    /// <summary>
    /// Truncates (or creates) <paramref name="path"/> in <paramref name="upper"/> and writes <paramref name="bytes"/>,
    /// under the write lock (a memory upper's own).
    /// </summary>
    private static void Replace(IBranch upper, string path, ReadOnlySpan<byte> bytes, EntryMetadata metadataIfNew, bool exists)
    {
        if (upper is MemoryBranch memory)
        {
            memory.WriteAllHeld(path, bytes, metadataIfNew, touchParentAt: null, parentHint: null, parentUnlinks: 0);
            return;
        }
        if (!exists) upper.CreateFile(path, null, metadataIfNew);
        using var stream = upper.OpenWrite(path);
        if (stream.Length != 0) stream.SetLength(0);
        stream.Write(bytes);
    }

    /// <summary>Every byte of a branch's file: a memory branch copies them in one step; any other is read to its end.</summary>
    private static byte[] ReadAll(IBranch branch, string path)
    {
        if (branch is MemoryBranch memory) return memory.ReadAll(path);
        using var stream = branch.OpenRead(path);
        if (stream.CanSeek)
        {
            var length = stream.Length;
            if (length > Array.MaxLength) throw new IOException("The file is too long: ReadAllBytes reads at most 2 GB.");
            var exact = new byte[length];
            var read = stream.ReadAtLeast(exact, exact.Length, throwOnEndOfStream: false);
            if (read < exact.Length) return exact[..read];
            // A file that grew meanwhile is read to its end, as File.ReadAllBytes reads one of unknown length.
            Span<byte> next = stackalloc byte[1];
            if (stream.Read(next) == 0) return exact;
            return ReadRest(stream, [.. exact, next[0]]);
        }
        return ReadRest(stream, []);
    }

    private static byte[] ReadRest(Stream stream, ReadOnlySpan<byte> start)
    {
        using var buffer = new MemoryStream();
        buffer.Write(start);
        var chunk = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            int read;
            while ((read = stream.Read(chunk, 0, chunk.Length)) > 0) buffer.Write(chunk, 0, read);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
        return buffer.ToArray();
    }
}
