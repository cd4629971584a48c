namespace UnionFs.Tests.Errors;

/// <summary>Null, empty and NUL-containing paths are rejected the way System.IO rejects them.</summary>
public class ArgumentValidationTests
{
    private UnionFileSystem _fs = null!;

    [SetUp]
    public void CreateUnion()
    {
        _fs = new UnionFileSystem(new MemoryBranch());
        _fs.File.WriteAllText("/a", "a");
    }

    public static IEnumerable<TestCaseData> PathMembers()
    {
        static TestCaseData Case(string name, Action<IFileSystem, string> call) => new TestCaseData(call).SetArgDisplayNames(name);

        yield return Case("File.ReadAllText", (fs, p) => fs.File.ReadAllText(p));
        yield return Case("File.WriteAllText", (fs, p) => fs.File.WriteAllText(p, "x"));
        yield return Case("File.Delete", (fs, p) => fs.File.Delete(p));
        yield return Case("File.Open", (fs, p) => fs.File.Open(p, FileMode.Open).Dispose());
        yield return Case("File.Copy source", (fs, p) => fs.File.Copy(p, "/b"));
        yield return Case("File.Copy destination", (fs, p) => fs.File.Copy("/a", p));
        yield return Case("File.Move destination", (fs, p) => fs.File.Move("/a", p));
        yield return Case("File.GetAttributes", (fs, p) => fs.File.GetAttributes(p));
        yield return Case("File.SetLastWriteTimeUtc", (fs, p) => fs.File.SetLastWriteTimeUtc(p, DateTime.UtcNow));
        yield return Case("File.CreateSymbolicLink", (fs, p) => fs.File.CreateSymbolicLink(p, "/a"));
        yield return Case("Directory.CreateDirectory", (fs, p) => fs.Directory.CreateDirectory(p));
        yield return Case("Directory.Delete", (fs, p) => fs.Directory.Delete(p));
        yield return Case("Directory.GetFiles", (fs, p) => fs.Directory.GetFiles(p));
        yield return Case("Directory.Move", (fs, p) => fs.Directory.Move(p, "/z"));
        yield return Case("Directory.SetCurrentDirectory", (fs, p) => fs.Directory.SetCurrentDirectory(p));
        yield return Case("FileStream.New", (fs, p) => fs.FileStream.New(p, FileMode.OpenOrCreate).Dispose());
        yield return Case("Path.GetFullPath", (fs, p) => fs.Path.GetFullPath(p));
    }

    [TestCaseSource(nameof(PathMembers))]
    public void Member_NullPath_ShouldThrowArgumentNullException(Action<IFileSystem, string> call)
    {
        Action act = () => call(_fs, null!);

        act.Should().Throw<ArgumentNullException>();
    }

    [TestCaseSource(nameof(PathMembers))]
    public void Member_EmptyPath_ShouldThrowArgumentException(Action<IFileSystem, string> call)
    {
        Action act = () => call(_fs, string.Empty);

        act.Should().Throw<ArgumentException>().Which.Should().NotBeOfType<ArgumentNullException>();
    }

    [TestCaseSource(nameof(PathMembers))]
    public void Member_PathWithNulCharacter_ShouldThrowArgumentException(Action<IFileSystem, string> call)
    {
        Action act = () => call(_fs, "/a\0b");

        act.Should().Throw<ArgumentException>().Which.Should().NotBeOfType<ArgumentNullException>();
    }

    [Test]
    public void Exists_InvalidPaths_ShouldReturnFalseWithoutThrowing()
    {
        _fs.File.Exists(null).Should().BeFalse();
        _fs.File.Exists(string.Empty).Should().BeFalse();
        _fs.File.Exists("/a\0b").Should().BeFalse();
        _fs.Directory.Exists(null).Should().BeFalse();
        _fs.Directory.Exists(string.Empty).Should().BeFalse();
        _fs.Directory.Exists("/\0").Should().BeFalse();
    }

    [Test]
    public void FileInfoNew_Null_ShouldThrowArgumentNullException()
    {
        Action act = () => _fs.FileInfo.New(null!);

        act.Should().Throw<ArgumentNullException>();
    }

    [Test]
    public void WriteAllText_NullContent_ShouldWriteEmptyFile()
    {
        _fs.File.WriteAllText("/empty", null);

        _fs.File.ReadAllText("/empty").Should().BeEmpty();
    }

    [Test]
    public void FileStreamNew_InvalidModeAccessCombination_ShouldThrowArgumentException()
    {
        Action act = () => _fs.FileStream.New("/a", FileMode.Truncate, FileAccess.Read).Dispose();

        act.Should().Throw<ArgumentException>();
        _fs.File.ReadAllText("/a").Should().Be("a");
    }

    [Test]
    public void FileStreamNew_UndefinedMode_ShouldThrowArgumentOutOfRange()
    {
        Action act = () => _fs.FileStream.New("/a", (FileMode)42).Dispose();

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Test]
    public void SetUnixFileMode_UndefinedBits_ShouldThrowArgumentException()
    {
        Action act = () => _fs.File.SetUnixFileMode("/a", (UnixFileMode)0x1000);

        act.Should().Throw<ArgumentException>();
    }

    [Test]
    public void SetAttributes_UndefinedFlags_ShouldThrowArgumentException()
    {
        Action act = () => _fs.File.SetAttributes("/a", (FileAttributes)0x40000000);

        act.Should().Throw<ArgumentException>();
    }
}
