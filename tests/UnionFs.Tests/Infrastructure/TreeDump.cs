namespace UnionFs.Tests.Infrastructure;

/// <summary>
/// The merged view of an <see cref="IFileSystem"/> as sorted lines in <see cref="Layout"/> syntax:
/// <c>/dir/</c>, <c>/file=content</c>, <c>/link-&gt;target</c>.
/// </summary>
public static class TreeDump
{
    public static IReadOnlyList<string> Of(IFileSystem fs, string root = "/")
    {
        var lines = new List<string>();
        Walk(fs, root, lines);
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private static void Walk(IFileSystem fs, string dir, List<string> lines)
    {
        foreach (var path in fs.Directory.EnumerateFileSystemEntries(dir))
        {
            var target = fs.FileInfo.New(path).LinkTarget;
            if (target is not null)
            {
                lines.Add($"{path}->{target}");
            }
            else if (fs.Directory.Exists(path))
            {
                lines.Add(path + "/");
                Walk(fs, path, lines);
            }
            else
            {
                lines.Add($"{path}={fs.File.ReadAllText(path)}");
            }
        }
    }
}
