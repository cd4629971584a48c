using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Listing;

/// <summary>Rule 4: search patterns and <see cref="EnumerationOptions"/> behave as on the real Linux filesystem.</summary>
[TestFixtureSource(typeof(Placements), nameof(Placements.All))]
public class SearchPatternTests(Placement placement, BranchKind kind) : UnionTestBase(placement, kind)
{
    [Test]
    public void GetFiles_StarDotTxt_ShouldMatchCaseSensitively()
    {
        Fs.Directory.GetFiles("/docs", "*.txt").Should().BeEquivalentTo("/docs/a.txt", "/docs/ab.txt", "/docs/b.txt");
    }

    [Test]
    public void GetFiles_QuestionMark_ShouldMatchExactlyOneCharacter()
    {
        Fs.Directory.GetFiles("/docs", "?.txt").Should().BeEquivalentTo("/docs/a.txt", "/docs/b.txt");
    }

    [Test]
    public void GetFiles_Star_ShouldIncludeDotFiles()
    {
        Fs.Directory.GetFiles("/docs", "*").Select(Fs.Path.GetFileName).Should().BeEquivalentTo(
            ".hidden", "Upper.TXT", "a.txt", "ab.txt", "b.txt", "c.md");
    }

    [Test]
    public void GetFiles_AllDirectories_ShouldRecurseThroughMergedDirectories()
    {
        Fs.Directory.GetFiles("/docs", "*.txt", SearchOption.AllDirectories).Should().BeEquivalentTo(
            "/docs/a.txt", "/docs/ab.txt", "/docs/b.txt", "/docs/nested/n.txt", "/docs/nested/deeper/d.txt");
    }

    [Test]
    public void GetDirectories_AllDirectories_ShouldListNestedDirectories()
    {
        Fs.Directory.GetDirectories("/", "*", SearchOption.AllDirectories).Should().BeEquivalentTo(
            "/books", "/books/sub", "/computers", "/docs", "/docs/nested", "/docs/nested/deeper",
            "/empty", "/links", "/tree", "/tree/x", "/tree/x/y");
    }

    [Test]
    public void GetFiles_EnumerationOptionsRecurse_ShouldRecurse()
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true };

        Fs.Directory.GetFiles("/tree", "*.txt", options).Should().BeEquivalentTo(
            "/tree/top.txt", "/tree/x/w.txt", "/tree/x/y/z.txt");
    }

    [Test]
    public void GetFiles_MatchCasingInsensitive_ShouldMatchUpperCaseExtension()
    {
        var options = new EnumerationOptions { MatchCasing = MatchCasing.CaseInsensitive };

        Fs.Directory.GetFiles("/docs", "*.txt", options).Should().BeEquivalentTo(
            "/docs/a.txt", "/docs/ab.txt", "/docs/b.txt", "/docs/Upper.TXT");
    }

    [Test]
    public void GetFiles_MatchCasingSensitive_ShouldNotMatchOtherCase()
    {
        var options = new EnumerationOptions { MatchCasing = MatchCasing.CaseSensitive };

        Fs.Directory.GetFiles("/docs", "upper.txt", options).Should().BeEmpty();
        Fs.Directory.GetFiles("/docs", "Upper.TXT", options).Should().Equal("/docs/Upper.TXT");
    }

    [Test]
    public void GetFiles_DefaultEnumerationOptions_ShouldSkipHiddenDotFiles()
    {
        Fs.Directory.GetFiles("/docs", "*", new EnumerationOptions()).Select(Fs.Path.GetFileName)
            .Should().NotContain(".hidden").And.Contain("a.txt");
    }

    [Test]
    public void GetFiles_AttributesToSkipReadOnly_ShouldSkipReadOnlyFile()
    {
        Fs.File.SetAttributes("/docs/b.txt", FileAttributes.ReadOnly);
        var options = new EnumerationOptions { AttributesToSkip = FileAttributes.ReadOnly };

        Fs.Directory.GetFiles("/docs", "*.txt", options).Should().BeEquivalentTo("/docs/a.txt", "/docs/ab.txt");
    }

    [Test]
    public void GetFiles_AttributesToSkipNone_ShouldIncludeHiddenFiles()
    {
        var options = new EnumerationOptions { AttributesToSkip = 0 };

        Fs.Directory.GetFiles("/docs", ".*", options).Should().Equal("/docs/.hidden");
    }

    [Test]
    public void EnumerateFiles_PatternWithoutWildcard_ShouldFindSingleFile()
    {
        Fs.Directory.EnumerateFiles("/books", "java").Should().Equal("/books/java");
    }

    [Test]
    public void EnumerateDirectories_Pattern_ShouldFilterNames()
    {
        Fs.Directory.EnumerateDirectories("/", "*o*").Should().BeEquivalentTo("/books", "/computers", "/docs");
    }

    [Test]
    public void GetFiles_StarDotStarWin32_ShouldMatchNamesWithoutDot()
    {
        Fs.Directory.GetFiles("/books", "*.*").Should().BeEquivalentTo("/books/c", "/books/golang", "/books/java");
    }

    [Test]
    public void GetFiles_StarDotStarSimple_ShouldMatchOnlyNamesWithDot()
    {
        var options = new EnumerationOptions { MatchType = MatchType.Simple };

        Fs.Directory.GetFiles("/books", "*.*", options).Should().BeEmpty();
        Fs.Directory.GetFiles("/docs", "*.*", options).Should().Contain("/docs/c.md");
    }

    [Test]
    public void DirectoryInfo_EnumerateFiles_AllDirectories_ShouldReturnFileInfosWithFullNames()
    {
        var names = Fs.DirectoryInfo.New("/books").EnumerateFiles("*", SearchOption.AllDirectories).Select(f => f.FullName);

        names.Should().BeEquivalentTo("/books/c", "/books/golang", "/books/java", "/books/sub/deep.txt");
    }
}
