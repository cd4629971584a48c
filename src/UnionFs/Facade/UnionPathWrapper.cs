using System.IO.Abstractions;

namespace UnionFs.Facade;

/// <summary>
/// <see cref="IPath"/> for a union: string operations are the host's (Linux style); the members that touch
/// the file system (full paths, existence, temp files) use the union.
/// </summary>
internal sealed class UnionPathWrapper(UnionFileSystem fs) : PathWrapper(fs)
{
    private const string TempDirectory = "/tmp";

    public override bool Exists(string? path) => fs.File.Exists(path) || fs.Directory.Exists(path);

    public override string GetFullPath(string path) => KeepTrailingSeparator(path, fs.Full(path));

    public override string GetFullPath(string path, string basePath)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(basePath);
        if (!basePath.StartsWith('/')) throw new ArgumentException("Basepath argument is not fully qualified.", nameof(basePath));
        if (path.Contains('\0') || basePath.Contains('\0')) throw new ArgumentException("Null character in path.");
        if (path.Length == 0) return basePath;
        return KeepTrailingSeparator(path, Engine.UnionPath.Normalize(path, Engine.UnionPath.Normalize(basePath, UnionFs.BranchPath.Root, nameof(basePath))));
    }

    /// <summary>As Path.GetRelativePath, with both paths made full against the union's current directory, never the process's.</summary>
    public override string GetRelativePath(string relativeTo, string path)
    {
        ArgumentNullException.ThrowIfNull(relativeTo);
        ArgumentNullException.ThrowIfNull(path);
        if (relativeTo.Length == 0) throw new ArgumentException("The path is empty.", nameof(relativeTo));
        if (path.Length == 0) throw new ArgumentException("The path is empty.", nameof(path));
        return Path.GetRelativePath(GetFullPath(relativeTo), GetFullPath(path));
    }

    /// <summary>Path.GetFullPath keeps a trailing separator (<c>/a/</c> stays <c>/a/</c>); union paths do not have one.</summary>
    private static string KeepTrailingSeparator(string path, string full) =>
        full.Length > 1 && path.EndsWith('/') ? full + "/" : full;

    public override string GetTempPath() => TempDirectory + "/";

    public override string GetTempFileName()
    {
        fs.Directory.CreateDirectory(TempDirectory);
        while (true)
        {
            var path = TempDirectory + "/tmp" + Path.GetRandomFileName().Replace(".", string.Empty, StringComparison.Ordinal)[..6] + ".tmp";
            try
            {
                // As mkstemp(3): only the owner may read and write it.
                fs.File.Open(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite }).Dispose();
                return path;
            }
            catch (IOException) when (fs.File.Exists(path))
            {
                // Taken: draw another name.
            }
        }
    }
}
