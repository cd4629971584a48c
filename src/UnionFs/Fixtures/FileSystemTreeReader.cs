using System.IO.Abstractions;

namespace UnionFs;

/// <summary>
/// Reads a directory of any <see cref="IFileSystem"/> (a union's merged view, a mock, the disk) into
/// <see cref="TextNode"/>s. Symbolic links are listed with their targets and never followed.
/// </summary>
internal static class FileSystemTreeReader
{
    /// <summary>The tree below the directory <paramref name="path"/>, walked with a work list (not recursion), so any depth fits the stack.</summary>
    public static TextNode Read(IFileSystem fileSystem, string path, TreeTextOptions options)
    {
        if (!fileSystem.Directory.Exists(path)) throw new DirectoryNotFoundException($"'{path}' is not a directory.");
        var root = new TextNode(string.Empty, TextNodeKind.Directory);
        var pending = new Stack<(IDirectoryInfo Directory, TextNode Node)>();
        pending.Push((fileSystem.DirectoryInfo.New(path), root));
        while (pending.TryPop(out var directory))
        {
            foreach (var info in directory.Directory.EnumerateFileSystemInfos())
            {
                if (info.LinkTarget is { } target)
                {
                    directory.Node.Add(new TextNode(info.Name, TextNodeKind.SymbolicLink) { LinkTarget = target });
                }
                else if ((info.Attributes & FileAttributes.Directory) != 0)
                {
                    var child = new TextNode(info.Name, TextNodeKind.Directory);
                    directory.Node.Add(child);
                    pending.Push((fileSystem.DirectoryInfo.New(info.FullName), child));
                }
                else
                {
                    directory.Node.Add(new TextNode(info.Name, TextNodeKind.File) { Content = Content(fileSystem, info, options) });
                }
            }
        }
        return root;
    }

    private static byte[]? Content(IFileSystem fileSystem, IFileSystemInfo info, TreeTextOptions options)
    {
        if (!options.IncludeContents) return null;
        var length = fileSystem.FileInfo.New(info.FullName).Length;
        return length <= options.MaxContentLength ? fileSystem.File.ReadAllBytes(info.FullName) : null;
    }
}
