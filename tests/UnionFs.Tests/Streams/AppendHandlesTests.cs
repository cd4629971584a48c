using System.IO.Abstractions;

namespace UnionFs.Tests.Streams;

/// <summary>
/// Two append handles open at once on one file both keep their writes, as O_APPEND descriptors do, also over a
/// directory on the real disk whose streams buffer their writes.
/// </summary>
public class AppendHandlesTests
{
    [Test]
    public void TwoAppendHandles_WritingInTurn_ShouldKeepBothWrites()
    {
        var host = Directory.CreateTempSubdirectory("unionfs-append-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(host, "upper"));
            var fs = new UnionFileSystem(new DirectoryBranch(new FileSystem(), Path.Combine(host, "upper")));
            fs.File.WriteAllText("/log.txt", "start;");

            using (var first = fs.File.Open("/log.txt", FileMode.Append, FileAccess.Write, FileShare.ReadWrite))
            using (var second = fs.File.Open("/log.txt", FileMode.Append, FileAccess.Write, FileShare.ReadWrite))
            {
                first.Write("first;"u8);
                second.Write("second;"u8);
                first.Write("third;"u8);
            }

            fs.File.ReadAllText("/log.txt").Should().Be("start;first;second;third;");
        }
        finally
        {
            Directory.Delete(host, recursive: true);
        }
    }
}
