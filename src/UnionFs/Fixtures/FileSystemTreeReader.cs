using System.IO.Abstractions;

namespace UnionFs;

/// <summary>
/// Reads a directory of any <see cref="IFileSystem"/> (a union's merged view, a mock, the disk) into
/// <see cref="TextNode"/>s. Symbolic links are listed with their targets and never followed.
/// </summary>
internal static class FileSystemTreeReader
{
    /// <summary>The tree below the directory <paramref name="path"/>.</summary>
    public static TextNode Read(IFileSystem fileSystem, string path, TreeTextOptions options)
    {
        if (!fileSystem.Directory.Exists(path)) throw new DirectoryNotFoundException($"'{path}' is not a directory.");
        var root = new TextNode(string.Empty, TextNodeKind.Directory);
        Fill(fileSystem, fileSystem.DirectoryInfo.New(path), root, options);
        return root;
    }

    private static void Fill(IFileSystem fileSystem, IDirectoryInfo directory, TextNode node, TreeTextOptions options)
    {
        foreach (var info in directory.EnumerateFileSystemInfos())
        {
            if (info.LinkTarget is { } target)
            {
                node.Add(new TextNode(info.Name, TextNodeKind.SymbolicLink) { LinkTarget = target });
            }
            else if ((info.Attributes & FileAttributes.Directory) != 0)
            {
                var child = new TextNode(info.Name, TextNodeKind.Directory);
                node.Add(child);
                Fill(fileSystem, fileSystem.DirectoryInfo.New(info.FullName), child, options);
            }
            else
            {
                node.Add(new TextNode(info.Name, TextNodeKind.File) { Content = Content(fileSystem, info, options) });
            }
        }
    }

    private static byte[]? Content(IFileSystem fileSystem, IFileSystemInfo info, TreeTextOptions options)
    {
        if (!options.IncludeContents) return null;
        var length = fileSystem.FileInfo.New(info.FullName).Length;
        return length <= options.MaxContentLength ? fileSystem.File.ReadAllBytes(info.FullName) : null;
    }
}
