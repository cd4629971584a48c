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

    // Null, a Rare, or (for a listed entry with nothing rare but its deferred part) the DeferredStat itself, which its
    // directory's entries share: then the lstat part is deferred, and for a directory its opacity too. A listing of a
    // tree then costs no object per entry beyond the entry.
    private object? _rare;

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
        _rare = deferOpaque == (kind == EntryKind.Directory) ? deferred : new Rare { Deferred = deferred, DeferredOpaque = deferOpaque ? deferred : null };
    }

    /// <summary>The rare members as a <see cref="Rare"/> of this entry's own, made from the shared deferred form when needed (under construction or the entry's lock).</summary>
    private Rare OwnRare()
    {
        switch (_rare)
        {
            case Rare rare:
                return rare;
            case DeferredStat shared:
                var made = new Rare { Deferred = shared, DeferredOpaque = IsDirectory ? shared : null };
                _rare = made;
                return made;
            default:
                return (Rare)(_rare = new Rare());
        }
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
        _rare = original._rare is Rare rare && (rare.LinkTarget is not null || rare.Redirect is not null) ? rare.Copy() : null;
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
        get => (_rare as Rare)?.LinkTarget;
        init
        {
            if (value is null && _rare is not Rare) return;
            OwnRare().LinkTarget = value;
        }
    }

    /// <summary>A directory that hides every same-named directory below it.</summary>
    public bool IsOpaque
    {
        get
        {
            var rare = Volatile.Read(ref _rare);
            if (rare is Rare own ? Volatile.Read(ref own.DeferredOpaque) is not null : rare is DeferredStat && IsDirectory) LoadOpaque();
            return _isOpaque;
        }
        init
        {
            _isOpaque = value;
            if (_rare is not null) OwnRare().DeferredOpaque = null;
        }
    }

    /// <summary>
    /// For a directory renamed from a lower branch: the absolute branch path where the branches below
    /// keep its contents (overlayfs's <c>trusted.overlay.redirect</c>); null when not redirected.
    /// </summary>
    public string? Redirect
    {
        get => (_rare as Rare)?.Redirect;
        init
        {
            if (value is null && _rare is not Rare) return;
            OwnRare().Redirect = value;
        }
    }

    /// <summary>True for a directory.</summary>
    public bool IsDirectory => Kind == EntryKind.Directory;

    /// <summary>True for a whiteout.</summary>
    public bool IsWhiteout => Kind == EntryKind.Whiteout;

    /// <summary>The metadata a copy of this entry should carry.</summary>
    public EntryMetadata Metadata => new(Attributes, UnixMode, CreationTimeUtc, LastAccessTimeUtc, LastWriteTimeUtc);

    /// <summary>True while the lstat part has not been read (a listing's entry nobody asked more of).</summary>
    internal bool IsDeferred => Volatile.Read(ref _rare) switch
    {
        Rare rare => Volatile.Read(ref rare.Deferred) is not null,
        DeferredStat => true,
        _ => false,
    };

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

    // The source is shared by a directory's entries, so the entry itself is the lock of its deferred parts. The shared
    // form becomes a Rare of the entry's own when one part is read and the other is still deferred.
    private void LoadOpaque()
    {
        lock (this)
        {
            var rare = _rare as Rare;
            var deferred = rare is null ? _rare as DeferredStat : rare.DeferredOpaque;
            if (deferred is null || (rare is null && !IsDirectory)) return;
            _isOpaque = deferred.ReadOpaque(Name);
            if (rare is not null) Volatile.Write(ref rare.DeferredOpaque, null);
            else Volatile.Write(ref _rare, new Rare { Deferred = deferred });
        }
    }

    // Every member of the lstat part checks this first, and a memory branch's entries never defer anything: the check
    // is inlined, the fetch is not.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private void Load()
    {
        var current = Volatile.Read(ref _rare);
        if (current is null || (current is Rare own && Volatile.Read(ref own.Deferred) is null)) return;
        LoadDeferred();
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void LoadDeferred()
    {
        lock (this)
        {
            var rare = _rare as Rare;
            var deferred = rare is null ? _rare as DeferredStat : rare.Deferred;
            if (deferred is null) return;
            var stat = deferred.Read(Name, (EntryKind)_kind);
            _length = stat.Length;
            _attributes = stat.Attributes;
            _unixMode = (ushort)stat.UnixMode;
            _creationTimeUtc = stat.CreationTimeUtc;
            _lastAccessTimeUtc = stat.LastAccessTimeUtc;
            _lastWriteTimeUtc = stat.LastWriteTimeUtc;
            if (rare is not null) Volatile.Write(ref rare.Deferred, null);
            // A directory's opacity stays deferred: it keeps that part alone.
            else Volatile.Write(ref _rare, IsDirectory ? new Rare { DeferredOpaque = deferred } : null);
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
