using System.Globalization;
using System.Text;

namespace UnionFs.Kernel.Tests.Infrastructure;

/// <summary>Whole-tree pictures, compared as sets of lines.</summary>
internal static class Snapshots
{
    /// <summary>
    /// The merged tree as seen through a side's <see cref="IFileSystem"/>: one line per entry with its union
    /// path and kind; a file's size and bytes; a link's target (never followed). The root itself, timestamps
    /// and modes are left out (modes are compared by the <see cref="GetUnixMode"/> operation).
    /// </summary>
    public static SortedSet<string> MergedTree(Side side)
    {
        var lines = new SortedSet<string>(StringComparer.Ordinal);
        Walk(side, "/", lines, 0);
        return lines;
    }

    private static void Walk(Side side, string directory, SortedSet<string> lines, int depth)
    {
        string[] entries;
        try
        {
            entries = side.Fs.Directory.GetFileSystemEntries(side.P(directory));
        }
        catch (Exception e)
        {
            lines.Add($"{directory} !listing threw {e.GetType().Name} 0x{e.HResult:X8}");
            return;
        }
        foreach (var entry in entries)
        {
            var name = side.Fs.Path.GetFileName(entry);
            var path = directory == "/" ? "/" + name : directory + "/" + name;
            try
            {
                var info = side.Fs.FileInfo.New(side.P(path));
                if (info.LinkTarget is { } target)
                {
                    lines.Add($"{path} symlink -> {Code.Str(target)}");
                }
                else if (side.Fs.Directory.Exists(side.P(path)))
                {
                    lines.Add($"{path}/ directory");
                    if (depth < 16) Walk(side, path, lines, depth + 1);
                }
                else
                {
                    var bytes = side.Fs.File.ReadAllBytes(side.P(path));
                    lines.Add($"{path} file size={bytes.Length} data={Code.Str(Encoding.UTF8.GetString(bytes))}");
                }
            }
            catch (Exception e)
            {
                lines.Add($"{path} !stat threw {e.GetType().Name} 0x{e.HResult:X8}");
            }
        }
    }

    /// <summary>
    /// A directory on disk exactly: every entry's type, permission bits, size, mtime, device numbers,
    /// extended attributes, bytes and link target. For checking that lower layers stay untouched.
    /// </summary>
    public static SortedSet<string> Disk(string root)
    {
        var lines = new SortedSet<string>(StringComparer.Ordinal);
        lines.Add(Describe(root, "/"));
        DiskWalk(root, "", lines);
        return lines;
    }

    private static void DiskWalk(string root, string relative, SortedSet<string> lines)
    {
        foreach (var entry in Directory.EnumerateFileSystemEntries(root + relative, "*", new EnumerationOptions { AttributesToSkip = 0, RecurseSubdirectories = false }))
        {
            var path = relative + "/" + Path.GetFileName(entry);
            lines.Add(Describe(root + path, path));
            if (Native.LStat(root + path).IsDirectory) DiskWalk(root, path, lines);
        }
    }

    private static string Describe(string host, string path)
    {
        var stat = Native.LStat(host);
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture,
            $"{path} type=0x{stat.Mode & Native.TypeMask:X4} perm={Convert.ToString(stat.Mode & 0xFFF, 8)} size={stat.Size} mtime={stat.MTimeSeconds}.{stat.MTimeNanoseconds:D9}");
        if (stat.IsCharacterDevice) text.Append(CultureInfo.InvariantCulture, $" rdev={stat.RDevMajor}:{stat.RDevMinor}");
        if (stat.IsSymbolicLink) text.Append(" -> ").Append(Code.Str(new FileInfo(host).LinkTarget));
        if (stat.IsRegular) text.Append(" data=").Append(Convert.ToHexString(File.ReadAllBytes(host)));
        var xattrs = Native.ListXattrs(host);
        if (xattrs.Count > 0) text.Append(" xattrs=").Append(string.Join(',', xattrs));
        return text.ToString();
    }

    /// <summary>The lines only in <paramref name="expected"/> (prefixed "-") and only in <paramref name="actual"/> ("+").</summary>
    public static string Diff(SortedSet<string> expected, SortedSet<string> actual, string expectedName, string actualName)
    {
        var text = new StringBuilder();
        foreach (var line in expected.Except(actual)) text.Append(CultureInfo.InvariantCulture, $"    only in {expectedName}: {line}\n");
        foreach (var line in actual.Except(expected)) text.Append(CultureInfo.InvariantCulture, $"    only in {actualName}: {line}\n");
        return text.ToString();
    }
}
