using System.IO.Abstractions;

namespace UnionFs.Images;

/// <summary>
/// What one image (or union, or any file system) changes relative to a baseline: paths added, modified and deleted,
/// like <c>docker diff</c> but between two trees. A path is modified when its type, a file's contents, its permission
/// bits or a symbolic link's target differ, never because of times alone. Every path of an added directory is
/// listed; a deleted directory is one entry (its contents go with it), as is a directory replaced by a non-directory.
/// Contents are compared as streams, a chunk at a time, only when the sizes are equal.
/// </summary>
/// <example>
/// <code>
/// using var next = ContainerImage.Open("app-v2.tar");
/// using var previous = ContainerImage.Open("app-v1.tar");
/// foreach (var change in ImageDiff.Compare(next, previous)) Console.WriteLine($"{change.Kind} {change.Path} {change.Reasons}");
/// </code>
/// </example>
public static class ImageDiff
{
    private const int ChunkSize = 64 * 1024;

    /// <summary>What <paramref name="image"/> changes relative to <paramref name="baseline"/> (both must stay open while it runs).</summary>
    public static IReadOnlyList<ImageChange> Compare(ContainerImage image, ContainerImage baseline)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(baseline);
        return Compare(image.MountReadOnly(), baseline.MountReadOnly());
    }

    /// <summary>What the layers of <paramref name="image"/> change relative to those of <paramref name="baseline"/>.</summary>
    public static IReadOnlyList<ImageChange> Compare(LayerSet image, LayerSet baseline)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(baseline);
        return Compare(image.Mount(), baseline.Mount());
    }

    /// <summary>
    /// What the tree of <paramref name="image"/> changes relative to that of <paramref name="baseline"/>, both read from
    /// <c>/</c> without following symbolic links. Sorted by ordinal path.
    /// </summary>
    public static IReadOnlyList<ImageChange> Compare(IFileSystem image, IFileSystem baseline)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(baseline);
        var changes = new List<ImageChange>();
        Directory(image, baseline, "/", changes);
        changes.Sort(static (a, b) => string.CompareOrdinal(a.Path, b.Path));
        return changes;
    }

    private static void Directory(IFileSystem image, IFileSystem baseline, string directory, List<ImageChange> changes)
    {
        var names = new SortedSet<string>(Names(image, directory), StringComparer.Ordinal);
        names.UnionWith(Names(baseline, directory));
        foreach (var name in names)
        {
            var path = directory == "/" ? "/" + name : directory + "/" + name;
            var mine = Node.Lstat(image, path);
            var theirs = Node.Lstat(baseline, path);
            if (mine is null)
            {
                if (theirs is not null) changes.Add(new ImageChange(path, ChangeKind.Deleted, ChangeReasons.None));
                continue;
            }
            if (theirs is null)
            {
                changes.Add(new ImageChange(path, ChangeKind.Added, ChangeReasons.None));
                if (mine.Kind == EntryKind.Directory) AddAll(image, path, changes);
                continue;
            }
            var reasons = Differences(image, baseline, path, mine, theirs);
            if (reasons != ChangeReasons.None) changes.Add(new ImageChange(path, ChangeKind.Modified, reasons));
            if (mine.Kind != EntryKind.Directory) continue;
            if (theirs.Kind == EntryKind.Directory) Directory(image, baseline, path, changes);
            else AddAll(image, path, changes);
        }
    }

    private static void AddAll(IFileSystem fs, string directory, List<ImageChange> changes)
    {
        foreach (var name in Names(fs, directory))
        {
            var path = directory + "/" + name;
            changes.Add(new ImageChange(path, ChangeKind.Added, ChangeReasons.None));
            if (Node.Lstat(fs, path) is { Kind: EntryKind.Directory }) AddAll(fs, path, changes);
        }
    }

    private static ChangeReasons Differences(IFileSystem image, IFileSystem baseline, string path, Node mine, Node theirs)
    {
        if (mine.Kind != theirs.Kind) return ChangeReasons.Type;
        var reasons = ChangeReasons.None;
        if (mine.Kind == EntryKind.SymbolicLink)
            return string.Equals(mine.Target, theirs.Target, StringComparison.Ordinal) ? reasons : ChangeReasons.LinkTarget;
        if (mine.Mode != theirs.Mode) reasons |= ChangeReasons.Mode;
        if (mine.Kind == EntryKind.File && !SameContent(image, baseline, path, mine.Size, theirs.Size)) reasons |= ChangeReasons.Content;
        return reasons;
    }

    private static bool SameContent(IFileSystem image, IFileSystem baseline, string path, long mySize, long theirSize)
    {
        if (mySize != theirSize) return false;
        if (mySize == 0) return true;
        using var mine = image.File.OpenRead(path);
        using var theirs = baseline.File.OpenRead(path);
        var a = new byte[ChunkSize];
        var b = new byte[ChunkSize];
        while (true)
        {
            var read = mine.ReadAtLeast(a, ChunkSize, throwOnEndOfStream: false);
            var other = theirs.ReadAtLeast(b, ChunkSize, throwOnEndOfStream: false);
            if (read != other || !a.AsSpan(0, read).SequenceEqual(b.AsSpan(0, other))) return false;
            if (read < ChunkSize) return true;
        }
    }

    private static List<string> Names(IFileSystem fs, string directory)
    {
        var names = fs.Directory.EnumerateFileSystemEntries(directory).Select(p => p[(p.LastIndexOf('/') + 1)..]).ToList();
        names.Sort(StringComparer.Ordinal);
        return names;
    }

    /// <summary>What <c>lstat</c> says about a path, as far as the comparison needs it.</summary>
    private sealed record Node(EntryKind Kind, long Size, UnixFileMode Mode, string? Target)
    {
        public static Node? Lstat(IFileSystem fs, string path)
        {
            var file = fs.FileInfo.New(path);
            if (file.LinkTarget is { } target) return new Node(EntryKind.SymbolicLink, 0, 0, target);
            if (file.Exists) return new Node(EntryKind.File, file.Length, file.UnixFileMode, null);
            var directory = fs.DirectoryInfo.New(path);
            return directory.Exists ? new Node(EntryKind.Directory, 0, directory.UnixFileMode, null) : null;
        }
    }
}
