using System.Globalization;
using System.Text;

namespace UnionFs.Tests.Infrastructure;

/// <summary>How much of each entry a <see cref="BranchSnapshot"/> records.</summary>
public enum SnapshotDetail
{
    /// <summary>Path, kind, data, link target and markers.</summary>
    Structure,

    /// <summary>Structure plus attributes, mode and all times.</summary>
    Full,

    /// <summary>Full without the last access time (a real disk updates it on reads).</summary>
    FullWithoutAccessTime,
}

/// <summary>Every entry of a branch, read through <see cref="IBranch"/>, as sorted text lines.</summary>
public static class BranchSnapshot
{
    public static IReadOnlyList<string> Take(IBranch branch, SnapshotDetail detail = SnapshotDetail.Full)
    {
        var lines = new List<string>();
        if (branch.Stat("/") is { } root) lines.Add(Describe(branch, "/", root, detail));
        Walk(branch, "/", detail, lines);
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    /// <summary>Just the paths of the branch and what they are, e.g. <c>/books/c File</c>.</summary>
    public static IReadOnlyList<string> Paths(IBranch branch)
    {
        var lines = new List<string>();
        WalkPaths(branch, "/", lines);
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private static void WalkPaths(IBranch branch, string dir, List<string> lines)
    {
        foreach (var entry in branch.List(dir))
        {
            var path = BranchPath.Combine(dir, entry.Name);
            lines.Add($"{path} {entry.Kind}{(entry.IsOpaque ? " opaque" : string.Empty)}");
            if (entry.IsDirectory) WalkPaths(branch, path, lines);
        }
    }

    private static void Walk(IBranch branch, string dir, SnapshotDetail detail, List<string> lines)
    {
        foreach (var entry in branch.List(dir))
        {
            var path = BranchPath.Combine(dir, entry.Name);
            lines.Add(Describe(branch, path, entry, detail));
            if (entry.IsDirectory) Walk(branch, path, detail, lines);
        }
    }

    private static string Describe(IBranch branch, string path, BranchEntry e, SnapshotDetail detail)
    {
        var sb = new StringBuilder();
        sb.Append(path).Append(' ').Append(e.Kind);
        if (e.Kind == EntryKind.File)
        {
            using var stream = branch.OpenRead(path);
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            sb.Append(" data=").Append(Convert.ToHexString(memory.ToArray()));
            sb.Append(" len=").Append(e.Length.ToString(CultureInfo.InvariantCulture));
        }

        if (e.LinkTarget is not null) sb.Append(" link=").Append(e.LinkTarget);
        if (e.IsOpaque) sb.Append(" opaque");
        if (e.Redirect is not null) sb.Append(" redirect=").Append(e.Redirect);
        if (detail != SnapshotDetail.Structure && e.Kind != EntryKind.Whiteout)
        {
            sb.Append(" attr=").Append(e.Attributes);
            sb.Append(" mode=").Append(Convert.ToString((int)e.UnixMode, 8));
            sb.Append(" ctime=").Append(e.CreationTimeUtc.Ticks.ToString(CultureInfo.InvariantCulture));
            sb.Append(" mtime=").Append(e.LastWriteTimeUtc.Ticks.ToString(CultureInfo.InvariantCulture));
            if (detail == SnapshotDetail.Full)
            {
                sb.Append(" atime=").Append(e.LastAccessTimeUtc.Ticks.ToString(CultureInfo.InvariantCulture));
            }
        }

        return sb.ToString();
    }
}
