using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Errors;

/// <summary>
/// Rule 12: the exception type, HResult and message (naming the union path) System.IO gives on a kernel
/// overlay mount, and a failed call changes nothing. Expectations measured on Linux 6.18, .NET 10.
/// </summary>
[TestFixtureSource(typeof(Placements), nameof(Placements.All))]
public class ErrorTests(Placement placement, BranchKind kind) : UnionTestBase(placement, kind)
{
    private IReadOnlyList<string> _treeBefore = [];
    private IReadOnlyList<string> _upperBefore = [];

    [SetUp]
    public void RememberState()
    {
        _treeBefore = Tree();
        _upperBefore = Fixture.UpperSnapshot(SnapshotDetail.Structure);
    }

    private void ShouldBeUnchanged()
    {
        Tree().Should().Equal(_treeBefore, "a failed call must not change the merged view");
        Fixture.UpperSnapshot(SnapshotDetail.Structure).Should().Equal(_upperBefore, "a failed call must not write the upper");
    }

    [Test]
    public void ReadAllText_MissingFile_ShouldThrowFileNotFound()
    {
        var ex = Expect.FileNotFound(() => Fs.File.ReadAllText("/books/missing"), "/books/missing");

        ex.FileName.Should().Be("/books/missing");
    }

    [Test]
    public void ReadAllText_MissingParent_ShouldThrowDirectoryNotFound()
    {
        Expect.DirectoryNotFound(() => Fs.File.ReadAllText("/nodir/x"), "/nodir/x");
    }

    [Test]
    public void ReadAllText_ParentIsFile_ShouldThrowDirectoryNotFound()
    {
        Expect.DirectoryNotFound(() => Fs.File.ReadAllText("/books/c/inner"), "/books/c/inner");
    }

    [Test]
    public void ReadAllText_Directory_ShouldThrowUnauthorizedAccess()
    {
        Expect.AccessDenied(() => Fs.File.ReadAllText("/books"), "/books");
    }

    [Test]
    public void OpenWrite_Directory_ShouldThrowUnauthorizedAccessAndChangeNothing()
    {
        Expect.AccessDenied(() => Fs.File.OpenWrite("/books").Dispose(), "/books");

        ShouldBeUnchanged();
    }

    [Test]
    public void FileStreamOpenOrCreate_Directory_ShouldThrowUnauthorizedAccess()
    {
        Expect.AccessDenied(() => Fs.FileStream.New("/tree", FileMode.OpenOrCreate).Dispose(), "/tree");

        ShouldBeUnchanged();
    }

    [Test]
    public void FileDelete_Directory_ShouldThrowUnauthorizedAccessAndChangeNothing()
    {
        Expect.AccessDenied(() => Fs.File.Delete("/books"), "/books");

        ShouldBeUnchanged();
    }

    [Test]
    public void FileDelete_MissingFile_ShouldDoNothing()
    {
        Fs.File.Delete("/books/missing");

        ShouldBeUnchanged();
    }

    [Test]
    public void FileDelete_MissingParent_ShouldThrowDirectoryNotFound()
    {
        Expect.DirectoryNotFound(() => Fs.File.Delete("/nodir/missing"), "/nodir/missing");
    }

    [Test]
    public void CreateNew_ExistingFile_ShouldThrowExists()
    {
        Expect.Io(() => Fs.FileStream.New("/README.txt", FileMode.CreateNew).Dispose(), HResults.Exists, "/README.txt");

        ShouldBeUnchanged();
    }

    [Test]
    public void CreateNew_ExistingDirectory_ShouldThrowExists()
    {
        Expect.Io(() => Fs.FileStream.New("/books", FileMode.CreateNew).Dispose(), HResults.Exists, "/books");

        ShouldBeUnchanged();
    }

    [Test]
    public void CreateDirectory_OverFile_ShouldThrowExistsAndChangeNothing()
    {
        Expect.Io(() => Fs.Directory.CreateDirectory("/books/c"), HResults.Exists, "/books/c");

        ShouldBeUnchanged();
    }

    [Test]
    public void CreateDirectory_BelowFile_ShouldThrowDirectoryNotFound()
    {
        Expect.DirectoryNotFound(() => Fs.Directory.CreateDirectory("/books/c/x"), "/books/c/x");

        ShouldBeUnchanged();
    }

    [Test]
    public void FileMove_OntoExistingFile_ShouldThrowExistsAndChangeNothing()
    {
        Expect.Io(() => Fs.File.Move("/books/c", "/books/java"), HResults.Exists, "/books/java");

        ShouldBeUnchanged();
    }

    [Test]
    public void FileMove_OntoDirectory_ShouldThrowExists()
    {
        Expect.Io(() => Fs.File.Move("/books/c", "/computers"), HResults.Exists, "/computers");

        ShouldBeUnchanged();
    }

    [Test]
    public void FileMove_MissingSource_ShouldThrowFileNotFound()
    {
        Expect.FileNotFound(() => Fs.File.Move("/books/none", "/books/none2"), "/books/none");
    }

    [Test]
    public void FileMove_DestinationParentMissing_ShouldThrowDirectoryNotFound()
    {
        Expect.DirectoryNotFound(() => Fs.File.Move("/books/c", "/nodir/c"), "/nodir/c");

        ShouldBeUnchanged();
    }

    [Test]
    public void DirectoryDelete_NonEmpty_ShouldThrowNotEmpty()
    {
        Expect.Io(() => Fs.Directory.Delete("/tree"), HResults.NotEmpty, "/tree");

        ShouldBeUnchanged();
    }

    [Test]
    public void DirectoryDelete_File_ShouldThrowDirectoryNotFound()
    {
        Expect.DirectoryNotFound(() => Fs.Directory.Delete("/books/c"), "/books/c");

        ShouldBeUnchanged();
    }

    [Test]
    public void DirectoryDelete_Missing_ShouldThrowDirectoryNotFound()
    {
        Expect.DirectoryNotFound(() => Fs.Directory.Delete("/nodir", recursive: true), "/nodir");
    }

    [Test]
    public void GetFiles_MissingDirectory_ShouldThrowDirectoryNotFound()
    {
        Expect.DirectoryNotFound(() => Fs.Directory.GetFiles("/nodir"), "/nodir");
    }

    [Test]
    public void GetFiles_File_ShouldThrowDirectoryNotFound()
    {
        Expect.DirectoryNotFound(() => Fs.Directory.GetFiles("/books/c"), "/books/c");
    }

    [Test]
    public void WriteAllText_ParentIsFile_ShouldThrowDirectoryNotFound()
    {
        Expect.DirectoryNotFound(() => Fs.File.WriteAllText("/README.txt/x", "x"), "/README.txt/x");

        ShouldBeUnchanged();
    }

    [Test]
    public void WriteAllText_MissingParent_ShouldThrowDirectoryNotFound()
    {
        Expect.DirectoryNotFound(() => Fs.File.WriteAllText("/nodir/x", "x"), "/nodir/x");

        ShouldBeUnchanged();
    }

    [Test]
    public void SetLastWriteTimeUtc_Missing_ShouldThrowFileNotFound()
    {
        Expect.FileNotFound(() => Fs.File.SetLastWriteTimeUtc("/books/none", DateTime.UtcNow), "/books/none");
    }

    [Test]
    public void SetAttributes_Missing_ShouldThrowFileNotFound()
    {
        Expect.FileNotFound(() => Fs.File.SetAttributes("/books/none", FileAttributes.Normal), "/books/none");
    }

    [Test]
    public void GetAttributes_Missing_ShouldThrowFileNotFound()
    {
        Expect.FileNotFound(() => Fs.File.GetAttributes("/books/none"), "/books/none");
    }

    [Test]
    public void GetUnixFileMode_Missing_ShouldThrowFileNotFound()
    {
        Expect.FileNotFound(() => Fs.File.GetUnixFileMode("/books/none"), "/books/none");
    }

    [Test]
    public void GetLastWriteTimeUtc_Missing_ShouldReturnFileTimeZero()
    {
        Fs.File.GetLastWriteTimeUtc("/books/none").Should().Be(DateTime.FromFileTimeUtc(0));
    }

    [Test]
    public void SetCurrentDirectory_Missing_ShouldThrowDirectoryNotFound()
    {
        Expect.DirectoryNotFound(() => Fs.Directory.SetCurrentDirectory("/nodir"), "/nodir");
    }

    [Test]
    public void DirectoryMove_OntoFile_ShouldThrowDestinationExists()
    {
        Expect.Io(() => Fs.Directory.Move("/computers", "/README.txt"), HResults.DotNetIo, "/README.txt");

        ShouldBeUnchanged();
    }

    [Test]
    public void DirectoryMove_SamePath_ShouldThrowIOException()
    {
        Expect.Io(() => Fs.Directory.Move("/computers", "/computers"), HResults.DotNetIo, null);

        ShouldBeUnchanged();
    }

    [Test]
    public void FileCopy_Directory_ShouldThrowUnauthorizedAccess()
    {
        Expect.AccessDenied(() => Fs.File.Copy("/books", "/books2"), "/books");

        ShouldBeUnchanged();
    }

    [Test]
    public void FileReplace_BackupDirectoryMissing_ShouldThrowDirectoryNotFound()
    {
        Expect.DirectoryNotFound(() => Fs.File.Replace("/books/c", "/books/java", "/nodir/bak"), "/nodir/bak");
    }

    [Test]
    public void Messages_OfEveryError_ShouldNotNameBranchInternals()
    {
        var messages = new List<string>();
        void Catch(Action act)
        {
            try
            {
                act();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                messages.Add(e.Message);
            }
        }

        Catch(() => Fs.File.ReadAllText("/books/missing"));
        Catch(() => Fs.File.ReadAllText("/nodir/x"));
        Catch(() => Fs.File.Delete("/books"));
        Catch(() => Fs.Directory.Delete("/books"));
        Catch(() => Fs.Directory.CreateDirectory("/books/c"));

        messages.Should().HaveCount(5);
        messages.Should().OnlyContain(m => m.Contains("'/", StringComparison.Ordinal));
        messages.Should().NotContain(m => m.Contains(".wh.", StringComparison.Ordinal) || m.Contains("upper", StringComparison.OrdinalIgnoreCase));
    }
}
