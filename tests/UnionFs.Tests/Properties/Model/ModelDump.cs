using System.Globalization;

namespace UnionFs.Tests.Properties.Model;

/// <summary>
/// The merged view of a file system as the model prints it: every entry below a root, sorted, links described
/// and never followed, each file with its content (and its modification time where the model knows it).
/// </summary>
public static class ModelDump
{
    public static string Line(string path, ModelKind kind, string? content, string? target, DateTime? lastWriteTimeUtc) => kind switch
    {
        ModelKind.Directory => path + "/",
        ModelKind.Link => $"{path}->{target}",
        _ => $"{path}={content}" + (lastWriteTimeUtc is { } t ? " mtime=" + t.Ticks.ToString(CultureInfo.InvariantCulture) : string.Empty),
    };

    /// <summary>
    /// Dumps <paramref name="fs"/> below <paramref name="root"/> (<c>/</c> for a union, a temp directory on the disk),
    /// printing paths and link targets relative to it; <paramref name="withTime"/> says which files show their time.
    /// </summary>
    public static IReadOnlyList<string> Of(IFileSystem fs, string root, Func<string, bool> withTime)
    {
        var lines = new List<string>();
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var directory = pending.Pop();
            foreach (var full in fs.Directory.EnumerateFileSystemEntries(directory))
            {
                var path = Relative(root, full);
                var info = fs.FileInfo.New(full);
                if (info.LinkTarget is { } target)
                {
                    lines.Add(Line(path, ModelKind.Link, null, Relative(root, target), null));
                }
                else if ((info.Attributes & FileAttributes.Directory) != 0)
                {
                    lines.Add(Line(path, ModelKind.Directory, null, null, null));
                    pending.Push(full);
                }
                else
                {
                    var time = withTime(path) ? fs.File.GetLastWriteTimeUtc(full) : (DateTime?)null;
                    lines.Add(Line(path, ModelKind.File, fs.File.ReadAllText(full), null, time));
                }
            }
        }
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private static string Relative(string root, string path) =>
        root == "/" ? path : path.StartsWith(root + "/", StringComparison.Ordinal) ? path[root.Length..] : path;
}
