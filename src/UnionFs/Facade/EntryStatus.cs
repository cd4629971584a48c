using UnionFs.Engine;

namespace UnionFs.Facade;

/// <summary>
/// What System.IO learns about a path on Linux (its FileStatus): lstat of the entry itself and, for a symbolic
/// link, stat of its target. Kind and permissions come from a live link's target; size and times are the
/// link's own. A link whose target cannot be reached (missing, looping) is a broken link.
/// </summary>
internal readonly struct EntryStatus
{
    private static readonly DateTime NoTime = DateTime.FromFileTimeUtc(0);

    private EntryStatus(UnionNode? node, UnionNode? target, Errno error, DateTime? accessed = null)
    {
        Node = node;
        Target = target;
        Error = error;
        _accessed = accessed;
    }

    /// <summary>The access time when the engine remembers one other than the entry's own (a read lower object).</summary>
    private readonly DateTime? _accessed;

    /// <summary>The entry (lstat), present or absent; null when the walk to it failed.</summary>
    public UnionNode? Node { get; }

    /// <summary>The resolved target of a symbolic link (null when dangling, looping, or not a link).</summary>
    public UnionNode? Target { get; }

    /// <summary>Why the walk to the entry failed (ENOENT, ENOTDIR, ELOOP), or <see cref="Errno.None"/>.</summary>
    public Errno Error { get; }

    public bool Exists => Node?.Exists == true;

    /// <summary>True for a directory or a link to one.</summary>
    public bool IsDirectory => Node?.IsDirectory == true || Target?.IsDirectory == true;

    /// <summary>What FileSystem.FileExists says: something that is not a directory (a broken link counts).</summary>
    public bool IsFile => Exists && !IsDirectory;

    /// <summary>A symbolic link whose target cannot be reached.</summary>
    public bool IsBrokenLink => Node?.IsSymbolicLink == true && Target is null;

    public BranchEntry? Entry => Node?.Entry;

    /// <summary>The lstat size: a file's length, the length of a link's target path.</summary>
    public long Length => Entry?.Length ?? 0;

    public DateTime CreationTimeUtc => Entry?.CreationTimeUtc ?? NoTime;

    public DateTime LastAccessTimeUtc => _accessed ?? Entry?.LastAccessTimeUtc ?? NoTime;

    public DateTime LastWriteTimeUtc => Entry?.LastWriteTimeUtc ?? NoTime;

    /// <summary>The permissions .NET reports: a live link's target's; -1 for a missing entry or a broken link.</summary>
    public UnixFileMode UnixMode => Exists && !IsBrokenLink ? CachedMode : (UnixFileMode)(-1);

    /// <summary>The permissions .NET keeps in its cache and changes from: a live link's target's, else the entry's own.</summary>
    public UnixFileMode CachedMode => Target?.Entry?.UnixMode ?? Entry?.UnixMode ?? 0;

    public string? LinkTarget => Node?.Entry?.LinkTarget;

    /// <summary>True when .NET throws for this status as soon as it reads a value (an error other than a missing name).</summary>
    public bool Failed => Error is not Errno.None and not Errno.ENOENT and not Errno.ENOTDIR;

    /// <summary>
    /// Attributes as .NET computes them on Unix: kind bits, Hidden for dot names, ReadOnly when the owner may read
    /// but not write (never for a broken link).
    /// </summary>
    public FileAttributes Attributes =>
        Exists ? AttributesOf(CachedMode, Node!.IsSymbolicLink, IsBrokenLink, IsDirectory, Node.Name) : (FileAttributes)(-1);

    /// <summary>The attributes, with Hidden judged from <paramref name="name"/> (a FileSystemInfo's own name).</summary>
    public FileAttributes AttributesNamed(string name) =>
        Exists ? AttributesOf(CachedMode, Node!.IsSymbolicLink, IsBrokenLink, IsDirectory, name) : (FileAttributes)(-1);

    /// <summary>
    /// The attributes .NET computes on Unix from what stat says: kind bits, Hidden for dot names, ReadOnly when
    /// the owner may read but not write (never for a broken link).
    /// </summary>
    public static FileAttributes AttributesOf(UnixFileMode mode, bool isLink, bool isBrokenLink, bool isDirectory, string name)
    {
        FileAttributes attributes = 0;
        if (!isBrokenLink && (mode & UnixFileMode.UserRead) != 0 && (mode & UnixFileMode.UserWrite) == 0) attributes |= FileAttributes.ReadOnly;
        if (isLink) attributes |= FileAttributes.ReparsePoint;
        if (isDirectory) attributes |= FileAttributes.Directory;
        if (name.StartsWith('.')) attributes |= FileAttributes.Hidden;
        return attributes == 0 ? FileAttributes.Normal : attributes;
    }

    /// <summary>Looks up <paramref name="path"/> (normalised) without throwing: a failed walk gives a status that does not exist.</summary>
    public static EntryStatus Of(UnionEngine engine, string path)
    {
        var links = 0;
        var error = engine.Lookup.TryResolve(path, followFinal: false, ref links, out var node);
        return error == Errno.None ? Of(engine, node!, ref links) : new EntryStatus(null, null, error);
    }

    /// <summary>
    /// lstat of <paramref name="path"/> as the caller wrote it (<paramref name="callerPath"/>): with a trailing
    /// separator the kernel follows a final link and wants a directory, so anything else is ENOTDIR.
    /// </summary>
    public static EntryStatus Of(UnionEngine engine, string path, string callerPath)
    {
        if (!UnionPath.EndsInSeparator(callerPath)) return Of(engine, path);
        var error = engine.Lookup.TryResolve(path, followFinal: true, out var node);
        if (error != Errno.None) return new EntryStatus(null, null, error);
        if (!node!.Exists) return new EntryStatus(node, null, Errno.None);
        return node.IsDirectory ? new EntryStatus(node, null, Errno.None) : new EntryStatus(null, null, Errno.ENOTDIR);
    }

    /// <summary>
    /// Whether the directory of the path as the caller wrote it exists (Directory.Exists(Path.GetDirectoryName)):
    /// for "name/" that is name itself.
    /// </summary>
    public static bool WrittenParentIsDirectory(UnionEngine engine, string path, string callerPath) =>
        UnionPath.EndsInSeparator(callerPath) ? DirectoryExists(engine, path) : ParentIsDirectory(engine, path);

    /// <summary>
    /// The status of an already looked-up node reached by a walk that followed <paramref name="links"/> links; the
    /// stat of a link continues that walk and adds the links it follows.
    /// </summary>
    public static EntryStatus Of(UnionEngine engine, UnionNode node, ref int links)
    {
        if (!node.IsSymbolicLink) return node.Exists ? new EntryStatus(node, null, Errno.None, engine.RememberedAccessTime(node)) : new EntryStatus(node, null, Errno.None);
        var error = engine.Lookup.TryResolve(node.Path, followFinal: true, ref links, out var target);
        return new EntryStatus(node, error == Errno.None && target!.Exists ? target : null, Errno.None);
    }

    /// <summary>FileSystem.DirectoryExists: stat follows every link; true for a directory.</summary>
    public static bool DirectoryExists(UnionEngine engine, string path) =>
        engine.Lookup.Find(path, followFinal: true, out var found) == Errno.None && found.IsDirectory;

    /// <summary>
    /// FileSystem.FileExists, <c>Of(engine, path).IsFile</c>: something is there (lstat) and it is neither a directory
    /// nor a link to one. Only a link needs a node and a second walk.
    /// </summary>
    public static bool FileExists(UnionEngine engine, string path)
    {
        var links = 0;
        if (engine.Lookup.Find(path, followFinal: false, ref links, out var found) != Errno.None || found.Entry is not { } entry) return false;
        if (entry.Kind != EntryKind.SymbolicLink) return entry.Kind != EntryKind.Directory;
        return Of(engine, found.ToNode(), ref links).IsFile;
    }

    /// <summary>
    /// What .NET throws when lstat finds nothing (FileSystemInfo.ThrowNotFound): a missing directory when the
    /// parent is not a directory, else a missing file.
    /// </summary>
    public static Exception NotFound(UnionEngine engine, string path) => NotFound(engine, path, path);

    /// <summary>As <see cref="NotFound(UnionEngine, string)"/>, naming the path as <paramref name="shown"/> (as the caller wrote it).</summary>
    public static Exception NotFound(UnionEngine engine, string path, string shown) =>
        ParentIsDirectory(engine, path) ? UnionErrors.FileNotFound(shown) : UnionErrors.DirectoryNotFound(shown);

    /// <summary>What .NET throws when this lstat found nothing: a non-directory named with a trailing separator is a missing directory.</summary>
    public Exception NotFoundError(UnionEngine engine, string path, string shown) =>
        Error == Errno.ENOTDIR ? UnionErrors.DirectoryNotFound(shown) : NotFound(engine, path, shown);

    /// <summary>True when the parent of <paramref name="path"/>, as written, is a directory (Directory.Exists of it).</summary>
    public static bool ParentIsDirectory(UnionEngine engine, string path) =>
        BranchPath.GetParent(path) is not { } parent || DirectoryExists(engine, parent);

    /// <summary>Throws what .NET throws when it reads a value of a path whose walk failed (ELOOP): nothing for a missing name.</summary>
    public void ThrowIfFailed(string path)
    {
        if (Failed) throw UnionErrors.FromErrno(Error, path);
    }
}
