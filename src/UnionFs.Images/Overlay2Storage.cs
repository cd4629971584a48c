using System.IO.Abstractions;

namespace UnionFs.Images;

/// <summary>
/// A layer of Docker's overlay2 storage driver (<c>/var/lib/docker/overlay2/&lt;id&gt;</c>) with the chain of
/// layers below it, as union lowers. Each <c>diff/</c> directory is in the kernel's overlay format, so it is
/// opened as a <see cref="DirectoryBranch"/> with <see cref="WhiteoutFormat.Overlay"/> (needs Linux and root).
/// The chain comes from the layer's <c>lower</c> file (<c>l/&lt;short id&gt;</c> links, topmost first); each link
/// is resolved inside the storage directory only.
/// </summary>
public sealed class Overlay2Storage
{
    private const int MaxChain = 512;

    private Overlay2Storage(string storageDirectory, string layerId, IReadOnlyList<string> diffDirectories, IReadOnlyList<IBranch> lowers)
    {
        StorageDirectory = storageDirectory;
        LayerId = layerId;
        DiffDirectories = diffDirectories;
        Lowers = lowers;
    }

    /// <summary>The overlay2 directory (<c>&lt;docker root&gt;/overlay2</c>).</summary>
    public string StorageDirectory { get; }

    /// <summary>The layer that was opened (its directory name under <see cref="StorageDirectory"/>).</summary>
    public string LayerId { get; }

    /// <summary>The <c>diff/</c> directories of the layer and the layers below it, topmost first.</summary>
    public IReadOnlyList<string> DiffDirectories { get; }

    /// <summary>The same directories as union lowers, topmost first.</summary>
    public IReadOnlyList<IBranch> Lowers { get; }

    /// <summary>Opens layer <paramref name="layerId"/> and its lower chain.</summary>
    /// <param name="root">Docker's data root (holding <c>overlay2/</c>) or the overlay2 directory itself.</param>
    /// <param name="layerId">The layer's directory name under <c>overlay2/</c> (an image layer's cache id or a container's mount id).</param>
    /// <exception cref="InvalidImageException">The layer or a link of its chain is missing or malformed.</exception>
    public static Overlay2Storage Open(string root, string layerId)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        ArgumentException.ThrowIfNullOrEmpty(layerId);
        var full = Path.GetFullPath(root).TrimEnd('/');
        var storage = Directory.Exists(Path.Combine(full, "overlay2")) ? Path.Combine(full, "overlay2") : full;
        if (!IsValidId(layerId)) throw new InvalidImageException(layerId, null, "is not a valid overlay2 layer id.");
        var layerDirectory = Path.Combine(storage, layerId);
        if (!Directory.Exists(layerDirectory)) throw new InvalidImageException(layerId, null, $"the layer directory '{layerDirectory}' does not exist.");

        var diffs = new List<string> { DiffOf(storage, layerId) };
        var lowerFile = Path.Combine(layerDirectory, "lower");
        if (File.Exists(lowerFile))
        {
            var text = File.ReadAllText(lowerFile).Trim();
            if (text.Length > 0)
            {
                var links = text.Split(':');
                if (links.Length > MaxChain) throw new InvalidImageException(layerId, "lower", $"the chain has more than {MaxChain} layers.");
                foreach (var link in links) diffs.Add(ResolveLink(storage, layerId, link));
            }
        }
        var fileSystem = new FileSystem();
        var lowers = diffs.Select(d => (IBranch)new DirectoryBranch(fileSystem, d, WhiteoutFormat.Overlay)).ToArray();
        return new Overlay2Storage(storage, layerId, diffs, lowers);
    }

    /// <summary>A union over the chain with <paramref name="upper"/> on top (a new <see cref="MemoryBranch"/> when null).</summary>
    /// <param name="upper">The writable branch; null for a fresh in-memory one.</param>
    public UnionFileSystem Mount(IBranch? upper = null) => new(upper ?? new MemoryBranch(), [.. Lowers]);

    /// <summary>A read-only union over the chain.</summary>
    public UnionFileSystem MountReadOnly() => UnionFileSystem.ReadOnly([.. Lowers]);

    /// <summary>
    /// Resolves <c>l/&lt;short id&gt;</c>: the link's target must be <c>../&lt;id&gt;/diff</c>; otherwise the layer whose
    /// <c>link</c> file holds the short id is searched for. Nothing outside the storage directory is used.
    /// </summary>
    private static string ResolveLink(string storage, string layerId, string link)
    {
        var parts = link.Split('/');
        if (parts.Length != 2 || parts[0] != "l" || !IsValidId(parts[1]))
            throw new InvalidImageException(layerId, "lower", $"'{link}' is not of the form l/<short id>.");
        var linkPath = Path.Combine(storage, "l", parts[1]);
        var target = new FileInfo(linkPath).LinkTarget;
        if (target is not null)
        {
            var targetParts = target.Split('/');
            if (targetParts.Length == 3 && targetParts[0] == ".." && IsValidId(targetParts[1]) && targetParts[2] == "diff")
                return DiffOf(storage, targetParts[1]);
        }
        foreach (var candidate in Directory.EnumerateDirectories(storage))
        {
            var linkFile = Path.Combine(candidate, "link");
            if (File.Exists(linkFile) && File.ReadAllText(linkFile).Trim() == parts[1]) return DiffOf(storage, Path.GetFileName(candidate));
        }
        throw new InvalidImageException(layerId, "lower", $"the link '{link}' leads to no layer of '{storage}'.");
    }

    private static string DiffOf(string storage, string id)
    {
        var diff = Path.Combine(storage, id, "diff");
        if (!Directory.Exists(diff) || new DirectoryInfo(diff).LinkTarget is not null)
            throw new InvalidImageException(id, null, $"'{diff}' is not a directory.");
        return diff;
    }

    private static bool IsValidId(string id) =>
        id.Length is > 0 and <= 128 && id != "." && id != ".." && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
