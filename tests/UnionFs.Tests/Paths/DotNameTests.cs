using CsCheck;

namespace UnionFs.Tests.Paths;

/// <summary>
/// Names that start with dots (<c>.git</c>, <c>...</c>, <c>..x</c>) are names, not <c>.</c> or <c>..</c>: a path
/// holding them is already normal and reaches them, while a real <c>.</c> or <c>..</c> segment is folded. System.IO's
/// own <see cref="Path.GetFullPath(string)"/> is the oracle for every spelling.
/// </summary>
public class DotNameTests
{
    private static readonly string[] Names = [".git", "...", "..x", ".x.", "a.", ".", ".."];

    [TestCase("/d/.git")]
    [TestCase("/d/...")]
    [TestCase("/d/..x/")]
    [TestCase("/d/.x./f")]
    [TestCase("/d/./.git")]
    [TestCase("/d/../d/...")]
    [TestCase("/d/.../..")]
    [TestCase("/d/..x/..")]
    [TestCase("/d//.git")]
    [TestCase("/.")]
    [TestCase("/./")]
    [TestCase("/..x")]
    [TestCase("/d/a./.")]
    public void GetFullPath_OfDotNames_ShouldAgreeWithSystemIO(string path)
    {
        var fs = new UnionFileSystem(new MemoryBranch());

        fs.Path.GetFullPath(path).Should().Be(Path.GetFullPath(path));
    }

    [Test]
    public void GetFullPath_OfAnyAbsoluteSpelling_ShouldAgreeWithSystemIO()
    {
        // Segments that are names, dots, or empty (a doubled separator), with or without a trailing separator; long ones
        // put separators and dots at every place of the eight-character blocks the fast check reads.
        var segment = Gen.OneOf<string>("a", "bc", ".", "..", "...", ".a", "a.", "..a", "a-b", " .", "!", string.Empty, "abcdefg", "0123456789.txt", ".hidden-name");
        var paths = Gen.Select(segment.Array[1, 8], Gen.Bool, (parts, trailing) => "/" + string.Join('/', parts) + (trailing ? "/" : string.Empty));
        var fs = new UnionFileSystem(new MemoryBranch());

        paths.Sample(path => fs.Path.GetFullPath(path) == Path.GetFullPath(path), iter: 20_000);
    }

    [TestCase("/directory/long-name\0.txt")]
    [TestCase("/directory/long-name.txt/\0")]
    [TestCase("/d/\0")]
    [TestCase("/d\0/f")]
    [TestCase("\0")]
    public void Exists_OfAPathWithANul_ShouldBeFalse_AsSystemIO(string path)
    {
        var fs = new UnionFileSystem(new MemoryBranch());
        fs.Directory.CreateDirectory("/d");

        fs.File.Exists(path).Should().Be(File.Exists(path)).And.BeFalse();
        fs.Directory.Exists(path).Should().Be(Directory.Exists(path)).And.BeFalse();
    }

    [Test]
    public void FilesNamedWithDots_ShouldBeWrittenListedAndRead_ByThoseNames()
    {
        var fs = new UnionFileSystem(new MemoryBranch());
        fs.Directory.CreateDirectory("/d");
        foreach (var name in Names.Where(n => n is not "." and not ".."))
            fs.File.WriteAllText("/d/" + name, name);

        fs.Directory.EnumerateFiles("/d").Select(p => p[3..]).Should().BeEquivalentTo(".git", "...", "..x", ".x.", "a.");
        fs.File.ReadAllText("/d/...").Should().Be("...");
        fs.File.ReadAllText("/d/..x").Should().Be("..x");
        fs.File.ReadAllText("/d/.git/../.x.").Should().Be(".x.");
        fs.File.Exists("/d/./a.").Should().BeTrue();
    }
}
