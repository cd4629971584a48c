using System.IO.Abstractions;

namespace UnionFs.Tests.Streams;

/// <summary>
/// Two append handles open at once on one file behave as two .NET FileStreams in Append mode do on a real file:
/// .NET opens without O_APPEND, so each handle starts at the end it saw and writes at its own position. The real
/// file, written the same way in the same test, is the oracle; the union's upper is a directory on the real disk,
/// whose streams buffer their writes.
/// </summary>
public class AppendHandlesTests
{
    private static string Run(IFileSystem fs, string path)
    {
        fs.File.WriteAllText(path, "start;");
        using (var first = fs.File.Open(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite))
        using (var second = fs.File.Open(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite))
        {
            first.Write("first;"u8);
            second.Write("second;"u8);
            first.Write("third;"u8);
        }
        return fs.File.ReadAllText(path);
    }

    [Test]
    public void TwoAppendHandles_WritingInTurn_ShouldEndAsOnARealFile()
    {
        var host = Directory.CreateTempSubdirectory("unionfs-append-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(host, "upper"));
            var fs = new UnionFileSystem(new DirectoryBranch(new FileSystem(), Path.Combine(host, "upper")));

            var expected = Run(new FileSystem(), Path.Combine(host, "real.txt"));

            Run(fs, "/log.txt").Should().Be(expected);
        }
        finally
        {
            Directory.Delete(host, recursive: true);
        }
    }
}
