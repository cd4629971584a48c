using System.Collections;
using System.Globalization;
using System.Text;

namespace UnionFs.Conformance.Tests.Infrastructure;

/// <summary>
/// What one operation did, rendered as text so the real file system's answer and a union's compare: the value
/// (collections in order, file system infos by their members, streams by their state) or the exception (type,
/// HResult, the parameter's name, and the message with the working directory replaced by <c>{R}</c>).
/// </summary>
public static class Outcome
{
    /// <summary>Runs <paramref name="act"/> in <paramref name="sandbox"/> and renders what happened.</summary>
    public static string Of(Subject sandbox, Func<Subject, object?> act)
    {
        try
        {
            var value = act(sandbox);
            return sandbox.Normalize(Render(value));
        }
        catch (Exception e)
        {
            return sandbox.Normalize(RenderException(e));
        }
    }

    /// <summary>An exception as type, HResult, parameter name and message.</summary>
    public static string RenderException(Exception e)
    {
        if (e is AggregateException { InnerExceptions.Count: 1 } aggregate) e = aggregate.InnerExceptions[0];
        var text = new StringBuilder("throws ").Append(e.GetType().FullName)
            .Append(CultureInfo.InvariantCulture, $" hr=0x{e.HResult:X8}");
        if (e is ArgumentException argument) text.Append(" param=").Append(argument.ParamName ?? "null");
        return text.Append(" message=").Append(e.Message).ToString();
    }

    /// <summary>A value as text.</summary>
    public static string Render(object? value) => value switch
    {
        null => "null",
        string s => "\"" + s + "\"",
        byte[] bytes => "bytes:" + Convert.ToHexString(bytes),
        DateTime time => RenderTime(time),
        IFileSystemInfo info => RenderInfo(info),
        FileSystemStream stream => RenderStream(stream),
        IFileVersionInfo version => $"version({version.FileName},{version.FileVersion},{version.ProductName})",
        IDriveInfo drive => $"drive({drive.Name},{drive.RootDirectory.FullName},{drive.DriveType},{drive.IsReady},{drive.DriveFormat})",
        IEnumerable sequence => "[" + string.Join(", ", sequence.Cast<object?>().Select(Render)) + "]",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>A time: only whether it is the "missing file" time matters; values are compared as relations elsewhere.</summary>
    private static string RenderTime(DateTime time) =>
        time.ToUniversalTime() == DateTime.FromFileTimeUtc(0) ? $"no-time({time.Kind})" : $"time({time.Kind})";

    private static string RenderInfo(IFileSystemInfo info)
    {
        var text = new StringBuilder(info is IDirectoryInfo ? "dirinfo(" : "fileinfo(")
            .Append("name=").Append(info.Name)
            .Append(" full=").Append(info.FullName)
            .Append(" str=").Append(info.ToString())
            .Append(" ext=").Append(info.Extension)
            .Append(" exists=").Append(info.Exists)
            .Append(" link=").Append(info.LinkTarget ?? "null");
        if (info is IFileInfo file)
            text.Append(" dirname=").Append(file.DirectoryName ?? "null");
        if (info is IDirectoryInfo directory)
            text.Append(" parent=").Append(directory.Parent?.FullName ?? "null").Append(" root=").Append(directory.Root.FullName);
        return text.Append(')').ToString();
    }

    private static string RenderStream(FileSystemStream stream) =>
        $"stream(read={stream.CanRead} write={stream.CanWrite} seek={stream.CanSeek} async={stream.IsAsync}"
        + (stream.CanSeek ? $" length={stream.Length} position={stream.Position}" : "") + $" name={stream.Name})";
}
