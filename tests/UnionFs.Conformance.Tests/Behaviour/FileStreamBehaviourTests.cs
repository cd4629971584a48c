using System.Text;
using UnionFs.Conformance.Tests.Infrastructure;

namespace UnionFs.Conformance.Tests.Behaviour;

/// <summary>
/// FileStream as .NET implements it on Linux, the real file system deciding each answer: Append without O_APPEND
/// (the handle starts at the end, may not go back before it, writes at its own position), the write buffer (what
/// a handle wrote reaches the file when it flushes), DeleteOnClose, IsAsync, and a closed stream.
/// </summary>
public class FileStreamBehaviourTests(UnionConfiguration configuration) : ConformanceTestBase(configuration)
{
    private static string Text(Subject s, string name) => s.FileSystem.File.ReadAllText(s.At(name));

    private static string Try(Action action)
    {
        try
        {
            action();
            return "ok";
        }
        catch (Exception e)
        {
            return Outcome.RenderException(e);
        }
    }

    [Test]
    public void Append_ShouldStartAtTheEndAndRefuseToGoBack() => AssertConforms(s =>
    {
        using var stream = s.FileSystem.File.Open(s.At("f.txt"), FileMode.Append, FileAccess.Write);
        var log = new List<string> { $"position {stream.Position} length {stream.Length}" };
        log.Add("seek 0: " + Try(() => stream.Seek(0, SeekOrigin.Begin)));
        log.Add("position 2: " + Try(() => stream.Position = 2));
        log.Add("seek -1 current: " + Try(() => stream.Seek(-1, SeekOrigin.Current)));
        log.Add("set length 1: " + Try(() => stream.SetLength(1)));
        log.Add("seek end: " + Try(() => stream.Seek(0, SeekOrigin.End)));
        log.Add($"position {stream.Position}");
        return log;
    });

    [Test]
    public void Append_SeekBeyondTheEndThenWrite_ShouldLeaveAGapOfZeros() => AssertConforms(s =>
    {
        using (var stream = s.FileSystem.File.Open(s.At("f.txt"), FileMode.Append, FileAccess.Write))
        {
            stream.Seek(3, SeekOrigin.End);
            stream.Write("tail"u8);
        }
        return s.FileSystem.File.ReadAllBytes(s.At("f.txt"));
    });

    [Test]
    public void Append_WriteThenSeekBackIntoOwnWrite_ShouldOverwriteIt() => AssertConforms(s =>
    {
        using (var stream = s.FileSystem.File.Open(s.At("f.txt"), FileMode.Append, FileAccess.Write))
        {
            stream.Write("12345"u8);
            stream.Seek(6, SeekOrigin.Begin);
            stream.Write("x"u8);
        }
        return Text(s, "f.txt");
    });

    [Test]
    public void TwoAppendHandles_ShouldEachWriteAtTheirOwnPosition() => AssertConforms(s =>
    {
        using (var first = s.FileSystem.File.Open(s.At("f.txt"), FileMode.Append, FileAccess.Write, FileShare.ReadWrite))
        using (var second = s.FileSystem.File.Open(s.At("f.txt"), FileMode.Append, FileAccess.Write, FileShare.ReadWrite))
        {
            first.Write("first;"u8);
            second.Write("second;"u8);
            first.Write("third;"u8);
        }
        return Text(s, "f.txt");
    });

    [Test]
    public void TwoAppendHandles_FlushedInTurn_ShouldKeepWhatTheLaterFlushWrote() => AssertConforms(s =>
    {
        using var first = s.FileSystem.File.Open(s.At("f.txt"), FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        using var second = s.FileSystem.File.Open(s.At("f.txt"), FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        first.Write("AAAA"u8);
        second.Write("BB"u8);
        first.Flush();
        var afterFirst = Text(s, "f.txt");
        second.Flush();
        return new[] { afterFirst, Text(s, "f.txt") };
    });

    [Test]
    public void AppendAfterAnotherHandleGrewTheFile_ShouldWriteAtItsOwnPosition() => AssertConforms(s =>
    {
        using (var append = s.FileSystem.File.Open(s.At("f.txt"), FileMode.Append, FileAccess.Write, FileShare.ReadWrite))
        {
            s.FileSystem.File.AppendAllText(s.At("f.txt"), "-other-");
            append.Write("!"u8);
        }
        return Text(s, "f.txt");
    });

    [Test]
    public void TwoWriters_ShouldKeepWhatTheLaterFlushWrote() => AssertConforms(s =>
    {
        using var first = s.FileSystem.File.Open(s.At("f.txt"), FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        using var second = s.FileSystem.File.Open(s.At("f.txt"), FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        first.Write("11"u8);
        second.Write("2"u8);
        var beforeFlush = Text(s, "f.txt");
        second.Flush();
        first.Flush();
        return new[] { beforeFlush, Text(s, "f.txt") };
    });

    [Test]
    public void UnflushedWrite_ShouldNotBeSeenByAnotherHandle() => AssertConforms(s =>
    {
        using var writer = s.FileSystem.File.Open(s.At("g.txt"), FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
        writer.Write("XYZ"u8);
        using var reader = new StreamReader(s.FileSystem.File.Open(s.At("g.txt"), FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
        var seen = reader.ReadToEnd();
        writer.Flush();
        return seen;
    });

    [Test]
    public void UnbufferedStream_ShouldWriteAtOnce() => AssertConforms(s =>
    {
        using var writer = s.FileSystem.FileStream.New(s.At("g.txt"), FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
        writer.Write("XYZ"u8);
        return s.FileSystem.File.ReadAllText(s.At("g.txt"));
    });

    [Test]
    public void DeleteOnClose_ShouldRemoveTheFileWhenDisposed() => AssertConforms(s =>
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.ReadWrite, Options = FileOptions.DeleteOnClose };
        using (var stream = s.FileSystem.FileStream.New(s.At("temp.txt"), options)) stream.Write("temporary"u8);
        return s.FileSystem.File.Exists(s.At("temp.txt"));
    });

    [Test]
    public void DeleteOnClose_OfALowerFile_ShouldHideIt() => AssertConforms(s =>
    {
        using (s.FileSystem.FileStream.New(s.At("f.txt"), FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.DeleteOnClose)) { }
        return s.FileSystem.File.Exists(s.At("f.txt"));
    });

    [TestCase(FileOptions.None)]
    [TestCase(FileOptions.Asynchronous)]
    [TestCase(FileOptions.SequentialScan | FileOptions.Asynchronous)]
    public void IsAsync_ShouldReflectTheOptions(FileOptions options) => AssertConforms(s =>
    {
        using var stream = s.FileSystem.FileStream.New(s.At("f.txt"), FileMode.Open, FileAccess.Read, FileShare.Read, 4096, options);
        return stream.IsAsync;
    });

    [Test]
    public void IsAsync_ShouldBeTrue_WhenUseAsyncIsAsked() => AssertConforms(s =>
    {
        using var stream = s.FileSystem.FileStream.New(s.At("f.txt"), FileMode.Open, FileAccess.Read, FileShare.Read, 4096, useAsync: true);
        return stream.IsAsync;
    });

    [Test]
    public void ClosedStream_ShouldRefuseEveryMember() => AssertConforms(s =>
    {
        var stream = s.FileSystem.File.Open(s.At("f.txt"), FileMode.Open, FileAccess.ReadWrite);
        stream.Dispose();
        return new[]
        {
            $"can read {stream.CanRead} write {stream.CanWrite} seek {stream.CanSeek}",
            "read: " + Try(() => stream.ReadByte()),
            "write: " + Try(() => stream.WriteByte(1)),
            "position: " + Try(() => _ = stream.Position),
            "length: " + Try(() => _ = stream.Length),
            "seek: " + Try(() => stream.Seek(0, SeekOrigin.Begin)),
            "flush: " + Try(() => stream.Flush()),
            "dispose again: " + Try(stream.Dispose),
        }.Select(line => System.Text.RegularExpressions.Regex.Replace(line, " message=.*", "")).ToArray();
    });

    [Test]
    public void NegativeBufferSize_ShouldBeRefused() => AssertConforms(s =>
        s.FileSystem.FileStream.New(s.At("f.txt"), FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: -1));

    [Test]
    public void ReadAfterWriteOnOneHandle_ShouldSeeItsOwnWrite() => AssertConforms(s =>
    {
        using var stream = s.FileSystem.File.Open(s.At("f.txt"), FileMode.Open, FileAccess.ReadWrite);
        stream.Write("HE"u8);
        var rest = new byte[10];
        var read = stream.Read(rest);
        stream.Position = 0;
        using var reader = new StreamReader(stream, Encoding.UTF8, false, 16, leaveOpen: true);
        return new[] { Encoding.UTF8.GetString(rest, 0, read), reader.ReadToEnd(), stream.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) };
    });
}
