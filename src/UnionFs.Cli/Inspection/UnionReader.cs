using System.IO.Abstractions;
using System.Text;

namespace UnionFs.Cli.Inspection;

/// <summary>Reads entries of the merged view through its <see cref="IFileSystem"/> surface.</summary>
internal static class UnionReader
{
    /// <summary>The mode Linux reports for every symbolic link (<c>lrwxrwxrwx</c>).</summary>
    private const UnixFileMode LinkMode = (UnixFileMode)0x1FF;

    /// <summary>The absolute, normalised union path of what the user typed (relative paths start at the root).</summary>
    public static string Normalize(IFileSystem fs, string path)
    {
        var full = fs.Path.GetFullPath(path.Length == 0 ? "/" : path);
        return full.Length > 1 ? full.TrimEnd('/') : full;
    }

    /// <summary>Describes <paramref name="path"/> without following a final symbolic link; null when it does not exist.</summary>
    public static UnionEntry? Lstat(IFileSystem fs, string path)
    {
        var name = path == "/" ? "/" : path[(path.LastIndexOf('/') + 1)..];
        var file = fs.FileInfo.New(path);
        if (file.LinkTarget is { } target)
            return new UnionEntry(path, name, EntryType.SymbolicLink, Encoding.UTF8.GetByteCount(target), target, LinkMode, file.LastWriteTimeUtc);
        if (file.Exists) return new UnionEntry(path, name, EntryType.File, file.Length, null, file.UnixFileMode, file.LastWriteTimeUtc);
        var directory = fs.DirectoryInfo.New(path);
        if (directory.Exists) return new UnionEntry(path, name, EntryType.Directory, 0, null, directory.UnixFileMode, directory.LastWriteTimeUtc);
        return null;
    }

    /// <summary>True when <paramref name="path"/> is a directory or a symbolic link that leads to one.</summary>
    public static bool IsDirectoryFollowingLinks(IFileSystem fs, string path) => fs.Directory.Exists(path);

    /// <summary>The entries of the directory at <paramref name="path"/> (links followed to get there), sorted by ordinal name.</summary>
    public static List<UnionEntry> List(IFileSystem fs, string path)
    {
        var entries = new List<UnionEntry>();
        foreach (var info in fs.DirectoryInfo.New(path).EnumerateFileSystemInfos())
        {
            var childPath = path == "/" ? "/" + info.Name : path + "/" + info.Name;
            entries.Add(Describe(info, childPath));
        }
        entries.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        return entries;
    }

    private static UnionEntry Describe(IFileSystemInfo info, string path)
    {
        if (info.LinkTarget is { } target)
            return new UnionEntry(path, info.Name, EntryType.SymbolicLink, Encoding.UTF8.GetByteCount(target), target, LinkMode, info.LastWriteTimeUtc);
        if (info is IFileInfo file)
            return new UnionEntry(path, info.Name, EntryType.File, file.Length, null, info.UnixFileMode, info.LastWriteTimeUtc);
        return new UnionEntry(path, info.Name, EntryType.Directory, 0, null, info.UnixFileMode, info.LastWriteTimeUtc);
    }
}
