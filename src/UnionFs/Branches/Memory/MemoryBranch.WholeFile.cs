namespace UnionFs;

/// <summary>Whole-file reads and writes without a stream: what the union's File.ReadAllBytes and WriteAllBytes use.</summary>
public sealed partial class MemoryBranch
{
    /// <summary>
    /// The bytes of the file at <paramref name="path"/>, read in one step (a consistent copy even while others write).
    /// </summary>
    /// <exception cref="FileNotFoundException">Nothing is at <paramref name="path"/>.</exception>
    /// <exception cref="IOException">The entry is not a regular file.</exception>
    internal byte[] ReadAll(string path) => FindFile(path).ToArray();

    /// <summary>
    /// As <see cref="ReadAll(string)"/>, and gives the file the access time <paramref name="accessedUtc"/> when it is
    /// not null (the read moved it): one lookup for both.
    /// </summary>
    internal byte[] ReadAll(string path, DateTime? accessedUtc) => ReadAll(FindFile(path), accessedUtc);

    /// <summary>
    /// As <see cref="ReadAll(string, DateTime?)"/> for the regular file <paramref name="node"/> a walk of this branch
    /// just found: what open(2) then read(2) do with the object a lookup gave, even if it was renamed since.
    /// </summary>
    internal byte[] ReadAll(MemoryNode node, DateTime? accessedUtc)
    {
        // No lock: the bytes are copied under the file's own, and the time is kept for the next stat to fold in.
        var bytes = node.ToArray();
        if (accessedUtc is not { } accessed) return bytes;
        node.Accessed(accessed);
        NoteChange();
        return bytes;
    }

    /// <summary>
    /// What <c>open(O_WRONLY|O_CREAT)</c>, <c>ftruncate(0)</c> of a non-empty file and one <c>write</c> leave behind:
    /// the file at <paramref name="path"/> holds <paramref name="bytes"/>. A new file takes <paramref name="metadataIfNew"/>
    /// and is published whole (readers never see it empty), and its directory's write time moves to
    /// <paramref name="touchParentAt"/> when that is given; an existing one is replaced in one step under its data's
    /// lock, and its write time moves when the truncation or the write changed anything, as the stream's would. The
    /// caller holds <see cref="Gate"/>; when its walk found the parent's node <paramref name="parentHint"/> while the
    /// unlink count was <paramref name="parentUnlinks"/> and no entry has left the branch since, the parent is not
    /// searched for again.
    /// </summary>
    /// <returns>True when the file was created.</returns>
    /// <exception cref="DirectoryNotFoundException">The parent is not a directory of the branch.</exception>
    /// <exception cref="IOException">A directory is at <paramref name="path"/>.</exception>
    internal bool WriteAllHeld(string path, ReadOnlySpan<byte> bytes, EntryMetadata metadataIfNew, DateTime? touchParentAt, MemoryNode? parentHint, long parentUnlinks)
    {
        System.Diagnostics.Debug.Assert(Gate.IsHeldByCurrentThread);
        // One lookup of the parent serves the name's lookup, the publication and the parent's new time.
        var parent = parentHint is not null && Unlinks == parentUnlinks ? parentHint : ParentNodeOf(path);
        var name = path.AsSpan(path.LastIndexOf('/') + 1);
        var hash = NameTable<MemoryNode>.HashOf(name);
        if (parent.Children!.TryGetValue(name, hash, out var existing) && existing.Data is { } data)
        {
            if (data.Replace(bytes))
            {
                existing.Touch(Now);
                NoteChange();
            }
            return false;
        }
        var created = new MemoryNode(Describe(name.ToString(), EntryKind.File, metadataIfNew, bytes.Length));
        if (!bytes.IsEmpty) created.Fill(bytes);
        PublishIn(parent, existing, hash, path, created, replaceDirectory: false);
        if (touchParentAt is { } touched) parent.Touch(touched);
        return true;
    }

    /// <summary>
    /// What <c>open(O_CREAT)</c> of a name with no file in the branch does: a new empty file at <paramref name="path"/>
    /// taking <paramref name="metadata"/>, published at once (over a whiteout there), its directory's write time moved to
    /// <paramref name="touchParentAt"/>, and a writable stream on it. The parent is <paramref name="parentHint"/>, the
    /// node a walk found while the unlink count was <paramref name="parentUnlinks"/>, when no entry has left since. The
    /// caller holds <see cref="Gate"/>.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The parent is not a directory of the branch.</exception>
    /// <exception cref="IOException">A directory is at <paramref name="path"/>.</exception>
    internal MemoryFileStream CreateAndOpenHeld(string path, EntryMetadata metadata, DateTime touchParentAt, MemoryNode? parentHint, long parentUnlinks)
    {
        System.Diagnostics.Debug.Assert(Gate.IsHeldByCurrentThread);
        var parent = parentHint is not null && Unlinks == parentUnlinks ? parentHint : ParentNodeOf(path);
        var name = path.AsSpan(path.LastIndexOf('/') + 1);
        var hash = NameTable<MemoryNode>.HashOf(name);
        parent.Children!.TryGetValue(name, hash, out var existing);
        var created = new MemoryNode(Describe(name.ToString(), EntryKind.File, metadata, 0));
        PublishIn(parent, existing, hash, path, created, replaceDirectory: false);
        parent.Touch(touchParentAt);
        return new MemoryFileStream(created, writable: true, _clock, this);
    }

    /// <summary>
    /// Moves the write time of the directory at <paramref name="path"/> to <paramref name="nowUtc"/> (a name in it
    /// changed) without a new snapshot: the entry takes the time when it is next read. False when no directory is there.
    /// </summary>
    internal bool TouchDirectory(string path, DateTime nowUtc)
    {
        var node = FindCached(path, path.Length);
        if (node?.Children is null) return false;
        node.Touch(nowUtc);
        NoteChange();
        return true;
    }

    /// <summary>
    /// A read (a file read, a directory listed) moved the access time of the entry at <paramref name="path"/> to
    /// <paramref name="nowUtc"/>: kept on the node for the next stat to fold in, without a lock or a new snapshot.
    /// False when nothing (or a whiteout) is there.
    /// </summary>
    internal bool Accessed(string path, DateTime nowUtc) => Accessed(path, nowUtc, hint: null, unlinks: 0);

    /// <summary>
    /// As <see cref="Accessed(string, DateTime)"/>, where a walk found the directory's node <paramref name="hint"/>
    /// while the unlink count was <paramref name="unlinks"/> (see <see cref="DirectoryAt"/>).
    /// </summary>
    internal bool Accessed(string path, DateTime nowUtc, MemoryNode? hint, long unlinks)
    {
        var node = DirectoryAt(path, hint, unlinks);
        if (node is null || node.Entry.Kind == EntryKind.Whiteout) return false;
        node.Accessed(nowUtc);
        NoteChange();
        return true;
    }

    /// <summary>
    /// A read moved the access time of <paramref name="node"/>, an object of this branch, to <paramref name="nowUtc"/>:
    /// kept on the node as <see cref="Accessed(string, DateTime)"/> keeps it.
    /// </summary>
    internal void Accessed(MemoryNode node, DateTime nowUtc)
    {
        node.Accessed(nowUtc);
        NoteChange();
    }

    /// <summary>Sets the access time of the file or directory at <paramref name="path"/>; false when nothing is there.</summary>
    internal bool SetAccessTime(string path, DateTime nowUtc)
    {
        lock (Gate)
        {
            var node = FindCached(path, path.Length);
            if (node is null || node.Entry.Kind == EntryKind.Whiteout) return false;
            node.Entry = node.Entry with { LastAccessTimeUtc = nowUtc };
            NoteChange();
            return true;
        }
    }
}
