namespace UnionFs.Engine;

/// <summary>
/// The union engine: the layer stack and the components that implement each concern, named after
/// overlayfs's files. The façade calls these; it never decides a union rule itself.
/// </summary>
internal sealed class UnionEngine
{
    public UnionEngine(IBranch? upper, IBranch[] lowers, TimeProvider clock)
    {
        if (upper is { IsReadOnly: true }) throw new ArgumentException("The upper branch must be writable.", nameof(upper));
        Layers = new LayerStack(upper, lowers);
        Clock = clock;
        Lookup = new Lookup(Layers);
    }

    // The parts below are made on first use: a union that only looks names up (a thousand test fixtures over one
    // base) costs none of them. The stateless ones may be made twice by a race, harmlessly; the others not.
    private AccessTimes? _times;
    private Lock? _writeGate;
    private NotificationHub? _notifications;

    /// <summary>Access times and directory write times, as the kernel keeps them.</summary>
    public AccessTimes Times => Volatile.Read(ref _times) ?? Interlocked.CompareExchange(ref _times, new AccessTimes(this), null) ?? _times!;

    /// <summary>The access time remembered for <paramref name="node"/>, without making the access-time table for it.</summary>
    public DateTime? RememberedAccessTime(UnionNode node) => Volatile.Read(ref _times)?.RememberedOf(node);

    /// <summary>
    /// Serialises changes to the namespace; reads never take it. With a memory upper it is the branch's own lock
    /// (<see cref="MemoryBranch.Gate"/>): a change takes one lock, not the union's and then the branch's, and the
    /// union calls the branch's <c>...Held</c> forms under it.
    /// </summary>
    public Lock WriteGate => Volatile.Read(ref _writeGate) ?? MakeWriteGate();

    private Lock MakeWriteGate()
    {
        var gate = Layers.Upper is MemoryBranch memory ? memory.Gate : new Lock();
        return Interlocked.CompareExchange(ref _writeGate, gate, null) ?? gate;
    }

    public LayerStack Layers { get; }

    public TimeProvider Clock { get; }

    public Lookup Lookup { get; }

    public MergedReaddir Readdir => field ??= new MergedReaddir(Layers);

    public CopyUp CopyUp => field ??= new CopyUp(this);

    public DirectoryOps Directories => field ??= new DirectoryOps(this);

    public MetadataOps Metadata => field ??= new MetadataOps(this);

    public FileOps Files => field ??= new FileOps(this);

    public Changes Changes => field ??= new Changes(this);

    /// <summary>Where every change of the merged view is reported after it has happened (what watchers listen to).</summary>
    public NotificationHub Notifications => LazyInitializer.EnsureInitialized(ref _notifications);

    private int _copyUpCount;

    /// <summary>How many files have been copied up (or replaced in the upper) so far; lets lower read handles notice.</summary>
    public int CopyUpCount => Volatile.Read(ref _copyUpCount);

    /// <summary>Called after a lower file got an upper copy.</summary>
    public void CountCopyUp() => Interlocked.Increment(ref _copyUpCount);

    /// <summary>Metadata for an object created now.</summary>
    public EntryMetadata NewMetadata(EntryKind kind)
    {
        var now = CoarseClock.UtcNow(Clock);
        return kind switch
        {
            // A new object's mode is the default with the process's umask applied, as open(2) and mkdir(2) give it.
            EntryKind.Directory => EntryMetadata.NewDirectory(now) with { UnixMode = ProcessUmask.Apply((UnixFileMode)0x1FF) },
            EntryKind.File => EntryMetadata.NewFile(now) with { UnixMode = ProcessUmask.Apply((UnixFileMode)0x1B6) },
            EntryKind.SymbolicLink => EntryMetadata.NewFile(now) with
            {
                Attributes = FileAttributes.ReparsePoint,
                UnixMode = EntryMetadata.DefaultDirectoryMode | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite,
            },
            _ => EntryMetadata.NewFile(now),
        };
    }
}
