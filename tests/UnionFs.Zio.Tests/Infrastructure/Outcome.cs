using System.Collections;
using System.Text;
using Zio;

namespace UnionFs.Zio.Tests.Infrastructure;

/// <summary>
/// What an operation gave, as comparable text: the exception type, or the value (a stream described and then read,
/// a sequence sorted, a time in UTC ticks), followed by the whole tree the file system shows afterwards.
/// </summary>
public static class Outcome
{
    public static (string Result, string Tree) Of(global::Zio.IFileSystem fs, Func<global::Zio.IFileSystem, object?> operation)
    {
        string result;
        try
        {
            result = Describe(operation(fs));
        }
        catch (Exception e)
        {
            result = "throws " + e.GetType().FullName;
        }
        return (result, Tree(fs));
    }

    /// <summary>Every path with its kind, attributes, length and content (times are the clock's, so not compared).</summary>
    public static string Tree(global::Zio.IFileSystem fs)
    {
        var text = new StringBuilder();
        foreach (var path in fs.EnumeratePaths("/", "*", SearchOption.AllDirectories, SearchTarget.Both).OrderBy(p => p.FullName, StringComparer.Ordinal))
        {
            text.Append(path.FullName).Append(' ').Append(fs.GetAttributes(path));
            if (fs.FileExists(path)) text.Append(" len=").Append(fs.GetFileLength(path)).Append(" '").Append(ReadShared(fs, path)).Append('\'');
            text.Append('\n');
        }
        return text.ToString();
    }

    private static string ReadShared(global::Zio.IFileSystem fs, UPath path)
    {
        using var stream = fs.OpenFile(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static string Describe(object? value) => value switch
    {
        null => "ok",
        Stream stream => DescribeStream(stream),
        DateTime time => "time " + time.ToUniversalTime().Ticks,
        string text => "'" + text + "'",
        UPath path => "path " + path.FullName,
        FileSystemItem item => DescribeItem(item),
        IEnumerable sequence => "[" + string.Join(", ", sequence.Cast<object?>().Select(Describe).OrderBy(s => s, StringComparer.Ordinal)) + "]",
        _ => value.ToString() ?? "null",
    };

    /// <summary>
    /// An enumerated item. Zio's memory file system lists an entry whose attributes were set to Normal with attributes 0
    /// (a directory then even as a file), although its GetAttributes says Normal (Directory for a directory); the union
    /// lists what GetAttributes says. That one known difference is folded here, so the rest is compared exactly.
    /// </summary>
    private static string DescribeItem(FileSystemItem item)
    {
        var isDirectory = item.IsDirectory;
        var attributes = item.Attributes;
        if (attributes == 0)
        {
            isDirectory = item.FileSystem!.DirectoryExists(item.Path);
            attributes = isDirectory ? FileAttributes.Directory : FileAttributes.Normal;
        }
        return $"{item.Path}|{item.AbsolutePath}|dir={isDirectory}|len={item.Length}|{attributes}|{item.GetName()}";
    }

    private static string DescribeStream(Stream stream)
    {
        using (stream)
        {
            var text = new StringBuilder($"stream read={stream.CanRead} write={stream.CanWrite} seek={stream.CanSeek} pos={stream.Position} len={stream.Length}");
            if (stream.CanWrite)
            {
                stream.Write(Encoding.UTF8.GetBytes("XY"));
                text.Append(" wrote pos=").Append(stream.Position).Append(" len=").Append(stream.Length);
            }
            if (stream.CanRead && stream.CanSeek)
            {
                stream.Position = 0;
                var bytes = new byte[stream.Length];
                stream.ReadExactly(bytes);
                text.Append(" content='").Append(Encoding.UTF8.GetString(bytes)).Append('\'');
            }
            return text.ToString();
        }
    }
}
