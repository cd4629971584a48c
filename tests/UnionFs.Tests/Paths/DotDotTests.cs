using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Paths;

/// <summary>Rule 14: <c>..</c> stops at the union root; relative paths resolve against the union's current directory.</summary>
[TestFixtureSource(typeof(Placements), nameof(Placements.All))]
public class DotDotTests(Placement placement, BranchKind kind) : UnionTestBase(placement, kind)
{
    [Test]
    public void ReadAllText_DotDotAboveRoot_ShouldStayAtRoot()
    {
        Fs.File.ReadAllText("/../../books/c").Should().Be("c book");
    }

    [TestCase("/..", "/")]
    [TestCase("/../..", "/")]
    [TestCase("/books/../..", "/")]
    [TestCase("/books/./c", "/books/c")]
    [TestCase("/books/sub/../c", "/books/c")]
    [TestCase("//books//c", "/books/c")]
    [TestCase("/../books/", "/books/")]
    public void GetFullPath_DotsAndSeparators_ShouldNormalise(string path, string expected)
    {
        Fs.Path.GetFullPath(path).Should().Be(expected);
    }

    [Test]
    public void GetCurrentDirectory_Initially_ShouldBeRoot()
    {
        Fs.Directory.GetCurrentDirectory().Should().Be("/");
    }

    [Test]
    public void ReadAllText_RelativePath_ShouldResolveAgainstRootInitially()
    {
        Fs.File.ReadAllText("books/c").Should().Be("c book");
        Fs.File.ReadAllText("README.txt").Should().Be("readme");
    }

    [Test]
    public void ReadAllText_RelativeAfterSetCurrentDirectory_ShouldResolveThere()
    {
        Fs.Directory.SetCurrentDirectory("/books");

        Fs.File.ReadAllText("c").Should().Be("c book");
        Fs.File.ReadAllText("../README.txt").Should().Be("readme");
        Fs.File.ReadAllText("../../../README.txt").Should().Be("readme");
        Fs.Path.GetFullPath("sub/deep.txt").Should().Be("/books/sub/deep.txt");
    }

    [Test]
    public void WriteAllText_RelativePath_ShouldWriteUnderCurrentDirectory()
    {
        Fs.Directory.SetCurrentDirectory("/tree/x");

        Fs.File.WriteAllText("rel.txt", "r");

        Fs.File.ReadAllText("/tree/x/rel.txt").Should().Be("r");
    }

    [Test]
    public void WriteAllText_DotDotAboveRoot_ShouldWriteAtRoot()
    {
        Fs.File.WriteAllText("/../../escaped.txt", "e");

        Fs.File.ReadAllText("/escaped.txt").Should().Be("e");
        UpperKind("/escaped.txt").Should().Be(EntryKind.File);
    }

    [Test]
    public void DirectoryExists_DotDotAboveRoot_ShouldBeRoot()
    {
        Fs.Directory.Exists("/..").Should().BeTrue();
        Fs.Directory.GetDirectories("/..").Select(Fs.Path.GetFileName).Should().Contain("books");
    }

    [Test]
    public void SetCurrentDirectory_DotDotAboveRoot_ShouldBeRoot()
    {
        Fs.Directory.SetCurrentDirectory("/books");

        Fs.Directory.SetCurrentDirectory("../../..");

        Fs.Directory.GetCurrentDirectory().Should().Be("/");
    }

    [Test]
    public void GetParent_Root_ShouldBeNull()
    {
        Fs.Directory.GetParent("/").Should().BeNull();
        Fs.Directory.GetDirectoryRoot("/books/c").Should().Be("/");
    }

    [Test]
    public void DirectoryDelete_DotDotPathToLowerDirectory_ShouldDeleteIt()
    {
        Fs.Directory.Delete("/../tree/../tree", recursive: true);

        Fs.Directory.Exists("/tree").Should().BeFalse();
    }
}
