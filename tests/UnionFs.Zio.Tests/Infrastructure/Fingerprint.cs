using System.Security.Cryptography;
using System.Text;
using Zio;

namespace UnionFs.Zio.Tests.Infrastructure;

/// <summary>Everything a Zio file system shows under a root: paths, kinds, bytes (SHA-256), attributes and times.</summary>
public static class Fingerprint
{
    /// <param name="fs">The file system.</param>
    /// <param name="root">The directory to fingerprint.</param>
    /// <param name="accessTimes">
    /// False to leave access times out: a read moves them in Zio's memory file system and on a real disk (relatime), which is
    /// the file system's own doing on a read, not a write by the branch.
    /// </param>
    public static string Of(global::Zio.IFileSystem fs, UPath root, bool accessTimes = true)
    {
        var text = new StringBuilder();
        if (root != UPath.Root) Line(fs, root, text, accessTimes); // a zip archive's root has no attributes to give
        foreach (var path in fs.EnumeratePaths(root, "*", SearchOption.AllDirectories, SearchTarget.Both).OrderBy(p => p.FullName, StringComparer.Ordinal))
            Line(fs, path, text, accessTimes);
        return text.ToString();
    }

    private static void Line(global::Zio.IFileSystem fs, UPath path, StringBuilder text, bool accessTimes)
    {
        text.Append(path.FullName).Append('|').Append(fs.GetAttributes(path)).Append('|')
            .Append(fs.GetCreationTime(path).Ticks).Append('|').Append(fs.GetLastWriteTime(path).Ticks).Append('|')
            .Append(accessTimes ? fs.GetLastAccessTime(path).Ticks : 0);
        if (fs.FileExists(path))
        {
            using var stream = fs.OpenFile(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            text.Append('|').Append(Convert.ToHexString(SHA256.HashData(stream)));
        }
        text.Append('\n');
    }
}
