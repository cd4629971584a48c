using System.Text;
using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Streams;

/// <summary>FileStream over the merged view: modes, access, seeking, length and async I/O.</summary>
[TestFixtureSource(typeof(Placements), nameof(Placements.All))]
public class FileStreamTests(Placement placement, BranchKind kind) : UnionTestBase(placement, kind)
{
    private static string ReadAll(Stream stream)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8, leaveOpen: true);
        return reader.ReadToEnd();
    }

    private static void Write(Stream stream, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        stream.Write(bytes, 0, bytes.Length);
    }

    [Test]
    public void OpenRead_LowerFile_ShouldReadContentAndNotBeWritable()
    {
        using var stream = Fs.FileStream.New("/books/c", FileMode.Open, FileAccess.Read);

        stream.CanRead.Should().BeTrue();
        stream.CanWrite.Should().BeFalse();
        stream.Length.Should().Be(6);
        ReadAll(stream).Should().Be("c book");
    }

    [Test]
    public void Write_OnReadOnlyStream_ShouldThrowNotSupported()
    {
        using var stream = Fs.File.OpenRead("/books/c");

        Action act = () => stream.WriteByte(1);

        act.Should().Throw<NotSupportedException>();
    }

    [Test]
    public void Read_OnWriteOnlyStream_ShouldThrowNotSupported()
    {
        using var stream = Fs.File.Open("/books/c", FileMode.Open, FileAccess.Write);

        Action act = () => stream.ReadByte();

        act.Should().Throw<NotSupportedException>();
    }

    [Test]
    public void OpenReadWrite_LowerFile_ShouldOverwriteInPlace()
    {
        using (var stream = Fs.FileStream.New("/books/c", FileMode.Open, FileAccess.ReadWrite))
        {
            Write(stream, "C");
        }

        Fs.File.ReadAllText("/books/c").Should().Be("C book");
    }

    [Test]
    public void OpenDefaultAccess_LowerFile_ShouldCopyUpEvenWithoutWriting()
    {
        using (Fs.FileStream.New("/books/java", FileMode.Open))
        {
        }

        UpperKind("/books/java").Should().Be(EntryKind.File);
        Fs.File.ReadAllText("/books/java").Should().Be("java book");
    }

    [Test]
    public void OpenOrCreate_MissingFile_ShouldCreateEmptyFile()
    {
        using (var stream = Fs.FileStream.New("/books/new", FileMode.OpenOrCreate))
        {
            stream.Length.Should().Be(0);
        }

        Fs.File.Exists("/books/new").Should().BeTrue();
        UpperKind("/books/new").Should().Be(EntryKind.File);
    }

    [Test]
    public void OpenOrCreate_ExistingFile_ShouldKeepContent()
    {
        using (var stream = Fs.FileStream.New("/books/c", FileMode.OpenOrCreate, FileAccess.ReadWrite))
        {
            ReadAll(stream).Should().Be("c book");
            Write(stream, "!");
        }

        Fs.File.ReadAllText("/books/c").Should().Be("c book!");
    }

    [Test]
    public void Create_ExistingLowerFile_ShouldTruncate()
    {
        using (var stream = Fs.FileStream.New("/books/c", FileMode.Create))
        {
            stream.Length.Should().Be(0);
            Write(stream, "xy");
        }

        Fs.File.ReadAllText("/books/c").Should().Be("xy");
    }

    [Test]
    public void CreateNew_MissingFile_ShouldCreate()
    {
        using (var stream = Fs.FileStream.New("/docs/new.txt", FileMode.CreateNew, FileAccess.Write))
        {
            Write(stream, "new");
        }

        Fs.File.ReadAllText("/docs/new.txt").Should().Be("new");
    }

    [Test]
    public void CreateNew_ExistingLowerFile_ShouldThrowExists()
    {
        Expect.Io(() => Fs.FileStream.New("/books/c", FileMode.CreateNew).Dispose(), HResults.Exists, "/books/c");

        Fs.File.ReadAllText("/books/c").Should().Be("c book");
    }

    [Test]
    public void Append_LowerFile_ShouldStartAtEndAndAppend()
    {
        using (var stream = Fs.FileStream.New("/books/c", FileMode.Append, FileAccess.Write))
        {
            stream.Position.Should().Be(6);
            Write(stream, "s");
        }

        Fs.File.ReadAllText("/books/c").Should().Be("c books");
    }

    [Test]
    public void Append_WithReadAccess_ShouldThrowArgumentException()
    {
        Action act = () => Fs.FileStream.New("/books/c", FileMode.Append, FileAccess.Read).Dispose();

        act.Should().Throw<ArgumentException>();
    }

    [Test]
    public void Truncate_LowerFile_ShouldEmptyIt()
    {
        using (var stream = Fs.FileStream.New("/books/c", FileMode.Truncate, FileAccess.ReadWrite))
        {
            stream.Length.Should().Be(0);
            Write(stream, "t");
        }

        Fs.File.ReadAllText("/books/c").Should().Be("t");
    }

    [Test]
    public void Truncate_MissingFile_ShouldThrowFileNotFound()
    {
        Expect.FileNotFound(() => Fs.FileStream.New("/books/none", FileMode.Truncate).Dispose(), "/books/none");
    }

    [Test]
    public void Seek_FromBeginCurrentAndEnd_ShouldPositionReads()
    {
        using var stream = Fs.File.OpenRead("/books/java");

        stream.Seek(5, SeekOrigin.Begin).Should().Be(5);
        ReadAll(stream).Should().Be("book");
        stream.Seek(-4, SeekOrigin.End).Should().Be(5);
        stream.Seek(-5, SeekOrigin.Current).Should().Be(0);
        stream.ReadByte().Should().Be('j');
    }

    [Test]
    public void Write_AfterSeekPastEnd_ShouldFillGapWithZeros()
    {
        using (var stream = Fs.File.Open("/docs/a.txt", FileMode.Open, FileAccess.ReadWrite))
        {
            stream.Seek(3, SeekOrigin.Begin);
            Write(stream, "z");
        }

        Fs.File.ReadAllBytes("/docs/a.txt").Should().Equal((byte)'a', (byte)0, (byte)0, (byte)'z');
    }

    [Test]
    public void SetLength_Extend_ShouldPadWithZeros()
    {
        using (var stream = Fs.File.Open("/docs/b.txt", FileMode.Open, FileAccess.ReadWrite))
        {
            stream.SetLength(3);
            stream.Length.Should().Be(3);
        }

        Fs.File.ReadAllBytes("/docs/b.txt").Should().Equal((byte)'b', (byte)0, (byte)0);
    }

    [Test]
    public void SetLength_Shrink_ShouldKeepPrefix()
    {
        using (var stream = Fs.File.Open("/books/golang", FileMode.Open, FileAccess.ReadWrite))
        {
            stream.SetLength(2);
        }

        Fs.File.ReadAllText("/books/golang").Should().Be("go");
        Fs.FileInfo.New("/books/golang").Length.Should().Be(2);
    }

    [Test]
    public void Position_AfterWrites_ShouldTrackBytesWritten()
    {
        using var stream = Fs.File.Create("/p.bin");

        stream.Write(new byte[10]);
        stream.Position.Should().Be(10);
        stream.Position = 4;
        stream.WriteByte(7);

        stream.Length.Should().Be(10);
        stream.Position.Should().Be(5);
    }

    [Test]
    public async Task WriteAsyncAndReadAsync_Stream_ShouldRoundTrip()
    {
        var data = Encoding.UTF8.GetBytes("async data");
        await using (var stream = Fs.FileStream.New("/async.bin", FileMode.Create, FileAccess.Write, FileShare.None, 4096, useAsync: true))
        {
            await stream.WriteAsync(data);
        }

        var buffer = new byte[64];
        await using var read = Fs.File.OpenRead("/async.bin");
        var count = await read.ReadAsync(buffer);

        Encoding.UTF8.GetString(buffer, 0, count).Should().Be("async data");
    }

    [Test]
    public async Task ReadAllTextAsync_LowerFile_ShouldRead()
    {
        (await Fs.File.ReadAllTextAsync("/books/golang")).Should().Be("go book");
    }

    [Test]
    public async Task AppendAllTextAsync_LowerFile_ShouldCopyUpAndAppend()
    {
        await Fs.File.AppendAllTextAsync("/README.txt", "!");

        (await Fs.File.ReadAllTextAsync("/README.txt")).Should().Be("readme!");
        UpperKind("/README.txt").Should().Be(EntryKind.File);
    }

    [Test]
    public async Task WriteAllBytesAsync_NewFile_ShouldCreate()
    {
        await Fs.File.WriteAllBytesAsync("/docs/bytes.bin", [9, 8, 7]);

        (await Fs.File.ReadAllBytesAsync("/docs/bytes.bin")).Should().Equal((byte)9, (byte)8, (byte)7);
    }

    [Test]
    public void ReadHandle_OpenedBeforeCopyUp_ShouldSeeNewDataAfterwards()
    {
        // OVERLAYFS.md: a read-only handle opened on a lower file before another handle copies it up and
        // writes sees the new data afterwards.
        using var reader = Fs.File.OpenRead("/books/c");

        Fs.File.WriteAllText("/books/c", "rewritten");

        ReadAll(reader).Should().Be("rewritten");
    }

    [Test]
    public void ReadHandle_FileDeletedWhileOpen_ShouldStayReadable()
    {
        using var reader = Fs.File.OpenRead("/books/java");

        Fs.File.Delete("/books/java");

        ReadAll(reader).Should().Be("java book");
        Fs.File.Exists("/books/java").Should().BeFalse();
    }

    [Test]
    public void StreamWriter_AppendText_ShouldAppendToLowerFile()
    {
        using (var writer = Fs.File.AppendText("/docs/c.md"))
        {
            writer.Write(" more");
        }

        Fs.File.ReadAllText("/docs/c.md").Should().Be("md more");
    }

    [Test]
    public void ReadAllLines_And_WriteAllLines_ShouldRoundTrip()
    {
        Fs.File.WriteAllLines("/lines.txt", ["one", "two"]);

        Fs.File.ReadAllLines("/lines.txt").Should().Equal("one", "two");
    }
}
