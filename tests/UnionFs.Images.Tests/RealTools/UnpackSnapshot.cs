using System.Globalization;
using System.Security.Cryptography;

namespace UnionFs.Images.Tests.RealTools;

/// <summary>
/// A tree described entry by entry, to compare UnionFs's merged view with <c>umoci unpack</c> of the same image:
/// for each path (the root included) its type, mode bits (setuid, setgid and sticky included), and for a file its
/// size and SHA-256, for a symbolic link its target. Links are never followed.
/// </summary>
public static class UnpackSnapshot
{
    private const UnixFileMode AllModeBits = (UnixFileMode)0xFFF;

    /// <summary>The tree of a directory on disk (an unpacked rootfs).</summary>
    public static SortedDictionary<string, string> OfDisk(string root) => Of(new System.IO.Abstractions.FileSystem(), root.TrimEnd('/'));

    /// <summary>The merged view of a union (or any file system) from its root.</summary>
    public static SortedDictionary<string, string> OfUnion(System.IO.Abstractions.IFileSystem fs) => Of(fs, "");

    /// <summary>The paths whose descriptions differ, one line each (<c>path: union ... | umoci ...</c>); empty when equal.</summary>
    public static List<string> Differences(SortedDictionary<string, string> union, SortedDictionary<string, string> umoci)
    {
        var differences = new List<string>();
        foreach (var path in union.Keys.Union(umoci.Keys).Order(StringComparer.Ordinal))
        {
            union.TryGetValue(path, out var mine);
            umoci.TryGetValue(path, out var theirs);
            if (mine != theirs) differences.Add($"{path}: union {mine ?? "(absent)"} | umoci {theirs ?? "(absent)"}");
        }
        return differences;
    }

    /// <summary>Asserts that the union shows what umoci unpacked, listing every difference when not.</summary>
    public static void ShouldMatch(System.IO.Abstractions.IFileSystem union, string unpackedRootFs, string because)
    {
        var mine = OfUnion(union);
        var theirs = OfDisk(unpackedRootFs);
        var differences = Differences(mine, theirs);
        differences.Should().BeEmpty($"UnionFs's merged view of {because} must equal umoci unpack of it, entry by entry");
        mine.Count.Should().Be(theirs.Count).And.BeGreaterThan(1);
    }

    private static SortedDictionary<string, string> Of(System.IO.Abstractions.IFileSystem fs, string root)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["/"] = "d " + Mode(fs.File.GetUnixFileMode(root.Length == 0 ? "/" : root)),
        };
        var pending = new Stack<string>();
        pending.Push("");
        while (pending.TryPop(out var relative))
        {
            var directory = fs.DirectoryInfo.New(root + (relative.Length == 0 ? "/" : relative));
            foreach (var info in directory.EnumerateFileSystemInfos())
            {
                var path = relative + "/" + info.Name;
                var host = root + path;
                if (info.LinkTarget is { } target)
                {
                    result[path] = "l -> " + target;
                }
                else if ((info.Attributes & FileAttributes.Directory) != 0)
                {
                    result[path] = "d " + Mode(fs.File.GetUnixFileMode(host));
                    pending.Push(path);
                }
                else
                {
                    using var stream = fs.File.OpenRead(host);
                    var hash = Convert.ToHexStringLower(SHA256.HashData(stream));
                    result[path] = $"f {Mode(fs.File.GetUnixFileMode(host))} {stream.Length} {hash}";
                }
            }
        }
        return result;
    }

    private static string Mode(UnixFileMode mode) => Convert.ToString((int)(mode & AllModeBits), 8).PadLeft(4, '0').ToString(CultureInfo.InvariantCulture);
}
