using System.IO.Abstractions;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.FileProviders.Physical;
using Microsoft.Extensions.Primitives;
using IFileInfo = Microsoft.Extensions.FileProviders.IFileInfo;

namespace UnionFs.FileProviders;

/// <summary>
/// An <see cref="IFileProvider"/> over a <see cref="UnionFileSystem"/> (or any <see cref="IFileSystem"/>): what
/// <see cref="PhysicalFileProvider"/> gives for a directory on disk, for a directory of the union. Listings are the
/// union's merged ones, and <see cref="Watch"/> tokens fire on changes made through the union, so ASP.NET Core
/// static files and configuration can serve a layered tree (a theme or overrides over defaults).
/// </summary>
/// <remarks>
/// PhysicalFileProvider's rules apply: paths are relative to <see cref="Root"/> (leading separators are trimmed),
/// absolute paths and paths that climb above the root find nothing, and entries excluded by the
/// <see cref="ExclusionFilters"/> (by default dot-prefixed, hidden and system ones) are neither found, listed nor
/// watched. A union has no physical paths: <see cref="IFileInfo.PhysicalPath"/> is null, except over the host's own
/// file system (<see cref="FileSystem"/>).
/// </remarks>
/// <example>
/// <code>
/// var site = new UnionFileSystem(new MemoryBranch(), theme, defaults);
/// using var provider = new UnionFileProvider(site, "/wwwroot");
/// app.UseStaticFiles(new StaticFileOptions { FileProvider = provider });
/// </code>
/// </example>
public sealed class UnionFileProvider : IFileProvider, IDisposable
{
    private readonly IFileSystem _fileSystem;
    private readonly ExclusionFilters _filters;
    private readonly bool _hasPhysicalPaths;
    private readonly char[] _invalidFileNameChars;
    private readonly char[] _separators;
    private readonly FileSystemChangeTokens _tokens;

    /// <summary>A provider of the whole union, from its root <c>/</c>, with the default exclusions.</summary>
    /// <param name="union">The union to serve.</param>
    public UnionFileProvider(UnionFileSystem union)
        : this(union, BranchPath.Root, ExclusionFilters.Sensitive)
    {
    }

    /// <summary>A provider of the directory <paramref name="root"/> of <paramref name="fileSystem"/>, with the default exclusions.</summary>
    /// <param name="fileSystem">A union, or any other file system.</param>
    /// <param name="root">An absolute path of <paramref name="fileSystem"/>; it need not exist yet.</param>
    public UnionFileProvider(IFileSystem fileSystem, string root)
        : this(fileSystem, root, ExclusionFilters.Sensitive)
    {
    }

    /// <summary>A provider of the directory <paramref name="root"/> of <paramref name="fileSystem"/>.</summary>
    /// <param name="fileSystem">A union, or any other file system.</param>
    /// <param name="root">An absolute path of <paramref name="fileSystem"/>; it need not exist yet.</param>
    /// <param name="filters">Which entries to leave out, as for <see cref="PhysicalFileProvider"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="root"/> is not an absolute path.</exception>
    public UnionFileProvider(IFileSystem fileSystem, string root, ExclusionFilters filters)
    {
        ArgumentNullException.ThrowIfNull(fileSystem);
        ArgumentNullException.ThrowIfNull(root);
        if (!fileSystem.Path.IsPathRooted(root)) throw new ArgumentException("The path must be absolute.", nameof(root));
        _fileSystem = fileSystem;
        _filters = filters;
        _hasPhysicalPaths = fileSystem is FileSystem;
        _invalidFileNameChars = fileSystem.Path.GetInvalidFileNameChars();
        _separators = ProviderPaths.SeparatorsOf(fileSystem);
        var fullRoot = fileSystem.Path.GetFullPath(root);
        Root = fullRoot.EndsWith(fileSystem.Path.DirectorySeparatorChar) ? fullRoot : fullRoot + fileSystem.Path.DirectorySeparatorChar;
        // A union's watcher of its root is cheap and outlives the provider's root being removed and made again.
        var watched = fileSystem is UnionFileSystem ? BranchPath.Root : Root;
        _tokens = new FileSystemChangeTokens(fileSystem, Root, watched, filters);
    }

    /// <summary>The directory served, as a full path of the file system ending with a separator.</summary>
    public string Root { get; }

    /// <summary>
    /// The file at <paramref name="subpath"/>, as PhysicalFileProvider finds it: a directory's path gives a file that
    /// does not exist; an empty, invalid, absolute, escaping or excluded path gives a <see cref="NotFoundFileInfo"/>.
    /// </summary>
    /// <param name="subpath">A path relative to <see cref="Root"/>.</param>
    /// <returns>The file information; check <see cref="IFileInfo.Exists"/>.</returns>
    public IFileInfo GetFileInfo(string subpath)
    {
        if (string.IsNullOrEmpty(subpath) || ProviderPaths.HasInvalidPathChars(subpath, _invalidFileNameChars)) return new NotFoundFileInfo(subpath);
        subpath = subpath.TrimStart(_separators);
        if (_fileSystem.Path.IsPathRooted(subpath)) return new NotFoundFileInfo(subpath);
        var fullPath = FullPath(subpath);
        if (fullPath is null) return new NotFoundFileInfo(subpath);
        var info = _fileSystem.FileInfo.New(fullPath);
        if (Exclusion.IsExcluded(info, _filters)) return new NotFoundFileInfo(subpath);
        // .NET's FileInfo of a path that ends with a separator has an empty name (and is the file without the separator).
        return new FileSystemFileInfo(info, fullPath, _hasPhysicalPaths, fullPath.EndsWith(_fileSystem.Path.DirectorySeparatorChar) ? string.Empty : null);
    }

    /// <summary>
    /// The entries of the directory at <paramref name="subpath"/> (for a union, its merged listing), excluded ones left
    /// out; <see cref="NotFoundDirectoryContents"/> for a missing directory or an invalid, absolute or escaping path.
    /// </summary>
    /// <param name="subpath">A path relative to <see cref="Root"/>; leading separators are ignored, empty is the root.</param>
    /// <returns>The directory's contents; check <see cref="IDirectoryContents.Exists"/>.</returns>
    public IDirectoryContents GetDirectoryContents(string subpath)
    {
        if (subpath is null || ProviderPaths.HasInvalidPathChars(subpath, _invalidFileNameChars)) return NotFoundDirectoryContents.Singleton;
        subpath = subpath.TrimStart(_separators);
        if (_fileSystem.Path.IsPathRooted(subpath)) return NotFoundDirectoryContents.Singleton;
        var fullPath = FullPath(subpath);
        if (fullPath is null || !_fileSystem.Directory.Exists(fullPath)) return NotFoundDirectoryContents.Singleton;
        return new FileSystemDirectoryContents(_fileSystem, fullPath, _filters, _hasPhysicalPaths);
    }

    /// <summary>
    /// A token that fires once, after the first change (creation, write, metadata, deletion, rename) of an entry that
    /// matches <paramref name="filter"/>: a relative path, or a globbing pattern as PhysicalFileProvider takes them
    /// (<c>**/*.json</c>, <c>*.css</c>, <c>dir/</c>). An invalid, absolute or escaping filter, or a file system that
    /// cannot watch, gives a token that never fires.
    /// </summary>
    /// <param name="filter">The path or pattern, relative to <see cref="Root"/>.</param>
    /// <returns>The change token.</returns>
    public IChangeToken Watch(string filter)
    {
        if (filter is null || ProviderPaths.HasInvalidFilterChars(filter, _invalidFileNameChars)) return NullChangeToken.Singleton;
        return _tokens.Create(filter.TrimStart(_separators));
    }

    /// <summary>Stops watching; tokens handed out do not fire after this.</summary>
    public void Dispose() => _tokens.Dispose();

    /// <summary>The full path of <paramref name="subpath"/> below the root, or null when it would leave the root.</summary>
    private string? FullPath(string subpath)
    {
        if (ProviderPaths.NavigatesAboveRoot(subpath, _separators)) return null;
        string fullPath;
        try
        {
            fullPath = _fileSystem.Path.GetFullPath(_fileSystem.Path.Combine(Root, subpath));
        }
        catch (Exception exception) when (exception is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return null;
        }
        return fullPath.StartsWith(Root, StringComparison.Ordinal) ? fullPath : null;
    }
}
