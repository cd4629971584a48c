namespace UnionFs;

/// <summary>
/// An immutable snapshot of one name in a branch: what <c>lstat</c> would say, plus the union markers
/// (whiteout, opaque, redirect). Branches never follow symbolic links when they produce one.
/// </summary>
/// <remarks>
/// A branch that learns a name and its kind from a directory listing alone (a directory on disk: <c>getdents</c>
/// gives both) may leave the rest of the <c>lstat</c> part (<see cref="Length"/>, <see cref="Attributes"/>,
/// <see cref="UnixMode"/> and the times) to be fetched the first time one of them is read, so listing a tree costs
/// no system call per entry. The entry behaves as an immutable snapshot either way.
/// </remarks>
public sealed record BranchEntry
{
    // Laid out small (a memory branch keeps one per name): the rare members share one reference, the small ones
    // share eight bytes.
    private long _length;
    private DateTime _creationTimeUtc;
    private DateTime _lastAccessTimeUtc;
    private DateTime _lastWriteTimeUtc;
    private FileAttributes _attributes;
    private ushort _unixMode;
    private byte _kind;
    private bool _isOpaque;
    private Rare? _rare;

    /// <summary>The members few entries have: a link's target, a redirect, and, until it is read, the deferred lstat part.</summary>
    private sealed class Rare
    {
        public string? LinkTarget;
        public string? Redirect;

        // Written to null (with release semantics) once the fields hold the lstat part.
        public DeferredStat? Deferred;

        // A listed directory's opacity, until it is asked for (a union with nothing below never asks).
        public DeferredStat? DeferredOpaque;

        public Rare Copy() => new() { LinkTarget = LinkTarget, Redirect = Redirect };
    }

    /// <summary>Creates an entry whose members are all given (with <c>init</c>).</summary>
    public BranchEntry()
    {
    }

    /// <summary>
    /// An entry whose lstat part (length, attributes, mode, times) <paramref name="deferred"/> reads on first use, and,
    /// with <paramref name="deferOpaque"/>, its opacity too.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SetsRequiredMembers]
    internal BranchEntry(string name, EntryKind kind, DeferredStat deferred, bool deferOpaque = false)
    {
        Name = name;
        _kind = checked((byte)kind);
        _rare = new Rare { Deferred = deferred, DeferredOpaque = deferOpaque ? deferred : null };
    }

    // What `with` copies: the values, read first if they were deferred (the copy never refers to the source).
    [System.Diagnostics.CodeAnalysis.SetsRequiredMembers]
    private BranchEntry(BranchEntry original)
    {
        original.Load();
        Name = original.Name;
        _kind = original._kind;
        _length = original._length;
        _attributes = original._attributes;
        _unixMode = original._unixMode;
        _creationTimeUtc = original._creationTimeUtc;
        _lastAccessTimeUtc = original._lastAccessTimeUtc;
        _lastWriteTimeUtc = original._lastWriteTimeUtc;
        _isOpaque = original.IsOpaque;
        // The copy's own: `with` may set a member of it.
        _rare = original._rare is { } rare && (rare.LinkTarget is not null || rare.Redirect is not null) ? rare.Copy() : null;
    }

    /// <summary>The last path segment (empty for a branch root).</summary>
    public required string Name { get; init; }

    /// <summary>File, directory, symbolic link or whiteout.</summary>
    public required EntryKind Kind
    {
        get => (EntryKind)_kind;
        init => _kind = checked((byte)value);
    }

    /// <summary>Size in bytes of a file's data (for a symbolic link: the length of its target); 0 otherwise.</summary>
    public long Length
    {
        get
        {
            Load();
            return _length;
        }
        init => _length = value;
    }

    /// <summary>Attributes as <see cref="System.IO.File.GetAttributes(string)"/> reports them.</summary>
    public FileAttributes Attributes
    {
        get
        {
            Load();
            return _attributes;
        }
        init => _attributes = value;
    }

    /// <summary>Unix permission bits.</summary>
    public UnixFileMode UnixMode
    {
        get
        {
            Load();
            return (UnixFileMode)_unixMode;
        }
        init => _unixMode = (ushort)value;
    }

    /// <summary>Creation (birth) time, UTC.</summary>
    public DateTime CreationTimeUtc
    {
        get
        {
            Load();
            return _creationTimeUtc;
        }
        init => _creationTimeUtc = value;
    }

    /// <summary>Last access time, UTC.</summary>
    public DateTime LastAccessTimeUtc
    {
        get
        {
            Load();
            return _lastAccessTimeUtc;
        }
        init => _lastAccessTimeUtc = value;
    }

    /// <summary>Last write time, UTC.</summary>
    public DateTime LastWriteTimeUtc
    {
        get
        {
            Load();
            return _lastWriteTimeUtc;
        }
        init => _lastWriteTimeUtc = value;
    }

    /// <summary>The target of a symbolic link, as written; null for other kinds.</summary>
    public string? LinkTarget
    {
        get => _rare?.LinkTarget;
        init
        {
            if (value is null && _rare is null) return;
            (_rare ??= new Rare()).LinkTarget = value;
        }
    }

    /// <summary>A directory that hides every same-named directory below it.</summary>
    public bool IsOpaque
    {
        get
        {
            if (_rare is { } rare && Volatile.Read(ref rare.DeferredOpaque) is not null) LoadOpaque(rare);
            return _isOpaque;
        }
        init
        {
            _isOpaque = value;
            if (_rare is { } rare) rare.DeferredOpaque = null;
        }
    }

    /// <summary>
    /// For a directory renamed from a lower branch: the absolute branch path where the branches below
    /// keep its contents (overlayfs's <c>trusted.overlay.redirect</c>); null when not redirected.
    /// </summary>
    public string? Redirect
    {
        get => _rare?.Redirect;
        init
        {
            if (value is null && _rare is null) return;
            (_rare ??= new Rare()).Redirect = value;
        }
    }

    /// <summary>True for a directory.</summary>
    public bool IsDirectory => Kind == EntryKind.Directory;

    /// <summary>True for a whiteout.</summary>
    public bool IsWhiteout => Kind == EntryKind.Whiteout;

    /// <summary>The metadata a copy of this entry should carry.</summary>
    public EntryMetadata Metadata => new(Attributes, UnixMode, CreationTimeUtc, LastAccessTimeUtc, LastWriteTimeUtc);

    /// <summary>True while the lstat part has not been read (a listing's entry nobody asked more of).</summary>
    internal bool IsDeferred => _rare is { } rare && Volatile.Read(ref rare.Deferred) is not null;

    /// <summary>Equal when every member is (deferred members are read first).</summary>
    public bool Equals(BranchEntry? other)
    {
        if (ReferenceEquals(this, other)) return true;
        if (other is null) return false;
        Load();
        other.Load();
        return Name == other.Name && _kind == other._kind && _length == other._length && _attributes == other._attributes
            && _unixMode == other._unixMode && _creationTimeUtc == other._creationTimeUtc
            && _lastAccessTimeUtc == other._lastAccessTimeUtc && _lastWriteTimeUtc == other._lastWriteTimeUtc
            && LinkTarget == other.LinkTarget && IsOpaque == other.IsOpaque && Redirect == other.Redirect;
    }

    /// <inheritdoc />
    public override int GetHashCode()
    {
        Load();
        var hash = new HashCode();
        hash.Add(Name);
        hash.Add(Kind);
        hash.Add(_length);
        hash.Add(_attributes);
        hash.Add(_unixMode);
        hash.Add(_creationTimeUtc);
        hash.Add(_lastAccessTimeUtc);
        hash.Add(_lastWriteTimeUtc);
        hash.Add(LinkTarget);
        hash.Add(IsOpaque);
        hash.Add(Redirect);
        return hash.ToHashCode();
    }

    private void LoadOpaque(Rare rare)
    {
        lock (rare)
        {
            if (rare.DeferredOpaque is not { } deferred) return;
            _isOpaque = deferred.ReadOpaque(Name);
            Volatile.Write(ref rare.DeferredOpaque, null);
        }
    }

    private void Load()
    {
        if (_rare is not { } rare) return;
        var deferred = Volatile.Read(ref rare.Deferred);
        if (deferred is null) return;
        // The source is shared by a directory's entries: each entry is its own lock.
        lock (rare)
        {
            if (rare.Deferred is null) return;
            var stat = deferred.Read(Name, (EntryKind)_kind);
            _length = stat.Length;
            _attributes = stat.Attributes;
            _unixMode = (ushort)stat.UnixMode;
            _creationTimeUtc = stat.CreationTimeUtc;
            _lastAccessTimeUtc = stat.LastAccessTimeUtc;
            _lastWriteTimeUtc = stat.LastWriteTimeUtc;
            Volatile.Write(ref rare.Deferred, null);
        }
    }
}

/// <summary>
/// Where the lstat part of deferred <see cref="BranchEntry"/> objects comes from (one per listed directory, shared by
/// its entries); read at most once per entry.
/// </summary>
internal abstract class DeferredStat
{
    /// <summary>Reads the lstat part of the entry <paramref name="name"/> of kind <paramref name="kind"/> now.</summary>
    public abstract StatPart Read(string name, EntryKind kind);

    /// <summary>Reads whether the directory <paramref name="name"/> is opaque now.</summary>
    public virtual bool ReadOpaque(string name) => false;
}

/// <summary>The lstat part of an entry: what a directory listing does not say.</summary>
internal readonly record struct StatPart(
    long Length,
    FileAttributes Attributes,
    UnixFileMode UnixMode,
    DateTime CreationTimeUtc,
    DateTime LastAccessTimeUtc,
    DateTime LastWriteTimeUtc);
