namespace UnionFs.Tests.Infrastructure;

/// <summary>Puts layout entries into a single branch through a union that has no lowers.</summary>
public static class BranchWriter
{
    public static void Write(IBranch branch, IEnumerable<LayoutEntry> entries)
    {
        var w = new UnionFileSystem(branch);
        foreach (var entry in entries)
        {
            var parent = w.Path.GetDirectoryName(entry.Path);
            if (!string.IsNullOrEmpty(parent)) w.Directory.CreateDirectory(parent);
            switch (entry.Kind)
            {
                case EntryKind.Directory:
                    w.Directory.CreateDirectory(entry.Path);
                    break;
                case EntryKind.File:
                    w.File.WriteAllText(entry.Path, entry.Content);
                    break;
                case EntryKind.SymbolicLink:
                    w.File.CreateSymbolicLink(entry.Path, entry.LinkTarget!);
                    break;
                default:
                    throw new ArgumentException($"Cannot write {entry.Kind} through a union.", nameof(entries));
            }
        }
    }

    /// <summary>Applies the metadata of <paramref name="entry"/> to the branch, if the branch has the entry.</summary>
    public static void ApplyMetadata(IBranch branch, LayoutEntry entry)
    {
        if (branch.Stat(entry.Path) is not { } existing || existing.IsWhiteout) return;
        var w = new UnionFileSystem(branch);
        var isDirectory = existing.IsDirectory;
        if (entry.UnixMode is { } mode) w.File.SetUnixFileMode(entry.Path, mode);
        if (entry.Attributes is { } attributes) w.File.SetAttributes(entry.Path, attributes);
        if (entry.CreationTimeUtc is { } created)
        {
            if (isDirectory) w.Directory.SetCreationTimeUtc(entry.Path, created);
            else w.File.SetCreationTimeUtc(entry.Path, created);
        }

        if (entry.LastWriteTimeUtc is { } written)
        {
            if (isDirectory) w.Directory.SetLastWriteTimeUtc(entry.Path, written);
            else w.File.SetLastWriteTimeUtc(entry.Path, written);
        }
    }

    public static bool HasMetadata(LayoutEntry e) =>
        e.UnixMode is not null || e.Attributes is not null || e.CreationTimeUtc is not null || e.LastWriteTimeUtc is not null;
}
