using System.IO.Compression;
using System.Text;
using UnionFs.Zio.Tests.Infrastructure;
using Zio;
using Zio.FileSystems;

namespace UnionFs.Zio.Tests;

/// <summary>
/// What a Zio branch must hold to: zip lowers (streams that cannot seek), read-only file systems, names holding a
/// backslash, links that point out of the root, and nothing outside the root ever touched.
/// </summary>
public class ZioBranchEdgeTests
{
    [Test]
    public void ZipLowerUnderMemoryUpper_ShouldReadSeekAndCopyUp()
    {
        var bytes = Layers.Zip(Layers.Lower);
        using var zip = Layers.OpenZip(bytes);
        var upper = new MemoryBranch();
        var union = new UnionFileSystem(upper, new ZioBranch(zip, UPath.Root));
        var fs = union.AsZio();

        using (var stream = fs.OpenFile("/docs/guide/setup.txt", FileMode.Open, FileAccess.Read, FileShare.Read))
        {
            stream.CanSeek.Should().BeTrue();
            stream.Length.Should().Be(10);
            stream.Position = 6;
            new StreamReader(stream).ReadToEnd().Should().Be("text");
        }
        fs.AppendAllText("/docs/guide/setup.txt", " and more");
        fs.WriteAllText("/docs/new.txt", "new");
        fs.DeleteFile("/computers/huawei");

        fs.ReadAllText("/docs/guide/setup.txt").Should().Be("setup text and more");
        fs.EnumeratePaths("/docs", "*", SearchOption.AllDirectories, SearchTarget.File).Select(p => p.FullName)
            .Should().Equal("/docs/new.txt", "/docs/notes.md", "/docs/guide/intro.txt", "/docs/guide/setup.txt");
        fs.FileExists("/computers/huawei").Should().BeFalse();
        upper.Stat("/docs/guide/setup.txt").Should().NotBeNull();
        zip.ReadAllText("/docs/guide/setup.txt").Should().Be("setup text", "the zip lower is never written");
    }

    [Test]
    public void ZipLower_LargeEntry_ShouldBufferToATemporaryFile()
    {
        var size = (int)ZioBranch.MemoryBufferLimit + 4096;
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = archive.CreateEntry("big.bin", CompressionLevel.Fastest).Open();
            var chunk = new byte[65536];
            for (var written = 0; written < size; written += chunk.Length) entry.Write(chunk, 0, Math.Min(chunk.Length, size - written));
        }
        using var zip = Layers.OpenZip(buffer.ToArray());
        var branch = new ZioBranch(zip, UPath.Root);

        using var stream = branch.OpenRead("/big.bin");

        stream.CanSeek.Should().BeTrue();
        stream.Should().BeOfType<FileStream>();
        stream.Length.Should().Be(size);
    }

    [Test]
    public void ZipOpenedForReading_AsUpper_ShouldAnswerReadOnlyFileSystem()
    {
        using var zip = Layers.OpenZip(Layers.Zip(Layers.Lower));
        var branch = new ZioBranch(zip, UPath.Root);
        var fs = new UnionFileSystem(branch);

        branch.IsReadOnly.Should().BeFalse("a zip archive cannot say up front whether it was opened for reading");
        var write = () => fs.File.WriteAllText("/books/new", "x");

        write.Should().Throw<IOException>().Which.HResult.Should().Be(0x1E);
        branch.IsReadOnly.Should().BeTrue();
        fs.File.Exists("/books/new").Should().BeFalse();
    }

    [Test]
    public void ReadOnlyFileSystem_ShouldBeReadOnlyUpFront()
    {
        using var memory = new MemoryFileSystem();
        Layers.Fill(memory, UPath.Root, Layers.Lower);
        var branch = new ZioBranch(new ReadOnlyFileSystem(memory, owned: false), UPath.Root);

        branch.IsReadOnly.Should().BeTrue();
        var write = () => branch.CreateWhiteout("/books/c");
        write.Should().Throw<IOException>().Which.HResult.Should().Be(0x1E);
        branch.Stat("/books/c").Should().NotBeNull();
    }

    [TestCase("/a\\b")]
    [TestCase("/..\\..\\outside")]
    [TestCase("/books/..\\..\\..\\outside")]
    [TestCase("/\\outside")]
    public void NameWithBackslash_ShouldBeRefusedAndNeverLeaveTheRoot(string path)
    {
        using var memory = new MemoryFileSystem();
        memory.CreateDirectory("/layers/upper/books");
        memory.WriteAllText("/outside", "secret");
        memory.WriteAllText("/layers/outside", "secret");
        var before = Fingerprint.Of(memory, UPath.Root, accessTimes: false);
        var fs = new UnionFileSystem(new ZioBranch(memory, "/layers/upper"));

        var write = () => fs.File.WriteAllText(path, "x");
        var mkdir = () => fs.Directory.CreateDirectory(path);

        write.Should().Throw<IOException>();
        mkdir.Should().Throw<IOException>();
        fs.File.Exists(path).Should().BeFalse();
        Fingerprint.Of(memory, UPath.Root, accessTimes: false).Should().Be(before, "nothing was written, inside the root or out of it");
    }

    [Test]
    public void UnionNameWithBackslash_ShouldNotShowThroughZio()
    {
        var lower = new MemoryBranch();
        lower.CreateFile("/a\\b", new MemoryStream(Encoding.UTF8.GetBytes("x")), EntryMetadata.NewFile(DateTime.UtcNow));
        lower.CreateFile("/plain", new MemoryStream(Encoding.UTF8.GetBytes("y")), EntryMetadata.NewFile(DateTime.UtcNow));
        var fs = new UnionFileSystem(new MemoryBranch(), lower).AsZio();

        fs.EnumeratePaths("/").Should().Equal(new UPath("/plain"));
        fs.FileExists("/a/b").Should().BeFalse();
        fs.FileExists("/a\\b").Should().BeFalse("Zio reads '\\' as '/'");
    }

    [Test]
    public void LinkOutOfTheRoot_ShouldResolveInsideTheUnion()
    {
        if (!OperatingSystem.IsLinux()) Assert.Ignore("symbolic links on the physical file system");
        var directory = Directory.CreateTempSubdirectory("unionfs-zio-link-").FullName;
        var secret = Path.Combine(Path.GetDirectoryName(directory)!, Path.GetFileName(directory) + "-secret");
        try
        {
            File.WriteAllText(secret, "secret");
            File.CreateSymbolicLink(Path.Combine(directory, "escape"), secret);
            Directory.CreateSymbolicLink(Path.Combine(directory, "up"), "..");
            using var physical = new PhysicalFileSystem();
            var fs = new UnionFileSystem(new MemoryBranch(), new ZioBranch(physical, physical.ConvertPathFromInternal(directory)));

            // System.IO on Linux reports a dangling link as an existing file; its target is looked up inside the union.
            fs.FileInfo.New("/escape").LinkTarget.Should().Be(secret);
            var read = () => fs.File.ReadAllText("/escape");
            read.Should().Throw<FileNotFoundException>();
            var list = () => fs.Directory.GetFileSystemEntries("/up");
            list.Should().Throw<DirectoryNotFoundException>("'..' out of the root names a directory of the union, which has none there");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
            File.Delete(secret);
        }
    }

    [Test]
    public void Root_ShouldBeAnExistingAbsoluteDirectory()
    {
        using var memory = new MemoryFileSystem();
        memory.WriteAllText("/file", "x");

        FluentActions.Invoking(() => new ZioBranch(memory, "/missing")).Should().Throw<DirectoryNotFoundException>();
        FluentActions.Invoking(() => new ZioBranch(memory, "/file")).Should().Throw<DirectoryNotFoundException>();
        FluentActions.Invoking(() => new ZioBranch(memory, "relative")).Should().Throw<ArgumentException>();
    }

    [Test]
    public void SubFileSystemLower_ShouldWork()
    {
        using var memory = new MemoryFileSystem();
        memory.CreateDirectory("/tenant/base");
        Layers.Fill(memory, "/tenant/base", Layers.Lower);
        using var sub = new SubFileSystem(memory, "/tenant", owned: false);
        var fs = new UnionFileSystem(new MemoryBranch(), new ZioBranch(sub, "/base")).AsZio();

        fs.ReadAllText("/books/java").Should().Be("Java");
        fs.DeleteFile("/books/java");
        fs.FileExists("/books/java").Should().BeFalse();
        memory.FileExists("/tenant/base/books/java").Should().BeTrue();
    }

    [Test]
    public void LinkInZioUpper_AbsoluteTargetInUpperStaysUnderTheRoot_OthersAreRefused()
    {
        if (!OperatingSystem.IsLinux()) Assert.Ignore("symbolic links on the physical file system");
        var directory = Directory.CreateTempSubdirectory("unionfs-zio-upper-link-").FullName;
        try
        {
            using var physical = new PhysicalFileSystem();
            var lower = new MemoryBranch();
            Layers.Fill(lower, Layers.Lower);
            var fs = new UnionFileSystem(new ZioBranch(physical, physical.ConvertPathFromInternal(directory)), lower);

            fs.File.WriteAllText("/books/c", "in the upper now");
            fs.File.CreateSymbolicLink("/latest", "/books/c");
            var relative = () => fs.File.CreateSymbolicLink("/relative", "books/c");
            var toLower = () => fs.File.CreateSymbolicLink("/old", "/books/java");

            fs.File.ReadAllText("/latest").Should().Be("in the upper now");
            fs.FileInfo.New("/latest").LinkTarget.Should().Be("/books/c");
            new FileInfo(Path.Combine(directory, "latest")).LinkTarget.Should().Be(Path.Combine(directory, "books", "c"), "stored under the root");
            relative.Should().Throw<NotSupportedException>();
            toLower.Should().Throw<NotSupportedException>("Zio links only to what the same file system holds");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
