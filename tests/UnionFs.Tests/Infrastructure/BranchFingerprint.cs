using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace UnionFs.Tests.Infrastructure;

/// <summary>
/// A SHA-256 of everything a branch holds, read through <see cref="IBranch"/>: every path, kind, file content, link
/// target, marker and (with <see cref="SnapshotDetail.Full"/>) attributes, mode and times. The walk uses a work list,
/// so a branch of a million entries or a 10,000-deep chain is hashed in constant stack and memory.
/// </summary>
public sealed record BranchFingerprint(string Hash, long Entries)
{
    public static BranchFingerprint Of(IBranch branch, SnapshotDetail detail = SnapshotDetail.Full)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long entries = 0;
        var buffer = new byte[64 * 1024];
        var pending = new Stack<string>();
        if (branch.Stat(BranchPath.Root) is { } root) Add(hash, branch, BranchPath.Root, root, detail, buffer);
        pending.Push(BranchPath.Root);
        while (pending.TryPop(out var directory))
        {
            // Each listing is sorted, so the order of the walk, and the hash, depend only on what the branch holds.
            foreach (var entry in branch.List(directory))
            {
                var path = BranchPath.Combine(directory, entry.Name);
                Add(hash, branch, path, entry, detail, buffer);
                entries++;
                if (entry.IsDirectory) pending.Push(path);
            }
        }
        return new BranchFingerprint(Convert.ToHexString(hash.GetHashAndReset()), entries);
    }

    private static void Add(IncrementalHash hash, IBranch branch, string path, BranchEntry e, SnapshotDetail detail, byte[] buffer)
    {
        var line = new StringBuilder();
        line.Append(path).Append('\0').Append(e.Kind).Append(' ').Append(e.Length.ToString(CultureInfo.InvariantCulture));
        if (e.LinkTarget is not null) line.Append(" link=").Append(e.LinkTarget);
        if (e.IsOpaque) line.Append(" opaque");
        if (e.Redirect is not null) line.Append(" redirect=").Append(e.Redirect);
        if (detail != SnapshotDetail.Structure && e.Kind != EntryKind.Whiteout)
        {
            line.Append(" attr=").Append(e.Attributes).Append(" mode=").Append((int)e.UnixMode)
                .Append(" ctime=").Append(e.CreationTimeUtc.Ticks).Append(" mtime=").Append(e.LastWriteTimeUtc.Ticks);
            if (detail == SnapshotDetail.Full) line.Append(" atime=").Append(e.LastAccessTimeUtc.Ticks);
        }
        hash.AppendData(Encoding.UTF8.GetBytes(line.Append('\n').ToString()));
        if (e.Kind != EntryKind.File) return;
        using var stream = branch.OpenRead(path);
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0) hash.AppendData(buffer, 0, read);
    }
}
