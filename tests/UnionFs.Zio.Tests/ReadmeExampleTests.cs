using System.IO.Compression;
using UnionFs.Zio.Tests.Infrastructure;
using Zio;
using Zio.FileSystems;

namespace UnionFs.Zio.Tests;

/// <summary>The README's example, over a zip file and a directory made for the test.</summary>
public class ReadmeExampleTests
{
    [Test]
    public void ReadmeExample_ShouldRunAsWritten()
    {
        var directory = Directory.CreateTempSubdirectory("unionfs-zio-readme-").FullName;
        try
        {
            var zipPath = Path.Combine(directory, "base.zip");
            File.WriteAllBytes(zipPath, Layers.Zip([("/docs/old.md", "old"), ("/docs/keep.md", "keep"), ("/config/", null)]));
            Directory.CreateDirectory(Path.Combine(directory, "overrides", "docs"));
            File.WriteAllText(Path.Combine(directory, "overrides", "docs", "extra.md"), "extra");
            var zipBefore = File.ReadAllBytes(zipPath);
            var lines = new List<string>();

            using var zip = new ZipArchiveFileSystem(zipPath, ZipArchiveMode.Read);          // any Zio file system as a lower
            using var disk = new PhysicalFileSystem();
            var union = new UnionFileSystem(new MemoryBranch(),                               // every change lands here
                new ZioBranch(disk, disk.ConvertPathFromInternal(Path.Combine(directory, "overrides"))), // lowers topmost first
                new ZioBranch(zip, UPath.Root));
            global::Zio.IFileSystem fs = union.AsZio();                                       // Zio's IFileSystem over the union
            fs.WriteAllText("/config/app.json", "{}");                                        // copied up; the zip is never written
            fs.DeleteFile("/docs/old.md");                                                    // a whiteout in the upper
            foreach (var path in fs.EnumeratePaths("/", "*.md", SearchOption.AllDirectories, SearchTarget.File))
                lines.Add(path.FullName);                                                     // the merged tree

            lines.Should().Equal("/docs/extra.md", "/docs/keep.md");
            fs.ReadAllText("/config/app.json").Should().Be("{}");
            union.GetChanges().Should().Contain(new UnionChange("/docs/old.md", ChangeKind.Deleted));
            zip.Dispose();
            File.ReadAllBytes(zipPath).Should().Equal(zipBefore);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Test]
    public void UndefinedFileMode_ShouldBeRefusedAsSystemIORefusesIt()
    {
        using var stacked = new StackedUnion(Configuration.MemoryLower);

        var open = () => stacked.Zio.OpenFile("/books/java", (FileMode)99, FileAccess.Read);

        open.Should().Throw<ArgumentOutOfRangeException>();
    }
}
