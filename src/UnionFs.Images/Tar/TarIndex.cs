using System.Formats.Tar;
using UnionFs.Images.Storage;

namespace UnionFs.Images.Tar;

/// <summary>
/// Indexes an uncompressed tar once: every name becomes a <see cref="TarNode"/> that knows where its data
/// lies, so a file is later read by seeking, never by extracting. OCI whiteouts are applied after the whole
/// tar is read, so the order of entries inside the tar never matters for them.
/// </summary>
internal sealed class TarIndex
{
    public const string WhiteoutPrefix = ".wh.";
    public const string OpaqueMarker = ".wh..wh..opq";
    private const string MetaPrefix = ".wh..wh.";
    private const int IndexBufferSize = 64 * 1024;
    private const int BlockSize = 512;
    private const UnixFileMode ImplicitDirectoryMode = EntryMetadata.DefaultDirectoryMode;
    private const UnixFileMode PermissionBits = (UnixFileMode)0xFFF;

    private readonly string _layer;
    private readonly bool _interpretWhiteouts;
    private readonly long _tarLength;
    private string? _entryName;
    private List<long>? _dataOffsets;

    private TarIndex(string layer, bool interpretWhiteouts, long tarLength)
    {
        _layer = layer;
        _interpretWhiteouts = interpretWhiteouts;
        _tarLength = tarLength;
        Root = ImpliedDirectory(string.Empty);
    }

    public TarNode Root { get; private set; }

    /// <summary>True when OCI whiteouts were applied while indexing.</summary>
    public bool InterpretsWhiteouts => _interpretWhiteouts;

    /// <summary>How many tar entries (headers that describe a name) were read.</summary>
    public int EntryCount { get; private set; }

    /// <summary>Indexes <paramref name="tar"/>; throws <see cref="InvalidImageException"/> for anything malformed.</summary>
    /// <param name="tar">The uncompressed tar.</param>
    /// <param name="layer">The layer's name in messages.</param>
    /// <param name="interpretWhiteouts">Whether OCI whiteouts apply.</param>
    /// <param name="dataOffsets">When given, receives where each entry's data starts (global PAX headers aside), in order.</param>
    public static TarIndex Build(ByteSource tar, string layer, bool interpretWhiteouts, List<long>? dataOffsets = null)
    {
        var index = new TarIndex(layer, interpretWhiteouts, tar.Length) { _dataOffsets = dataOffsets };
        index.Read(tar);
        if (interpretWhiteouts) ApplyWhiteouts(index.Root);
        return index;
    }

    /// <summary>Removes the root's non-directory children of these names (entries that are never part of the view).</summary>
    public void RemoveRootFiles(IEnumerable<string> names)
    {
        foreach (var name in names)
        {
            if (Root.Children!.TryGetValue(name, out var node) && node.Kind != EntryKind.Directory) Root.Children.Remove(name);
        }
    }

    /// <summary>An index over a tree read back by <see cref="TarIndexSerializer"/>.</summary>
    public static TarIndex FromTree(TarNode root, string layer, bool interpretWhiteouts, int entryCount) =>
        new(layer, interpretWhiteouts, 0) { Root = root, EntryCount = entryCount };

    /// <summary>Finds a normalised branch path (<c>/a/b</c>); null when absent.</summary>
    public TarNode? Find(string path)
    {
        var node = Root;
        foreach (var range in BranchPath.Segments(path))
        {
            var children = node.Children;
            if (children is null) return null;
            var lookup = children.GetAlternateLookup<ReadOnlySpan<char>>();
            if (!lookup.TryGetValue(path.AsSpan()[range], out node)) return null;
        }
        return node;
    }

    private void Read(ByteSource tar)
    {
        // The reader sees a zero tail: a tar that ends right after an entry's data or header ends cleanly, as in Go.
        using var padded = new ZeroPaddedSource(tar);
        using var stream = padded.OpenStream(IndexBufferSize);
        using var reader = new TarReader(stream, leaveOpen: true);
        long next = 0;
        while (true)
        {
            TarEntry? entry;
            try
            {
                entry = reader.GetNextEntry(copyData: false);
            }
            catch (Exception ex) when (ex is not InvalidImageException and not OperationCanceledException)
            {
                var where = _entryName is null ? "at the first entry" : $"after entry '{_entryName}'";
                var what = ex is NotSupportedException ? "has an unsupported entry" : "is corrupt or truncated";
                throw new InvalidImageException(_layer, _entryName, $"the tar {what} {where} ({ex.Message})", ex);
            }
            if (entry is null) break;
            _entryName = entry.Name;
            if (entry.EntryType != TarEntryType.GlobalExtendedAttributes) _dataOffsets?.Add(entry.DataOffset);
            VerifyChecksum(stream, entry.DataOffset - BlockSize);
            Add(entry);
            next = (entry.DataOffset + Math.Max(entry.Length, 0) + BlockSize - 1) / BlockSize * BlockSize;
        }
        VerifyEnd(stream, next);
    }

    /// <summary>
    /// The reader stopped at the zero tail or at a zero block: a clean end, as the Go tar reader sees it, when the
    /// real tar ends at or before <paramref name="next"/> (where the header after the last entry would start: the
    /// missing padding and end blocks are no loss), or has a whole zero block there (an end-of-archive marker).
    /// Anything else there (part of a header, a header whose entry never comes) is a truncated archive.
    /// </summary>
    private void VerifyEnd(SourceStream tar, long next)
    {
        if (_tarLength <= next) return;
        if (next + BlockSize <= _tarLength)
        {
            Span<byte> block = stackalloc byte[BlockSize];
            tar.ReadExactlyAt(next, block);
            if (!block.ContainsAnyExcept((byte)0)) return;
        }
        var where = _entryName is null ? "before the first entry" : "after entry '" + _entryName + "'";
        throw new InvalidImageException(_layer, _entryName, $"the tar ends inside a header {where} (truncated archive).");
    }

    /// <summary>
    /// TarReader does not check header checksums, so a damaged name or size would pass silently: check the
    /// entry's own header (the block just before its data). Both the unsigned and the historic signed sums count.
    /// A header that the real tar holds only in part is a truncated archive (the reader saw the zero tail).
    /// </summary>
    private void VerifyChecksum(SourceStream tar, long header)
    {
        if (header < 0) return;
        if (header + BlockSize > _tarLength) throw Invalid("the tar ends inside the entry's header (truncated archive).");
        Span<byte> block = stackalloc byte[BlockSize];
        tar.ReadExactlyAt(header, block);
        long stored = 0;
        var digits = 0;
        foreach (var b in block.Slice(148, 8))
        {
            if (b is (byte)' ' && digits == 0) continue;
            if (b is < (byte)'0' or > (byte)'7') break;
            stored = (stored * 8) + (b - '0');
            digits++;
        }
        long unsigned = 0, signed = 0;
        for (var i = 0; i < BlockSize; i++)
        {
            var b = i is >= 148 and < 156 ? (byte)' ' : block[i];
            unsigned += b;
            signed += (sbyte)b;
        }
        if (digits == 0 || (stored != unsigned && stored != signed))
            throw Invalid("the header checksum does not match (corrupt header).");
    }

    /// <summary>
    /// Indexes entries described by something other than a tar (a layer's table of contents), exactly as the tar
    /// path does: later entries win, hard links bind to earlier targets, parents are implied, whiteouts apply
    /// once all are added. <paramref name="dataLength"/> bounds the data offsets the entries give.
    /// </summary>
    public static TarIndex FromEntries(string layer, long dataLength, IEnumerable<IndexedEntry> entries)
    {
        var index = new TarIndex(layer, interpretWhiteouts: true, dataLength);
        foreach (var entry in entries)
        {
            index._entryName = entry.Name;
            index.Add(entry);
        }
        index._entryName = null;
        ApplyWhiteouts(index.Root);
        return index;
    }

    private void Add(TarEntry entry)
    {
        var type = entry.EntryType;
        if (type is TarEntryType.GlobalExtendedAttributes or TarEntryType.TapeVolume) return;
        if (entry is PaxTarEntry pax)
        {
            foreach (var key in pax.ExtendedAttributes.Keys)
                if (key.StartsWith("GNU.sparse.", StringComparison.Ordinal)) throw Invalid("GNU sparse files are not supported.");
        }
        DateTime time;
        try
        {
            time = entry.ModificationTime.UtcDateTime;
        }
        catch (ArgumentOutOfRangeException)
        {
            time = DateTime.UnixEpoch;
        }
        Add(new IndexedEntry(entry.Name, type, entry.DataOffset, entry.Length, entry.Mode, time, entry.LinkName));
    }

    private void Add(IndexedEntry entry)
    {
        var type = entry.Type;
        EntryCount++;
        var kind = type switch
        {
            TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile => EntryKind.File,
            TarEntryType.Directory or TarEntryType.DirectoryList => EntryKind.Directory,
            TarEntryType.SymbolicLink => EntryKind.SymbolicLink,
            // Devices and FIFOs have no kind in a branch: they show as empty files (they still hide what is below).
            TarEntryType.CharacterDevice or TarEntryType.BlockDevice or TarEntryType.Fifo => EntryKind.File,
            TarEntryType.HardLink => EntryKind.File,
            TarEntryType.SparseFile => throw Invalid("GNU sparse files are not supported."),
            TarEntryType.MultiVolume => throw Invalid("multi-volume entries are not supported."),
            _ => throw Invalid($"entry type '{(char)type}' is not supported."),
        };
        var length = entry.Length;
        if (length < 0) throw Invalid("the entry has a negative size.");
        var dataOffset = entry.DataOffset;
        if (length > 0 && (dataOffset < 0 || dataOffset > _tarLength || length > _tarLength - dataOffset))
            throw Invalid("the entry's data runs past the end of the tar (truncated archive).");

        var segments = Normalise(entry.Name);
        if (segments.Length == 0)
        {
            if (kind != EntryKind.Directory || type == TarEntryType.HardLink) throw Invalid("the root of a layer must be a directory.");
            SetMetadata(Root, entry);
            Root.IsImplied = false;
            return;
        }
        // AUFS keeps its metadata (hard link store, ...) under .wh..wh.* directories: not part of the tree.
        if (_interpretWhiteouts && Array.Exists(segments, s => s.StartsWith(MetaPrefix, StringComparison.Ordinal) && s != OpaqueMarker)) return;
        var name = segments[^1];
        var isWhiteout = _interpretWhiteouts && name.StartsWith(WhiteoutPrefix, StringComparison.Ordinal);
        var parent = Parent(segments, isWhiteout);
        if (parent is null) return;

        if (isWhiteout)
        {
            AddWhiteout(parent, name);
            return;
        }

        TarNode node;
        if (type == TarEntryType.HardLink)
        {
            node = BindHardLink(entry.LinkName, name);
        }
        else
        {
            node = new TarNode(name, kind);
            SetMetadata(node, entry);
            if (kind == EntryKind.File && type is not (TarEntryType.CharacterDevice or TarEntryType.BlockDevice or TarEntryType.Fifo))
            {
                node.DataOffset = dataOffset;
                node.Length = length;
            }
            if (kind == EntryKind.SymbolicLink)
            {
                if (string.IsNullOrEmpty(entry.LinkName)) throw Invalid("the symbolic link has an empty target.");
                if (entry.LinkName.Contains('\0', StringComparison.Ordinal)) throw Invalid("the symbolic link target contains a NUL character.");
                node.LinkTarget = entry.LinkName;
            }
        }

        var children = parent.Children!;
        if (children.TryGetValue(name, out var existing) && existing.Kind == EntryKind.Directory && node.Kind == EntryKind.Directory)
        {
            // A later entry for the same directory wins its metadata; what is inside stays.
            existing.Mode = node.Mode;
            existing.ModificationTimeUtc = node.ModificationTimeUtc;
            existing.IsImplied = false;
            return;
        }
        // A later entry for the same path wins; a non-directory replacing a directory drops what was inside.
        children[name] = node;
    }

    private void AddWhiteout(TarNode parent, string name)
    {
        if (name == OpaqueMarker)
        {
            parent.IsOpaque = true;
            return;
        }
        // Other .wh..wh. names are AUFS metadata (.wh..wh.plnk, .wh..wh.aufs): not part of the tree.
        if (name.StartsWith(MetaPrefix, StringComparison.Ordinal)) return;
        var hidden = name[WhiteoutPrefix.Length..];
        if (hidden.Length == 0 || hidden is "." or "..") throw Invalid($"'{name}' is not a valid whiteout name.");
        (parent.Whiteouts ??= []).Add(hidden);
    }

    private TarNode BindHardLink(string? linkName, string name)
    {
        if (string.IsNullOrEmpty(linkName)) throw Invalid("the hard link has an empty target.");
        string[] target;
        try
        {
            target = Normalise(linkName);
        }
        catch (InvalidImageException)
        {
            throw Invalid($"the hard link target '{linkName}' points outside the layer.");
        }
        var node = Root;
        foreach (var segment in target)
        {
            if (node.Children is null || !node.Children.TryGetValue(segment, out node!))
                throw Invalid($"the hard link target '{linkName}' is not an earlier entry of the layer.");
        }
        if (node.Kind == EntryKind.Directory) throw Invalid($"the hard link target '{linkName}' is a directory.");
        return node.CloneAs(name);
    }

    /// <summary>
    /// The directory that holds the last segment, creating implied parent directories. Null for a whiteout below a
    /// non-directory of this layer: <c>umoci repack</c>, replacing a directory by a file, writes the file and then
    /// whiteouts for the old children; every extractor finds nothing there to remove, so they are redundant. Any
    /// other entry below a non-directory is refused.
    /// </summary>
    private TarNode? Parent(string[] segments, bool isWhiteout)
    {
        var node = Root;
        for (var i = 0; i < segments.Length - 1; i++)
        {
            var segment = segments[i];
            if (_interpretWhiteouts && segment.StartsWith(WhiteoutPrefix, StringComparison.Ordinal))
                throw Invalid($"the whiteout name '{segment}' is used as a directory.");
            var children = node.Children!;
            if (!children.TryGetValue(segment, out var child))
            {
                child = ImpliedDirectory(segment);
                children[segment] = child;
            }
            else if (child.Kind != EntryKind.Directory)
            {
                if (isWhiteout) return null;
                throw Invalid($"'{string.Join('/', segments[..(i + 1)])}' is not a directory in this layer, yet the entry lies below it (conflicting entries).");
            }
            node = child;
        }
        return node;
    }

    /// <summary>
    /// A directory the layer does not list, only implies (a parent of a listed name, or the root without a
    /// <c>./</c> entry). It has no metadata of its own: until <see cref="TarLayerBranch.InheritImpliedDirectories"/>
    /// gives it that of the directory below, it shows mode 0755 and time 1970-01-01.
    /// </summary>
    private static TarNode ImpliedDirectory(string name) =>
        new(name, EntryKind.Directory) { Mode = ImplicitDirectoryMode, ModificationTimeUtc = DateTime.UnixEpoch, IsImplied = true };

    /// <summary>
    /// The segments of a tar name: <c>./</c> prefixes, absolute names (taken as root-relative), <c>.</c> and
    /// empty segments are dropped; <c>..</c> is refused.
    /// </summary>
    private string[] Normalise(string name)
    {
        if (name.Contains('\0', StringComparison.Ordinal)) throw Invalid("the name contains a NUL character.");
        var parts = name.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var count = 0;
        foreach (var part in parts)
        {
            if (part == "..") throw Invalid("'..' is not allowed in an entry name (it could leave the layer).");
            if (part != ".") parts[count++] = part;
        }
        return count == parts.Length ? parts : parts[..count];
    }

    private static void SetMetadata(TarNode node, IndexedEntry entry)
    {
        node.Mode = node.Kind == EntryKind.SymbolicLink ? (UnixFileMode)0x1FF : entry.Mode & PermissionBits;
        node.ModificationTimeUtc = entry.ModificationTimeUtc;
    }

    /// <summary>
    /// <c>.wh.name</c> hides <c>name</c> in the layers below only: a name this layer has itself stays (a
    /// directory of this layer becomes opaque, so nothing below shows through it); otherwise the name
    /// becomes a whiteout entry.
    /// </summary>
    private static void ApplyWhiteouts(TarNode root)
    {
        var stack = new Stack<TarNode>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var directory = stack.Pop();
            var children = directory.Children!;
            if (directory.Whiteouts is { } whiteouts)
            {
                foreach (var hidden in whiteouts)
                {
                    if (children.TryGetValue(hidden, out var existing))
                    {
                        if (existing.Kind == EntryKind.Directory)
                        {
                            existing.IsOpaque = true;
                            existing.ReplacesBelow = true;
                        }
                    }
                    else
                    {
                        children[hidden] = new TarNode(hidden, EntryKind.Whiteout) { ModificationTimeUtc = DateTime.UnixEpoch };
                    }
                }
                directory.Whiteouts = null;
            }
            foreach (var child in children.Values)
                if (child.Kind == EntryKind.Directory) stack.Push(child);
        }
    }

    private InvalidImageException Invalid(string problem) => new(_layer, _entryName, problem);
}
