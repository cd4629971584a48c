using System.Security.Cryptography;

namespace UnionFs.Images.Tests.Toc;

/// <summary>One layer branch described entry by entry: kind, mode, size, link target, opacity and content hash per path.</summary>
internal static class BranchSnapshot
{
    public static SortedDictionary<string, string> Of(IBranch branch)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var pending = new Stack<string>();
        pending.Push("/");
        while (pending.TryPop(out var directory))
        {
            foreach (var entry in branch.List(directory))
            {
                var path = directory == "/" ? "/" + entry.Name : directory + "/" + entry.Name;
                var content = entry.Kind == EntryKind.File ? Hash(branch, path) : "";
                result[path] = $"{entry.Kind} {Convert.ToString((int)entry.UnixMode, 8)} {entry.Length} {entry.LinkTarget} {entry.IsOpaque} {entry.LastWriteTimeUtc:O} {content}";
                if (entry.Kind == EntryKind.Directory) pending.Push(path);
            }
        }
        return result;
    }

    private static string Hash(IBranch branch, string path)
    {
        using var stream = branch.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
