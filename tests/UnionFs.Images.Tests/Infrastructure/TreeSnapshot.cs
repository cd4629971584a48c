using System.Security.Cryptography;

namespace UnionFs.Images.Tests.Infrastructure;

/// <summary>A comparable description of a tree: one line per path (kind, permissions, content hash or link target).</summary>
public static class TreeSnapshot
{
    /// <summary>Walks <paramref name="root"/> of <paramref name="fs"/> without following links.</summary>
    public static SortedDictionary<string, string> Of(IFileSystem fs, string root = "/", bool modes = true)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        Walk(fs, root.TrimEnd('/'), "", result, modes);
        return result;
    }

    public static string Render(SortedDictionary<string, string> snapshot) => string.Join('\n', snapshot.Select(p => $"{p.Key} {p.Value}"));

    private static void Walk(IFileSystem fs, string root, string relative, SortedDictionary<string, string> result, bool modes)
    {
        var directory = fs.DirectoryInfo.New(root + (relative.Length == 0 ? "/" : relative));
        foreach (var info in directory.EnumerateFileSystemInfos())
        {
            var path = relative + "/" + info.Name;
            var host = root + path;
            if (info.LinkTarget is { } target)
            {
                result[path] = "l " + target;
            }
            else if ((info.Attributes & FileAttributes.Directory) != 0)
            {
                result[path] = "d" + (modes ? " " + Mode(fs, host) : "");
                Walk(fs, root, path, result, modes);
            }
            else
            {
                var hash = Convert.ToHexStringLower(SHA256.HashData(fs.File.ReadAllBytes(host)))[..16];
                result[path] = "f" + (modes ? " " + Mode(fs, host) : "") + " " + hash;
            }
        }
    }

    private static string Mode(IFileSystem fs, string path) => Convert.ToString((int)fs.File.GetUnixFileMode(path), 8);
}
