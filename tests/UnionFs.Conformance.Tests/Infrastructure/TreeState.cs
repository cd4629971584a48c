using System.Security.Cryptography;
using System.Text;

namespace UnionFs.Conformance.Tests.Infrastructure;

/// <summary>
/// The working directory's whole tree after an operation, one line an entry, sorted: the kind, the Unix mode,
/// a file's size and SHA-256, a link's target. Read through the file system's own members.
/// </summary>
public static class TreeState
{
    /// <summary>Renders the tree below the sandbox's working directory.</summary>
    public static string Of(Subject sandbox)
    {
        var fs = sandbox.FileSystem;
        if (!fs.Directory.Exists(sandbox.Root)) return "(the working directory is gone)";
        var lines = new List<string>();
        var pending = new Stack<string>();
        pending.Push(sandbox.Root);
        while (pending.Count > 0)
        {
            var directory = pending.Pop();
            foreach (var path in fs.Directory.EnumerateFileSystemEntries(directory))
            {
                var relative = path[(sandbox.Root.Length + 1)..];
                var info = fs.FileInfo.New(path);
                if (info.LinkTarget is { } target)
                {
                    lines.Add($"{relative} -> {target}");
                }
                else if (fs.Directory.Exists(path))
                {
                    lines.Add($"{relative}/ {Mode(fs.File.GetUnixFileMode(path))}");
                    pending.Push(path);
                }
                else
                {
                    var bytes = fs.File.ReadAllBytes(path);
                    lines.Add($"{relative} {Mode(fs.File.GetUnixFileMode(path))} {bytes.Length} {Convert.ToHexString(SHA256.HashData(bytes))[..12]}");
                }
            }
        }
        lines.Sort(StringComparer.Ordinal);
        return new StringBuilder().AppendJoin('\n', lines).ToString();
    }

    private static string Mode(UnixFileMode mode) => Convert.ToString((int)mode, 8);
}
