using UnionFs.Engine;

namespace UnionFs.Facade;

/// <summary>
/// What System.IO reports for a path: the entry itself (a link is not followed) and, for a symbolic link
/// whose target exists, the target, whose kind, size and times .NET reports.
/// </summary>
internal readonly struct EntryStatus
{
    private static readonly DateTime NoTime = DateTime.FromFileTimeUtc(0);

    private EntryStatus(UnionNode? node, UnionNode? target)
    {
        Node = node;
        Target = target;
    }

    public UnionNode? Node { get; }

    /// <summary>The resolved target of a symbolic link (null when dangling, looping, or not a link).</summary>
    public UnionNode? Target { get; }

    public bool Exists => Node?.Exists == true;

    /// <summary>True for a directory or a link to one.</summary>
    public bool IsDirectory => Node?.IsDirectory == true || Target?.IsDirectory == true;

    public BranchEntry? Entry => Node?.Entry;

    /// <summary>The entry whose size and times are reported: the target of a live link, else the entry.</summary>
    private BranchEntry? Effective => Target?.Entry ?? Node?.Entry;

    public long Length => Effective?.Length ?? 0;

    public DateTime CreationTimeUtc => Effective?.CreationTimeUtc ?? NoTime;

    public DateTime LastAccessTimeUtc => Effective?.LastAccessTimeUtc ?? NoTime;

    public DateTime LastWriteTimeUtc => Effective?.LastWriteTimeUtc ?? NoTime;

    public UnixFileMode UnixMode => Effective?.UnixMode ?? (UnixFileMode)(-1);

    public string? LinkTarget => Node?.Entry?.LinkTarget;

    /// <summary>Attributes as .NET computes them on Unix: kind bits, Hidden for dot names, ReadOnly without the owner's write bit.</summary>
    public FileAttributes Attributes
    {
        get
        {
            if (!Exists) return (FileAttributes)(-1);
            FileAttributes attributes = 0;
            if (IsDirectory) attributes |= FileAttributes.Directory;
            if (Node!.IsSymbolicLink) attributes |= FileAttributes.ReparsePoint;
            if (Node.Name.StartsWith('.')) attributes |= FileAttributes.Hidden;
            if ((UnixMode & UnixFileMode.UserWrite) == 0) attributes |= FileAttributes.ReadOnly;
            return attributes == 0 ? FileAttributes.Normal : attributes;
        }
    }

    /// <summary>Looks up <paramref name="path"/> (normalised); a missing ancestor counts as absent rather than an error.</summary>
    public static EntryStatus Of(UnionEngine engine, string path)
    {
        UnionNode node;
        try
        {
            node = engine.Lookup.Resolve(path, followFinal: false);
        }
        catch (IOException)
        {
            return default;
        }
        return Of(engine, node);
    }

    /// <summary>The status of an already looked-up node: only a symbolic link needs another lookup.</summary>
    public static EntryStatus Of(UnionEngine engine, UnionNode node)
    {
        if (!node.IsSymbolicLink) return new EntryStatus(node, null);
        try
        {
            var target = engine.Lookup.Resolve(node.Path, followFinal: true);
            return new EntryStatus(node, target.Exists ? target : null);
        }
        catch (IOException)
        {
            return new EntryStatus(node, null);
        }
    }
}
