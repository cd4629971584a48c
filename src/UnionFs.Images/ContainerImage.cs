using UnionFs.Images.Readers;
using UnionFs.Images.Registry;
using UnionFs.Images.Storage;

namespace UnionFs.Images;

/// <summary>
/// A container image opened as an ordered list of read-only branches: a <c>docker save</c> tar (Docker 24
/// and older, Docker 25 and newer, the containerd exporter; plain, gzip or zstd), an OCI image layout tar,
/// an OCI image layout directory, or an image in a registry. Layers are read in place where they are uncompressed.
/// </summary>
/// <example>
/// <code>
/// using var image = ContainerImage.Open("busybox.tar");
/// var fs = image.Mount();                       // a fresh in-memory upper over the image's layers
/// Console.WriteLine(fs.File.ReadAllText("/etc/os-release"));
/// </code>
/// </example>
public sealed class ContainerImage : IDisposable
{
    private readonly ImageFiles _files;
    private int _disposed;

    private ContainerImage(ImageFiles files, ImageContents contents, string source)
    {
        _files = files;
        Source = source;
        Format = contents.Format;
        Config = contents.Config;
        Layers = contents.Layers;
        ManifestDigest = contents.ManifestDigest;
        Tags = contents.Tags;
        var lowers = new IBranch[contents.Layers.Count];
        for (var i = 0; i < lowers.Length; i++) lowers[i] = contents.Layers[^(i + 1)].Branch;
        Lowers = lowers;
        TarLayerBranch.InheritImpliedDirectories(lowers);
    }

    /// <summary>The path the image was opened from, or <c>docker://</c> and the registry reference.</summary>
    public string Source { get; }

    /// <summary>The shape the image was read from.</summary>
    public ImageFormat Format { get; }

    /// <summary>The image configuration.</summary>
    public ImageConfig Config { get; }

    /// <summary>The layers, base layer first (the order of the manifest and of <c>rootfs.diff_ids</c>).</summary>
    public IReadOnlyList<ImageLayer> Layers { get; }

    /// <summary>The layers as union lowers, topmost first (the order <see cref="UnionFileSystem"/> takes).</summary>
    public IReadOnlyList<IBranch> Lowers { get; }

    /// <summary>The digest of the chosen manifest (OCI layouts); null for a Docker 24 archive, which has none.</summary>
    public string? ManifestDigest { get; }

    /// <summary>The names the image is known by: <c>RepoTags</c> or the reference annotations of its index entry.</summary>
    public IReadOnlyList<string> Tags { get; }

    /// <summary>Opens the image at <paramref name="path"/>: an archive file or an OCI image layout directory.</summary>
    /// <param name="path">A tar (plain, gzip or zstd) or a directory.</param>
    /// <param name="options">Which image (tag, platform), digest verification, decompression store.</param>
    /// <exception cref="InvalidImageException">The image is malformed, ambiguous, unsupported or does not match its digests.</exception>
    /// <exception cref="FileNotFoundException">Nothing is at <paramref name="path"/>.</exception>
    public static ContainerImage Open(string path, ImageOpenOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= ImageOpenOptions.Default;
        var full = Path.GetFullPath(path);
        var archive = !Directory.Exists(full);
        ImageFiles files = archive ? OpenArchive(full, options) : new DirectoryImageFiles(full.TrimEnd('/'));
        try
        {
            var contents = ImageReader.Read(files, options, archive);
            return new ContainerImage(files, contents, full);
        }
        catch
        {
            files.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Opens an image in a registry through the OCI distribution API: the manifest or index the reference names
    /// (OCI or Docker schema 2; a platform is chosen as <see cref="Open"/> does), its configuration and its layers.
    /// Blobs are fetched with Range requests where they are read, and checked against their digests as local
    /// images are. Anonymous, basic and bearer-token access; HTTPS unless the host is a loopback address or
    /// <see cref="RegistryOptions.PlainHttp"/> is set.
    /// </summary>
    /// <param name="reference"><c>[docker://]HOST[:PORT]/REPO[:TAG|@sha256:…]</c>; the tag defaults to <c>latest</c>.</param>
    /// <param name="options">Credentials, transport, progress, and the image options (platform, verification, layer store).</param>
    /// <exception cref="FormatException"><paramref name="reference"/> is not a valid reference.</exception>
    /// <exception cref="RegistryException">The registry cannot be reached, refuses access, or does not have the tag or digest.</exception>
    /// <exception cref="InvalidImageException">The image is malformed or a blob does not match its digest (the message names the blob).</exception>
    public static ContainerImage OpenRegistry(string reference, RegistryOptions? options = null)
    {
        var parsed = ImageReference.Parse(reference);
        options ??= RegistryOptions.Default;
        var files = RegistryImageFiles.Open(parsed, options);
        try
        {
            var contents = ImageReader.Read(files, options.Image, archive: false) with { Format = ImageFormat.Registry };
            return new ContainerImage(files, contents, ImageReference.Scheme + parsed);
        }
        catch
        {
            files.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A union over the image's layers with <paramref name="upper"/> on top (a new <see cref="MemoryBranch"/>
    /// when null), like a container's root file system. The image must stay open while the union is used.
    /// </summary>
    /// <param name="upper">The writable branch; null for a fresh in-memory one.</param>
    public UnionFileSystem Mount(IBranch? upper = null)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        return new UnionFileSystem(upper ?? new MemoryBranch(), [.. Lowers]);
    }

    /// <summary>A read-only union over the image's layers: every write throws an <see cref="IOException"/> (EROFS).</summary>
    public UnionFileSystem MountReadOnly()
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        return Lowers.Count == 0 ? UnionFileSystem.ReadOnly(new MemoryBranch()) : UnionFileSystem.ReadOnly([.. Lowers]);
    }

    /// <summary>Closes the layers and the archive and deletes any temporary decompression files.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        foreach (var layer in Layers) layer.Branch.Dispose();
        _files.Dispose();
    }

    /// <inheritdoc />
    public override string ToString() => $"{Source} ({Format}, {Layers.Count} layers)";

    private static TarImageFiles OpenArchive(string path, ImageOpenOptions options)
    {
        var file = FileSource.Open(path);
        ByteSource? decompressed = null;
        try
        {
            ByteSource tar = file;
            var compression = Decompression.Sniff(file, path);
            if (compression != LayerCompression.None)
            {
                decompressed = Decompression.Decompress(file, compression, options.Layers, path).Tar;
                file.Dispose();
                tar = decompressed;
            }
            var outer = TarLayerBranch.Open(tar, options.Layers with { Name = path }, ownsSource: false, interpretWhiteouts: false);
            return new TarImageFiles(outer, tar);
        }
        catch
        {
            decompressed?.Dispose();
            file.Dispose();
            throw;
        }
    }
}
