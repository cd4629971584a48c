using UnionFs.Zio.Tests.Infrastructure;
using Zio;

namespace UnionFs.Zio.Tests;

/// <summary>
/// Where <c>union.AsZio()</c> answers differently from Zio's <c>MemoryFileSystem</c>, on purpose or by necessity (the
/// package README lists them): pinned here so a change is noticed.
/// </summary>
public class ZioKnownDifferencesTests
{
    [Test]
    public void SetAttributesHidden_ShouldNotBeStored()
    {
        using var stacked = new StackedUnion(Configuration.MemoryLower);

        stacked.Zio.SetAttributes("/books/java", FileAttributes.Hidden | FileAttributes.ReadOnly);

        stacked.Zio.GetAttributes("/books/java").Should().Be(FileAttributes.ReadOnly, "the union keeps what Linux keeps");
    }

    [Test]
    public void DotNames_ShouldNotBeHidden()
    {
        using var stacked = new StackedUnion(Configuration.MemoryLower);

        stacked.Zio.WriteAllText("/.config", "x");

        stacked.Zio.GetAttributes("/.config").Should().Be(FileAttributes.Normal, "Zio does not derive Hidden from a name");
    }

    [Test]
    public void SymbolicLinks_ShouldWork()
    {
        using var stacked = new StackedUnion(Configuration.ZioMemoryLower);

        stacked.Zio.CreateSymbolicLink("/latest", "/books/c");

        stacked.Zio.TryResolveLinkTarget("/latest", out var target).Should().BeTrue();
        target.Should().Be(new UPath("/books/c"));
        stacked.Zio.ReadAllText("/latest").Should().Be("The C Programming Language, 2nd edition");
        stacked.AssertLowerUnchanged();
    }

    [TestCase("/", "/x")]
    [TestCase("/books", "/books")]
    [TestCase("/books/java", "/books/java")]
    public void MoveFileOntoItselfOrFromRoot_ShouldThrowIOException(string source, string destination)
    {
        using var stacked = new StackedUnion(Configuration.MemoryLower);

        var move = () => stacked.Zio.MoveFile(source, destination);

        move.Should().Throw<IOException>();
    }

    [Test]
    public void FileOpenElsewhere_ShouldStillBeDeletable()
    {
        using var stacked = new StackedUnion(Configuration.MemoryLower);
        using var open = stacked.Zio.OpenFile("/books/java", FileMode.Open, FileAccess.Read, FileShare.Read);

        stacked.Zio.DeleteFile("/books/java");

        stacked.Zio.FileExists("/books/java").Should().BeFalse("as on Linux; Zio's memory file system refuses while it is open");
        new StreamReader(open).ReadToEnd().Should().Be("Java");
    }
}
