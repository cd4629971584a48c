using System.IO.Abstractions;
using UnionFs.Engine;
using UnionFs.Facade;

namespace UnionFs;

/// <summary>
/// The merged view of one writable upper branch over any number of read-only lower branches, as a
/// complete <see cref="IFileSystem"/>. Paths are absolute from the union root (<c>/books/c</c>); relative
/// paths resolve against the union's own current directory. Every member is safe to call from many
/// threads at once.
/// </summary>
/// <example>
/// <code>
/// var fs = new UnionFileSystem(new MemoryBranch(), new DirectoryBranch(new FileSystem(), "/srv/base"));
/// fs.File.WriteAllText("/notes.txt", "hello");       // lands in the upper branch
/// foreach (var change in fs.GetChanges()) Console.WriteLine(change);   // A /notes.txt
/// </code>
/// </example>
public sealed partial class UnionFileSystem : IFileSystem
{
    private volatile string _currentDirectory = BranchPath.Root;

    /// <summary>Creates a union of <paramref name="upper"/> (where every change lands) over <paramref name="lowers"/>, topmost first.</summary>
    /// <param name="upper">The writable branch.</param>
    /// <param name="lowers">Read-only branches, topmost first (like <c>lowerdir=l1:l2</c>: l1 is on top). None is fine.</param>
    public UnionFileSystem(IBranch upper, params IBranch[] lowers)
        : this(upper ?? throw new ArgumentNullException(nameof(upper)), lowers, TimeProvider.System)
    {
    }

    private UnionFileSystem(IBranch? upper, IBranch[] lowers, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(lowers);
        for (var i = 0; i < lowers.Length; i++)
            if (lowers[i] is null) throw new ArgumentException($"Lower branch {i} is null.", nameof(lowers));
        if (upper is null && lowers.Length == 0) throw new ArgumentException("A read-only union needs at least one lower branch.", nameof(lowers));
        Engine = new UnionEngine(upper, (IBranch[])lowers.Clone(), clock);
        // The other members' objects are made on first use (a race makes two, both stateless): a union is small.
        File = new UnionFile(this);
        Directory = new UnionDirectory(this);
    }

    /// <summary>A union with no upper branch: reading works, every write throws an <see cref="IOException"/> (read-only file system).</summary>
    /// <param name="lowers">Branches, topmost first; at least one.</param>
    public static UnionFileSystem ReadOnly(params IBranch[] lowers) => new(null, lowers, TimeProvider.System);

    /// <summary>The writable branch, or null for a read-only union.</summary>
    public IBranch? Upper => Engine.Layers.Upper;

    /// <summary>The read-only branches, topmost first.</summary>
    public IReadOnlyList<IBranch> Lowers => Engine.Layers.Branches[Engine.Layers.FirstLower..];

    /// <summary>True when the union has no upper branch.</summary>
    public bool IsReadOnly => Engine.Layers.Upper is null;

    /// <inheritdoc />
    public IDirectory Directory { get; }

    /// <inheritdoc />
    public IDirectoryInfoFactory DirectoryInfo => field ??= new UnionDirectoryInfoFactory(this);

    /// <inheritdoc />
    public IDriveInfoFactory DriveInfo => field ??= new UnionDriveInfoFactory(this);

    /// <inheritdoc />
    public IFile File { get; }

    /// <inheritdoc />
    public IFileInfoFactory FileInfo => field ??= new UnionFileInfoFactory(this);

    /// <inheritdoc />
    public IFileStreamFactory FileStream => field ??= new UnionFileStreamFactory(this);

    /// <inheritdoc />
    public IFileSystemWatcherFactory FileSystemWatcher => field ??= new UnionFileSystemWatcherFactory(this);

    /// <inheritdoc />
    public IFileVersionInfoFactory FileVersionInfo => field ??= new UnionFileVersionInfoFactory(this);

    /// <inheritdoc />
    public IPath Path => field ??= new UnionPathWrapper(this);

    /// <inheritdoc />
    public IRandomAccess RandomAccess => field ??= new UnionRandomAccess(this);

    internal UnionEngine Engine { get; }

    /// <summary>The <see cref="FileShare"/> locks of the handles this union handed out.</summary>
    internal FileLocks FileLocks => _fileLocks ?? MakeFileLocks();

    // Made on the first open or whole-file call: a union only looked into costs none.
    private FileLocks? _fileLocks;

    // Not LazyInitializer with a factory: a lambda that captures this would be allocated on every call of the getter.
    private FileLocks MakeFileLocks()
    {
        Interlocked.CompareExchange(ref _fileLocks, new FileLocks(Engine.Notifications), null);
        return _fileLocks;
    }

    /// <summary>Serialises the whole-file appends (AppendAllText, AppendAllBytes): each finds the end and writes in one step.</summary>
    internal Lock AppendGate => LazyInitializer.EnsureInitialized(ref _appendGate);

    private Lock? _appendGate;

    /// <summary>The union's current directory, used to resolve relative paths.</summary>
    internal string CurrentDirectory
    {
        get => _currentDirectory;
        set => _currentDirectory = value;
    }

    /// <summary>What the upper branch changed relative to the lowers, sorted by path, like <c>docker diff</c>.</summary>
    public IReadOnlyList<UnionChange> GetChanges() => Engine.Changes.List();

    /// <summary>
    /// Tells the union that a lower branch changed underneath it. Lowers are treated as immutable while a union
    /// is over them, as overlayfs documents: the union remembers what they hold, so lookups and listings cost
    /// the same over 64 lowers as over one. After changing a lower, call this before the union is used again:
    /// it forgets everything learnt of the lowers. What the union shows between the change and this call is
    /// undefined, as on a kernel overlay; the upper branch and the lowers themselves are never harmed.
    /// </summary>
    public void RefreshLowers() => Engine.Lookup.ForgetLowers();

    /// <summary>Validates and normalises a caller's path into a union path.</summary>
    internal string Full(string? path, string parameterName = "path") => UnionPath.Normalize(path, _currentDirectory, parameterName);

    /// <summary>The union path of a caller's path, or false for one System.IO's Exists calls answer false for (null, empty, a NUL).</summary>
    internal bool TryFull([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? path, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? full) =>
        UnionPath.TryNormalize(path, _currentDirectory, out full);

    /// <summary>
    /// How System.IO names <paramref name="path"/> in a message (Path.GetFullPath): the normalised
    /// <paramref name="full"/> path, with the caller's trailing separator kept.
    /// </summary>
    internal static string Shown(string path, string full) => UnionPath.EndsInSeparator(path) && full.Length > 1 ? full + "/" : full;
}
