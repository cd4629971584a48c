using UnionFs.Images.Storage;

namespace UnionFs.Images.Readers;

/// <summary>The files of an image, wherever they are: a directory on disk or the entries of a tar.</summary>
internal abstract class ImageFiles : IDisposable
{
    /// <summary>The bytes of the file at <paramref name="relativePath"/> (<c>/</c> separated); null when absent.</summary>
    public abstract ByteSource? Open(string relativePath);

    public bool Exists(string relativePath)
    {
        using var source = Open(relativePath);
        return source is not null;
    }

    public virtual void Dispose()
    {
    }

    /// <summary>The segments of a relative path inside the image; <c>..</c> and empty paths are refused.</summary>
    protected static string? Normalise(string relativePath)
    {
        var segments = new List<string>();
        foreach (var part in relativePath.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == ".") continue;
            if (part == "..") return null;
            if (part.Contains('\0', StringComparison.Ordinal)) return null;
            segments.Add(part);
        }
        return segments.Count == 0 ? null : "/" + string.Join('/', segments);
    }
}

/// <summary>An image layout or extracted archive in a directory.</summary>
internal sealed class DirectoryImageFiles(string root) : ImageFiles
{
    public override ByteSource? Open(string relativePath)
    {
        var path = Normalise(relativePath);
        if (path is null) return null;
        var full = root + path;
        return File.Exists(full) ? FileSource.Open(full) : null;
    }
}

/// <summary>
/// The entries of an (uncompressed) outer tar such as a <c>docker save</c> archive. A symbolic link entry
/// (Docker 24 stores a repeated layer as a link to the first copy) is followed inside the tar only.
/// </summary>
internal sealed class TarImageFiles(TarLayerBranch tar, ByteSource? owned) : ImageFiles
{
    private const int MaxLinks = 16;

    public override ByteSource? Open(string relativePath)
    {
        var path = Normalise(relativePath);
        for (var hops = 0; path is not null && hops <= MaxLinks; hops++)
        {
            if (!ParentsAreDirectories(path)) return null;
            var entry = tar.Stat(path);
            if (entry is null) return null;
            if (entry.Kind == EntryKind.File) return tar.Window(path);
            if (entry.Kind != EntryKind.SymbolicLink) return null;
            var target = entry.LinkTarget!;
            path = Normalise(target.StartsWith('/') ? target : ResolveRelative(BranchPath.GetParent(path)!, target) ?? "..");
        }
        return null;
    }

    public override void Dispose()
    {
        tar.Dispose();
        owned?.Dispose();
        base.Dispose();
    }

    private bool ParentsAreDirectories(string path)
    {
        for (var parent = BranchPath.GetParent(path); parent is not null && parent.Length > 1; parent = BranchPath.GetParent(parent))
            if (tar.Stat(parent)?.Kind != EntryKind.Directory) return false;
        return true;
    }

    /// <summary>Joins a relative link target to its directory, refusing to climb above the tar's root.</summary>
    private static string? ResolveRelative(string directory, string target)
    {
        var segments = new List<string>(directory.Split('/', StringSplitOptions.RemoveEmptyEntries));
        foreach (var part in target.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == ".") continue;
            if (part == "..")
            {
                if (segments.Count == 0) return null;
                segments.RemoveAt(segments.Count - 1);
                continue;
            }
            segments.Add(part);
        }
        return string.Join('/', segments);
    }
}
