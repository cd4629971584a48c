using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Sandbox;

/// <summary>The lowers-only view: what a changed path held before the union changed it.</summary>
[TestFixtureSource(typeof(Placements), nameof(Placements.LowersOnly))]
public class OriginalTests(Placement placement, BranchKind kind) : UnionTestBase(placement, kind)
{
    [Test]
    public void ReadOriginalText_ModifiedFile_ShouldBeTheLowersContent()
    {
        Fs.File.WriteAllText("/books/c", "rewritten");

        Fs.ReadOriginalText("/books/c").Should().Be("c book");
        Fs.File.ReadAllText("/books/c").Should().Be("rewritten");
    }

    [Test]
    public void ReadOriginalText_DeletedFile_ShouldBeTheLowersContent()
    {
        Fs.Directory.Delete("/tree", recursive: true);

        Fs.ReadOriginalText("/tree/x/y/z.txt").Should().Be("z");
        Fs.GetOriginalKind("/tree/x").Should().Be(EntryKind.Directory);
    }

    [Test]
    public void ReadOriginalText_FileHiddenByAnOpaqueDirectory_ShouldBeTheLowersContent()
    {
        Fs.Directory.Delete("/docs", recursive: true);
        Fs.Directory.CreateDirectory("/docs");
        Fs.File.WriteAllText("/docs/a.txt", "replaced");

        Fs.ReadOriginalText("/docs/a.txt").Should().Be("a");
        Fs.ReadOriginalText("/docs/b.txt").Should().Be("b");
    }

    [Test]
    public void GetOriginalKind_AddedPath_ShouldBeNull()
    {
        Fs.File.WriteAllText("/added.txt", "new");

        Fs.GetOriginalKind("/added.txt").Should().BeNull();
        Fs.GetOriginalKind("/books/c/below-a-file").Should().BeNull();
    }

    [Test]
    public void GetOriginalKind_SymbolicLink_ShouldNotFollowIt()
    {
        Fs.GetOriginalKind("/links/to-c").Should().Be(EntryKind.SymbolicLink);
    }

    [Test]
    public void OpenOriginal_AddedFile_ShouldThrowFileNotFoundNamingThePath()
    {
        Fs.File.WriteAllText("/added.txt", "new");

        Expect.FileNotFound(() => Fs.OpenOriginal("/added.txt"), "/added.txt");
    }

    [Test]
    public void OpenOriginal_Directory_ShouldThrowFileNotFound()
    {
        Expect.FileNotFound(() => Fs.OpenOriginal("/books"), "/books");
    }

    [Test]
    public void OpenOriginal_RelativePath_ShouldResolveAgainstTheCurrentDirectory()
    {
        Fs.Directory.SetCurrentDirectory("/books");
        Fs.File.AppendAllText("java", "!");

        using var reader = new StreamReader(Fs.OpenOriginal("java"));
        reader.ReadToEnd().Should().Be("java book");
    }

    [Test]
    public void Review_ChangesAndDiffs_ShouldPrintLikeDockerDiffAndDiffU()
    {
        Fs.File.WriteAllText("/books/c", "c book\nsecond edition\n");
        Fs.File.Delete("/books/java");
        Fs.File.WriteAllText("/books/rust", "rust book\n");

        var output = new StringWriter();
        foreach (var change in Fs.GetChanges()) output.WriteLine(change);
        foreach (var change in Fs.GetChanges())
        {
            var before = Fs.GetOriginalKind(change.Path) == EntryKind.File ? Fs.ReadOriginalText(change.Path) : null;
            var after = Fs.File.Exists(change.Path) ? Fs.File.ReadAllText(change.Path) : null;
            if (before is null && after is null) continue;
            output.Write(TextDiff.Unified(
                before ?? string.Empty,
                after ?? string.Empty,
                before is null ? "/dev/null" : "a" + change.Path,
                after is null ? "/dev/null" : "b" + change.Path));
        }

        output.ToString().ReplaceLineEndings("\n").Should().Be(
            "C /books\n" +
            "C /books/c\n" +
            "D /books/java\n" +
            "A /books/rust\n" +
            "--- a/books/c\n+++ b/books/c\n@@ -1 +1,2 @@\n-c book\n\\ No newline at end of file\n+c book\n+second edition\n" +
            "--- a/books/java\n+++ /dev/null\n@@ -1 +0,0 @@\n-java book\n\\ No newline at end of file\n" +
            "--- /dev/null\n+++ b/books/rust\n@@ -0,0 +1 @@\n+rust book\n");
    }
}
