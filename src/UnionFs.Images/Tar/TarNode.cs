namespace UnionFs.Images.Tar;

/// <summary>One name of an indexed layer: where its data lies in the tar and what <c>lstat</c> says about it.</summary>
internal sealed class TarNode
{
    public TarNode(string name, EntryKind kind)
    {
        Name = name;
        Kind = kind;
        if (kind == EntryKind.Directory) Children = new Dictionary<string, TarNode>(StringComparer.Ordinal);
    }

    public string Name { get; set; }

    public EntryKind Kind { get; }

    /// <summary>Offset of a file's data in the uncompressed tar.</summary>
    public long DataOffset { get; set; }

    /// <summary>Size of a file's data.</summary>
    public long Length { get; set; }

    public UnixFileMode Mode { get; set; }

    public DateTime ModificationTimeUtc { get; set; }

    public string? LinkTarget { get; set; }

    public bool IsOpaque { get; set; }

    /// <summary>A directory the layer only implies (no entry of its own): its metadata comes from the layers below.</summary>
    public bool IsImplied { get; set; }

    /// <summary>A directory whose own name the layer whites out: what the layers below had there is gone, metadata included.</summary>
    public bool ReplacesBelow { get; set; }

    /// <summary>The children of a directory (null for other kinds).</summary>
    public Dictionary<string, TarNode>? Children { get; }

    /// <summary>Names whited out in this directory by <c>.wh.&lt;name&gt;</c> entries, applied once the layer is indexed.</summary>
    public List<string>? Whiteouts { get; set; }

    /// <summary>The entry as the branch reports it, built on first use.</summary>
    public BranchEntry? Entry { get; set; }

    /// <summary>The listing of a directory, sorted by ordinal name, built on first use.</summary>
    public BranchEntry[]? Listing { get; set; }

    /// <summary>A copy under another name (a hard link bound to its target's data).</summary>
    public TarNode CloneAs(string name) => new(name, Kind)
    {
        DataOffset = DataOffset,
        Length = Length,
        Mode = Mode,
        ModificationTimeUtc = ModificationTimeUtc,
        LinkTarget = LinkTarget,
    };

    public BranchEntry ToEntry()
    {
        var attributes = Kind switch
        {
            EntryKind.Directory => FileAttributes.Directory,
            EntryKind.SymbolicLink => FileAttributes.ReparsePoint,
            EntryKind.Whiteout => FileAttributes.Normal,
            _ => FileAttributes.Normal,
        };
        if (Name.StartsWith('.')) attributes = (attributes & ~FileAttributes.Normal) | FileAttributes.Hidden;
        if (Kind != EntryKind.Whiteout && Kind != EntryKind.SymbolicLink && (Mode & UnixFileMode.UserWrite) == 0)
            attributes = (attributes & ~FileAttributes.Normal) | FileAttributes.ReadOnly;
        return new BranchEntry
        {
            Name = Name,
            Kind = Kind,
            Length = Kind switch
            {
                EntryKind.File => Length,
                EntryKind.SymbolicLink => LinkTarget?.Length ?? 0,
                _ => 0,
            },
            Attributes = attributes,
            UnixMode = Mode,
            CreationTimeUtc = ModificationTimeUtc,
            LastAccessTimeUtc = ModificationTimeUtc,
            LastWriteTimeUtc = ModificationTimeUtc,
            LinkTarget = Kind == EntryKind.SymbolicLink ? LinkTarget : null,
            IsOpaque = Kind == EntryKind.Directory && IsOpaque,
        };
    }
}
