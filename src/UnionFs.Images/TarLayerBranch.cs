using UnionFs.Images.Storage;
using UnionFs.Images.Tar;
using UnionFs.Images.Toc;

namespace UnionFs.Images;

/// <summary>
/// An image layer tar (OCI or Docker; uncompressed, gzip or zstd, sniffed from its magic bytes) as a
/// read-only <see cref="IBranch"/>. The tar is indexed once; a file is read by seeking to its data, never by
/// extracting. A gzip layer is read in place through decompression checkpoints made by one streaming pass (which
/// also computes <see cref="Digest"/> and <see cref="DiffId"/>) and kept in the layer index cache (see
/// <see cref="LayerOpenOptions.UseIndexCache"/>), so a later open reads only what it needs. A zstd layer is
/// decompressed once into a seekable store (memory up to <see cref="LayerOpenOptions.MemoryThreshold"/>, a
/// temporary file beyond, deleted on <see cref="Dispose"/>). An uncompressed layer is read in place. An eStargz or
/// zstd:chunked layer is opened lazily by its table of contents (<see cref="IsLazy"/>): see <see cref="Format"/>.
/// </summary>
/// <remarks>
/// <para>OCI whiteouts become branch markers: <c>.wh.&lt;name&gt;</c> is a <see cref="EntryKind.Whiteout"/> (it
/// hides the name in the layers below only; when the layer has the name itself, its directory becomes
/// opaque), <c>.wh..wh..opq</c> makes its directory opaque. Both apply wherever they sit in the tar. A later
/// entry for the same path wins; hard links are bound to their target's data when they are read; implicit
/// parent directories exist (mode 0755, time 1970-01-01, until
/// <see cref="InheritImpliedDirectories"/> gives them the metadata of the directory below). Devices and FIFOs show as empty files.</para>
/// <para>Every write member throws an <see cref="IOException"/> with HResult 0x1E (EROFS, "Read-only file
/// system"), as a read-only union does. All members are safe to call from many threads at once.</para>
/// </remarks>
public sealed partial class TarLayerBranch : ReadOnlyBranchBase, IDisposable
{
    private readonly ByteSource _tar;
    private readonly ByteSource? _owned;
    private readonly TarIndex _index;
    private readonly Lazy<string> _diffId;
    private readonly Lazy<string> _digest;
    private readonly ByteSource? _blob;
    private readonly Lazy<(string DiffId, long Size)>? _wholeBlob;
    private int _disposed;

    private TarLayerBranch(string name, ByteSource tar, ByteSource? owned, TarIndex index, LayerCompression compression,
        long size, Lazy<string> digest, Lazy<string> diffId, bool temporaryFile)
    {
        Name = name;
        _tar = tar;
        _owned = owned;
        _index = index;
        Compression = compression;
        Size = size;
        _digest = digest;
        _diffId = diffId;
        UsesTemporaryFile = temporaryFile;
    }

    /// <summary>A layer opened by its table of contents: <paramref name="data"/> reads chunks of <paramref name="blob"/>.</summary>
    private TarLayerBranch(string name, ChunkedSource data, TarIndex index, LayerCompression compression, LayerFormat format, ByteSource blob,
        LayerOpenOptions options)
        : this(name, data, data, index, compression, blob.Length, new Lazy<string>(() => Digests.Of(blob), LazyThreadSafetyMode.ExecutionAndPublication),
            new Lazy<string>(() => string.Empty), temporaryFile: false)
    {
        Format = format;
        _blob = blob;
        _wholeBlob = new Lazy<(string, long)>(() => WholeBlob.Measure(blob, compression, options.MaxUncompressedSize, name), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The layer's name in messages: the options' name, the file's path, or a digest.</summary>
    public string Name { get; }

    /// <summary>The compression found in the layer's bytes.</summary>
    public LayerCompression Compression { get; }

    /// <summary>The OCI media type that matches <see cref="Compression"/>.</summary>
    public string MediaType => MediaTypes.ForLayer(Compression);

    /// <summary>The size of the layer as given (compressed, for a compressed layer).</summary>
    public long Size { get; }

    /// <summary>The size of the uncompressed tar (for a lazy layer, computed on first use by reading the whole blob).</summary>
    public long UncompressedSize => _wholeBlob is { } whole ? whole.Value.Size : _tar.Length;

    /// <summary>
    /// How the layer was opened: <see cref="LayerFormat.Tar"/> (indexed from the whole tar), or
    /// <see cref="LayerFormat.EStargz"/> / <see cref="LayerFormat.ZstdChunked"/> (lazily, by the table of contents).
    /// </summary>
    public LayerFormat Format { get; } = LayerFormat.Tar;

    /// <summary>
    /// True for a layer opened by its table of contents: opening read only the blob's tail and the table of contents,
    /// and reading a file fetches and decompresses only that file's chunks, each checked against its sha256 digest in
    /// the table of contents (a mismatch is an <see cref="InvalidImageException"/>). The formats' own entries
    /// (<c>stargz.index.json</c>, <c>.prefetch.landmark</c>, <c>.no.prefetch.landmark</c>) are not listed (nor when
    /// such a layer is decompressed whole).
    /// <see cref="Digest"/>, <see cref="DiffId"/> and <see cref="UncompressedSize"/> read the whole blob on first use.
    /// </summary>
    public bool IsLazy => Format != LayerFormat.Tar;

    /// <summary>
    /// The digest of the layer as given (<c>sha256:…</c>), the OCI blob digest. Computed during decompression,
    /// or on first use for an uncompressed layer (one pass over its bytes).
    /// </summary>
    public string Digest => _digest.Value;

    /// <summary>
    /// The diff digest (<c>sha256:…</c> of the uncompressed tar), what an image config's <c>rootfs.diff_ids</c>
    /// lists. Computed during decompression, or on first use for an uncompressed layer or a lazy one (whose
    /// whole blob is then read and decompressed once; <see cref="ContainerImage"/> does not ask for it, it checks
    /// such a layer chunk by chunk instead).
    /// </summary>
    public string DiffId => _wholeBlob is { } whole ? whole.Value.DiffId : _diffId.Value;

    /// <summary>How many entries the tar has (whiteouts and markers included; PAX global headers not).</summary>
    public int EntryCount => _index.EntryCount;

    /// <summary>True when the decompressed tar lives in a temporary file (deleted on <see cref="Dispose"/>; zstd layers only).</summary>
    public bool UsesTemporaryFile { get; }

    /// <inheritdoc />
    protected override string Description => $"layer '{Name}'";

    /// <summary>Opens the layer tar at <paramref name="path"/> (uncompressed ones are read in place).</summary>
    /// <param name="path">A layer tar, plain, gzip or zstd.</param>
    /// <param name="options">Name, decompression store and limits; <see cref="LayerOpenOptions.Default"/> when null.</param>
    /// <exception cref="InvalidImageException">The layer is malformed or unsupported.</exception>
    public static TarLayerBranch Open(string path, LayerOpenOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= LayerOpenOptions.Default;
        var file = FileSource.Open(path);
        return Open(file, options with { Name = options.Name ?? path }, ownsSource: true, path: path);
    }

    /// <summary>
    /// Opens a layer tar from a stream. A seekable stream is read in place from its current position to its
    /// end (and must not be changed while the branch is used); a non-seekable one is copied into the
    /// decompression store first.
    /// </summary>
    /// <param name="stream">A layer tar, plain, gzip or zstd.</param>
    /// <param name="options">Name, decompression store and limits; <see cref="LayerOpenOptions.Default"/> when null.</param>
    /// <param name="leaveOpen">True to leave <paramref name="stream"/> open when the branch is disposed.</param>
    /// <exception cref="InvalidImageException">The layer is malformed or unsupported.</exception>
    public static TarLayerBranch Open(Stream stream, LayerOpenOptions? options = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= LayerOpenOptions.Default;
        options = options with { Name = options.Name ?? "layer" };
        if (stream.CanSeek)
        {
            var whole = new LockedStreamSource(stream, leaveOpen);
            var start = stream.Position;
            if (start == 0) return Open(whole, options, ownsSource: true);
            return Open(new OwningWindow(whole, start), options, ownsSource: true);
        }
        using var spill = new SpillBuffer(options.MemoryThreshold, options.MaxUncompressedSize, options.TempDirectory);
        var buffer = new byte[1 << 16];
        try
        {
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0) spill.Write(buffer.AsSpan(0, read));
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidImageException(options.Name, null, ex.Message, ex);
        }
        finally
        {
            if (!leaveOpen) stream.Dispose();
        }
        return Open(spill.Complete(), options, ownsSource: true);
    }

    /// <summary>
    /// Opens a layer over raw bytes; <paramref name="ownsSource"/> hands the source's lifetime to the branch. <paramref name="path"/>
    /// is the layer file <paramref name="raw"/> reads, if any: the index cache remembers its digest by path, length and time.
    /// </summary>
    /// <remarks>
    /// <paramref name="annotations"/> are the layer descriptor's: a table of contents digest there lets a layer with
    /// <paramref name="expectedDigest"/> open lazily (its blob digest is not read then; its chunks are checked instead).
    /// </remarks>
    internal static TarLayerBranch Open(ByteSource raw, LayerOpenOptions options, bool ownsSource, bool interpretWhiteouts = true,
        string? expectedDigest = null, IReadOnlyDictionary<string, string>? annotations = null, string? path = null)
    {
        var name = options.Name ?? "layer";
        ByteSource? decompressed = null;
        try
        {
            var compression = Decompression.Sniff(raw, name);
            // eStargz / zstd:chunked (found by the blob's footer): opened by the table of contents, the whole blob never read.
            var toc = interpretWhiteouts ? TocLayer.Locate(raw, compression) : null;
            if (toc is { } location && options.ReadTableOfContents
                && TocLayer.TryOpen(raw, ownsSource, location, annotations, requireVerifiedToc: expectedDigest is not null, name) is { } lazy)
                return new TarLayerBranch(name, lazy.Data, lazy.Index, compression, location.Format, raw, options);
            if (compression == LayerCompression.None)
            {
                var index = TarIndex.Build(raw, name, interpretWhiteouts);
                var hash = new Lazy<string>(() => Digests.Of(raw), LazyThreadSafetyMode.ExecutionAndPublication);
                return new TarLayerBranch(name, raw, ownsSource ? raw : null, index, compression, raw.Length, hash, hash, temporaryFile: false);
            }
            if (compression == LayerCompression.Gzip) return OpenGzip(raw, options, ownsSource, interpretWhiteouts, expectedDigest, path, hideFormatEntries: toc is not null);
            // A single-frame zstd stream cannot be entered in the middle: it is decompressed whole, once per open.
            var (tar, digest, diffId, spilled) = Decompression.Decompress(raw, compression, options, name);
            decompressed = tar;
            if (expectedDigest is not null && expectedDigest != digest)
                throw new InvalidImageException(name, null, $"the blob's digest is {digest}, not {expectedDigest}.");
            var tarIndex = TarIndex.Build(tar, name, interpretWhiteouts);
            if (toc is not null) TocLayer.HideFormatEntries(tarIndex);
            var size = raw.Length;
            if (ownsSource) raw.Dispose();
            return new TarLayerBranch(name, tar, tar, tarIndex, compression, size, new Lazy<string>(digest), new Lazy<string>(diffId), spilled);
        }
        catch
        {
            decompressed?.Dispose();
            if (ownsSource) raw.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Gives the directories each tar layer of <paramref name="lowers"/> only implies (parents it does not list,
    /// such as <c>var/</c> and <c>var/log/</c> of a layer that holds only <c>var/log/.wh.acc-real</c>) the metadata
    /// of the directory the layers below it show at the same path, as an extractor leaves an existing directory
    /// alone. Where the layers below have no directory there, an implied one keeps mode 0755 and time 1970-01-01.
    /// <see cref="ContainerImage.Open"/> does this for its layers; call it once for a stack of layers opened one by
    /// one, before the branches are used. A layer takes the metadata of the stack it was given here.
    /// </summary>
    /// <param name="lowers">The lowers of a union, topmost first (branches other than tar layers are only read).</param>
    public static void InheritImpliedDirectories(IReadOnlyList<IBranch> lowers)
    {
        ArgumentNullException.ThrowIfNull(lowers);
        // Base first, so a layer's implied directories inherit from layers that have already inherited theirs.
        for (var i = lowers.Count - 2; i >= 0; i--)
        {
            if (lowers[i] is not TarLayerBranch layer) continue;
            var below = new IBranch[lowers.Count - 1 - i];
            for (var j = 0; j < below.Length; j++) below[j] = lowers[i + 1 + j];
            layer.InheritFrom(UnionFileSystem.ReadOnly(below));
        }
    }

    /// <summary>Looks every implied directory up in <paramref name="below"/> (the layers below this one) and takes its metadata.</summary>
    private void InheritFrom(UnionFileSystem below)
    {
        ThrowIfDisposed();
        var pending = new Stack<(TarNode Node, TarNode? Parent, string Path)>();
        pending.Push((_index.Root, null, "/"));
        while (pending.TryPop(out var item))
        {
            var (node, parent, path) = item;
            // A directory the layer also whites out replaces the one below: an implied one is new, with default metadata.
            if (node.IsImplied && !node.ReplacesBelow && Inherited(below, path) is var (mode, time))
            {
                node.Mode = mode;
                node.ModificationTimeUtc = time;
                node.IsImplied = false;
                node.Entry = null;
                if (parent is not null) parent.Listing = null;
            }
            // Below an opaque directory of this layer nothing of the layers below is left: implied directories there are new.
            if (node.IsOpaque) continue;
            foreach (var child in node.Children!.Values)
                if (child.Kind == EntryKind.Directory) pending.Push((child, node, path.Length == 1 ? "/" + child.Name : path + "/" + child.Name));
        }
    }

    /// <summary>Mode and time of the directory (not a link to one) the union shows at <paramref name="path"/>; null when there is none.</summary>
    private static (UnixFileMode Mode, DateTime Time)? Inherited(UnionFileSystem below, string path)
    {
        var info = below.DirectoryInfo.New(path);
        if (!info.Exists || info.LinkTarget is not null || (info.Attributes & FileAttributes.Directory) == 0) return null;
        return (info.UnixFileMode, info.LastWriteTimeUtc);
    }

    /// <summary>
    /// The uncompressed tar as a new read-only stream (for copying the layer into an image): seekable, except for a
    /// lazy layer (<see cref="IsLazy"/>), whose whole blob it decompresses as it is read.
    /// </summary>
    public Stream OpenTar()
    {
        ThrowIfDisposed();
        return _blob is not null ? WholeBlob.OpenTar(_blob, Compression) : _tar.OpenStream();
    }

    /// <inheritdoc />
    public override BranchEntry? Stat(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        ThrowIfDisposed();
        var node = _index.Find(path);
        if (node is null) return null;
        return node.Entry ??= node.ToEntry();
    }

    /// <inheritdoc />
    public override IEnumerable<BranchEntry> List(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        ThrowIfDisposed();
        var node = _index.Find(path);
        if (node?.Children is null) return [];
        if (node.Listing is { } listing) return listing;
        var children = new BranchEntry[node.Children.Count];
        var i = 0;
        foreach (var child in node.Children.Values) children[i++] = child.Entry ??= child.ToEntry();
        Array.Sort(children, static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        node.Listing = children;
        return children;
    }

    /// <inheritdoc />
    public override Stream OpenRead(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        ThrowIfDisposed();
        var node = _index.Find(path) ?? throw new FileNotFoundException($"'{path}' does not exist in layer '{Name}'.", path);
        if (node.Kind != EntryKind.File) throw new IOException($"'{path}' is not a regular file in layer '{Name}'.");
        return _tar.Slice(node.DataOffset, node.Length).OpenStream();
    }

    /// <summary>Where a regular file's data lies in the uncompressed tar (for readers that nest archives).</summary>
    internal ByteSource? Window(string path)
    {
        var node = _index.Find(path);
        return node is { Kind: EntryKind.File } ? _tar.Slice(node.DataOffset, node.Length) : null;
    }

    /// <summary>
    /// Where a regular file's data starts in the uncompressed tar: names that share it are hard links of one file, whose
    /// bytes the layer ships once. Null for an empty file and for other kinds.
    /// </summary>
    internal long? DataOffset(string path)
    {
        ThrowIfDisposed();
        var node = _index.Find(path);
        return node is { Kind: EntryKind.File, Length: > 0 } ? node.DataOffset : null;
    }

    /// <summary>Releases the layer's file or stream and deletes its temporary decompression file, if any.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _owned?.Dispose();
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({MediaType}, {EntryCount} entries)";


    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed != 0, this);

    /// <summary>A window that owns the source it looks into (a stream opened at a non-zero position).</summary>
    private sealed class OwningWindow(ByteSource inner, long start) : ByteSource
    {
        public override long Length { get; } = inner.Length - start;

        public override int ReadAt(long position, Span<byte> buffer) =>
            position >= Length ? 0 : inner.ReadAt(start + position, buffer[..(int)Math.Min(buffer.Length, Length - position)]);

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
