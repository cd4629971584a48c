using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Sandbox;

/// <summary>Writes and reads trees in a directory of an <see cref="IFileSystem"/>, in <see cref="Layout"/> syntax.</summary>
public static class HostTree
{
    /// <summary>Creates <paramref name="root"/> and writes each spec (<c>/a/b=content</c>, <c>/d/</c>, <c>/l-&gt;target</c>) below it.</summary>
    public static void Write(IFileSystem fs, string root, params string[] specs)
    {
        fs.Directory.CreateDirectory(root);
        foreach (var entry in specs.Select(Layout.Parse))
        {
            var host = root + entry.Path;
            fs.Directory.CreateDirectory(fs.Path.GetDirectoryName(host)!);
            switch (entry.Kind)
            {
                case EntryKind.Directory:
                    fs.Directory.CreateDirectory(host);
                    break;
                case EntryKind.SymbolicLink:
                    fs.File.CreateSymbolicLink(host, entry.LinkTarget!);
                    break;
                default:
                    fs.File.WriteAllText(host, entry.Content);
                    break;
            }
        }
    }

    /// <summary>The tree under <paramref name="root"/> as <see cref="TreeDump"/> lines, read through a fresh union.</summary>
    public static IReadOnlyList<string> Read(IFileSystem fs, string root) =>
        TreeDump.Of(UnionFileSystem.ReadOnly(new DirectoryBranch(fs, root)));

    /// <summary>Every host path below <paramref name="root"/>, hidden names included.</summary>
    public static IReadOnlyList<string> AllPaths(IFileSystem fs, string root) =>
        fs.Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
}
