using System.IO.Abstractions;
using Zio;

namespace UnionFs.Zio;

/// <summary>
/// Enumeration: the union's merged listing walked breadth-first, each directory listed once (a snapshot) in ordinal
/// order, filtered by Zio's pattern rules. Errors surface when enumeration starts, as Zio's iterators raise them.
/// A name holding <c>\</c> (possible in a union, impossible in a Zio path) is left out; symbolic links are not followed.
/// </summary>
internal sealed partial class UnionZioFileSystem
{
    protected override IEnumerable<UPath> EnumeratePathsImpl(UPath path, string searchPattern, SearchOption searchOption, SearchTarget searchTarget)
    {
        var pattern = ZioSearchPattern.Parse(ref path, searchPattern);
        foreach (var (child, info) in Walk(path, searchOption))
        {
            var isDirectory = IsRealDirectory(info);
            if (searchTarget == SearchTarget.File && isDirectory) continue;
            if (searchTarget == SearchTarget.Directory && !isDirectory) continue;
            if (pattern.Match(info.Name)) yield return child;
        }
    }

    protected override IEnumerable<FileSystemItem> EnumerateItemsImpl(UPath path, SearchOption searchOption, SearchPredicate? searchPredicate)
    {
        foreach (var (child, info) in Walk(path, searchOption))
        {
            var isDirectory = IsRealDirectory(info);
            var attributes = info.Attributes & ~FileAttributes.Hidden;
            if (isDirectory) attributes = (attributes | FileAttributes.Directory) & ~FileAttributes.Normal;
            else if ((attributes & ~FileAttributes.Normal) != 0) attributes &= ~FileAttributes.Normal;
            var item = new FileSystemItem(this, child, isDirectory)
            {
                Attributes = attributes,
                Length = !isDirectory && info is IFileInfo file ? file.Length : 0,
                CreationTime = info.CreationTime,
                LastAccessTime = info.LastAccessTime,
                LastWriteTime = info.LastWriteTime,
            };
            if (searchPredicate is null || searchPredicate(ref item)) yield return item;
        }
    }

    private IEnumerable<(UPath Path, IFileSystemInfo Info)> Walk(UPath path, SearchOption searchOption)
    {
        if (IsFile(path)) throw new IOException($"The source directory `{path}` is a file");
        if (!IsDirectory(path)) throw ZioErrors.DirectoryNotFound(path);
        var pending = new Queue<UPath>();
        pending.Enqueue(path);
        while (pending.Count > 0)
        {
            var directory = pending.Dequeue();
            List<IFileSystemInfo> children;
            try
            {
                children = [.. _union.DirectoryInfo.New(directory.FullName).EnumerateFileSystemInfos()];
            }
            catch (DirectoryNotFoundException) when (directory != path)
            {
                continue; // removed since it was listed
            }
            children.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
            foreach (var info in children)
            {
                if (info.Name.Contains('\\', StringComparison.Ordinal)) continue;
                var child = directory / info.Name;
                if (searchOption == SearchOption.AllDirectories && IsRealDirectory(info)) pending.Enqueue(child);
                yield return (child, info);
            }
        }
    }

    private static bool IsRealDirectory(IFileSystemInfo info) =>
        info.LinkTarget is null && (info.Attributes & FileAttributes.Directory) != 0;
}
