using Microsoft.Extensions.FileProviders;

namespace UnionFs.FileProviders.Tests;

/// <summary>
/// GetFileInfo and GetDirectoryContents of a <see cref="UnionFileProvider"/> over the layered site must answer what
/// <see cref="PhysicalFileProvider"/> answers over the same merged tree on disk.
/// </summary>
public class ProviderParityTests
{
    private SiteTree _tree = null!;
    private PhysicalFileProvider _physical = null!;
    private UnionFileProvider _union = null!;

    [SetUp]
    public void CreateProviders()
    {
        _tree = new SiteTree();
        _physical = new PhysicalFileProvider(_tree.Disk);
        _union = new UnionFileProvider(_tree.Union, "/site");
    }

    [TearDown]
    public void DisposeProviders()
    {
        _union.Dispose();
        _physical.Dispose();
        _tree.Dispose();
    }

    public static IEnumerable<string?> FilePaths() =>
    [
        "appsettings.json",
        "/appsettings.json",
        "//appsettings.json",
        "\\appsettings.json",
        "./appsettings.json",
        "config/app.json",
        "config//app.json",
        "config/./db.json",
        "wwwroot/index.html",
        "wwwroot/css/site.css",
        "wwwroot/js/app.js",
        "wwwroot/img/logo.svg",
        "wwwroot/about.html",
        "wwwroot/.hidden",
        "wwwroot/.well-known/security.txt",
        "wwwroot/.well-known",
        "wwwroot",
        "wwwroot/css",
        "wwwroot/css/",
        "appsettings.json/",
        "missing.txt",
        "missing/deeper.txt",
        "wwwroot/index.html/inside",
        "../appsettings.json",
        "wwwroot/../../appsettings.json",
        "wwwroot/../appsettings.json",
        "a\0b",
        "",
        null,
    ];

    public static IEnumerable<string?> DirectoryPaths() =>
    [
        "",
        "/",
        "wwwroot",
        "/wwwroot/",
        "wwwroot/css",
        "wwwroot/empty",
        "wwwroot/.well-known",
        "wwwroot/img/",
        "config",
        "wwwroot/css/../js",
        "wwwroot/index.html",
        "missing",
        "..",
        "../site",
        "wwwroot/../..",
        "a\0b",
        null,
    ];

    [TestCaseSource(nameof(FilePaths))]
    public void GetFileInfo_ShouldAnswerAsPhysicalFileProvider(string? subpath)
    {
        var expected = _physical.GetFileInfo(subpath!);
        var actual = _union.GetFileInfo(subpath!);

        Describe(actual).Should().Be(Describe(expected));
        actual.GetType().Name.Should().Be(expected is NotFoundFileInfo ? nameof(NotFoundFileInfo) : actual.GetType().Name);
        if (expected.Exists)
        {
            // A file named with a trailing separator too: both opens fail (ENOTDIR).
            Read(actual).Should().Be(Read(expected));
            actual.PhysicalPath.Should().BeNull("a union file has no physical path");
            actual.LastModified.Should().BeAfter(DateTimeOffset.UnixEpoch);
            expected.PhysicalPath.Should().NotBeNull();
        }
    }

    [TestCaseSource(nameof(DirectoryPaths))]
    public void GetDirectoryContents_ShouldListWhatPhysicalFileProviderLists(string? subpath)
    {
        var expected = _physical.GetDirectoryContents(subpath!);
        var actual = _union.GetDirectoryContents(subpath!);

        actual.Exists.Should().Be(expected.Exists);
        Listing(actual).Should().Equal(Listing(expected));
        if (!expected.Exists) actual.Should().BeSameAs(NotFoundDirectoryContents.Singleton);
    }

    [Test]
    public void GetDirectoryContents_EntriesShouldReadAsPhysicalOnes()
    {
        var expected = _physical.GetDirectoryContents("wwwroot/css").OrderBy(e => e.Name, StringComparer.Ordinal).ToList();
        var actual = _union.GetDirectoryContents("wwwroot/css").OrderBy(e => e.Name, StringComparer.Ordinal).ToList();

        actual.Select(Read).Should().Equal(expected.Select(Read));
        actual.Should().OnlyContain(e => e.PhysicalPath == null);
    }

    [Test]
    public void DirectoryEntry_CreateReadStream_ShouldThrowAsPhysical()
    {
        var expected = _physical.GetDirectoryContents("wwwroot").Single(e => e.Name == "css");
        var actual = _union.GetDirectoryContents("wwwroot").Single(e => e.Name == "css");

        var physicalError = ((Action)(() => expected.CreateReadStream())).Should().Throw<InvalidOperationException>().Which;
        ((Action)(() => actual.CreateReadStream())).Should().Throw<InvalidOperationException>().WithMessage(physicalError.Message);
        actual.Length.Should().Be(expected.Length).And.Be(-1);
    }

    [Test]
    public void MissingFile_Length_ShouldThrowAsPhysical()
    {
        var expected = _physical.GetFileInfo("missing.txt");
        var actual = _union.GetFileInfo("missing.txt");

        ((Action)(() => _ = expected.Length)).Should().Throw<FileNotFoundException>();
        ((Action)(() => _ = actual.Length)).Should().Throw<FileNotFoundException>();
    }

    [Test]
    public void LayeredTree_ShouldServeTheTopmostLayer_AndNotWhatALayerHides()
    {
        Read(_union.GetFileInfo("wwwroot/css/site.css")).Should().Be("body { background: black }");
        Read(_union.GetFileInfo("wwwroot/js/app.js")).Should().Be("console.log('edited today');");
        _union.GetFileInfo("wwwroot/about.html").Exists.Should().BeFalse();
        _union.GetDirectoryContents("wwwroot").Select(e => e.Name).Should().NotContain("about.html");
    }

    [Test]
    public void ChangeThroughTheUnion_ShouldShowAtOnce()
    {
        _tree.Union.File.WriteAllText(SiteTree.InUnion("wwwroot/new.html"), "new page");

        var info = _union.GetFileInfo("wwwroot/new.html");

        info.Exists.Should().BeTrue();
        info.Length.Should().Be("new page".Length);
        _union.GetDirectoryContents("wwwroot").Select(e => e.Name).Should().Contain("new.html");
    }

    [Test]
    public void ExclusionFiltersNone_ShouldServeDotFiles()
    {
        using var physical = new PhysicalFileProvider(_tree.Disk, Microsoft.Extensions.FileProviders.Physical.ExclusionFilters.None);
        using var union = new UnionFileProvider(_tree.Union, "/site", Microsoft.Extensions.FileProviders.Physical.ExclusionFilters.None);

        Describe(union.GetFileInfo("wwwroot/.hidden")).Should().Be(Describe(physical.GetFileInfo("wwwroot/.hidden")));
        Listing(union.GetDirectoryContents("wwwroot")).Should().Equal(Listing(physical.GetDirectoryContents("wwwroot")));
        union.GetFileInfo("wwwroot/.hidden").Exists.Should().BeTrue();
    }

    [Test]
    public void OverTheRealFileSystem_ShouldMatchPhysicalFileProvider_PhysicalPathIncluded()
    {
        using var overDisk = new UnionFileProvider(new System.IO.Abstractions.FileSystem(), _tree.Disk);

        overDisk.Root.Should().Be(_physical.Root);
        foreach (var path in new[] { "appsettings.json", "wwwroot/css/site.css", "wwwroot/css" })
        {
            var expected = _physical.GetFileInfo(path);
            var actual = overDisk.GetFileInfo(path);
            Describe(actual).Should().Be(Describe(expected));
            actual.PhysicalPath.Should().Be(expected.PhysicalPath);
        }
        Listing(overDisk.GetDirectoryContents("wwwroot")).Should().Equal(Listing(_physical.GetDirectoryContents("wwwroot")));
    }

    [Test]
    public void Root_ShouldEndWithASeparator()
    {
        _union.Root.Should().Be("/site/");
        new UnionFileProvider(_tree.Union).Root.Should().Be("/");
    }

    [Test]
    public void Root_Relative_ShouldThrowAsPhysical()
    {
        ((Action)(() => _ = new PhysicalFileProvider("relative"))).Should().Throw<ArgumentException>();
        ((Action)(() => _ = new UnionFileProvider(_tree.Union, "relative"))).Should().Throw<ArgumentException>().Which.ParamName.Should().Be("root");
    }

    private static string Describe(Microsoft.Extensions.FileProviders.IFileInfo info) =>
        $"{info.Name}|exists={info.Exists}|dir={info.IsDirectory}|length={(info.Exists ? info.Length : -2)}";

    private static List<string> Listing(IDirectoryContents contents) =>
        contents.Select(Describe).OrderBy(line => line, StringComparer.Ordinal).ToList();

    /// <summary>The content, or the type of the exception reading it throws.</summary>
    private static string? Read(Microsoft.Extensions.FileProviders.IFileInfo info)
    {
        if (!info.Exists || info.IsDirectory) return null;
        try
        {
            using var reader = new StreamReader(info.CreateReadStream());
            return reader.ReadToEnd();
        }
        catch (IOException exception)
        {
            return "throws " + exception.GetType().Name;
        }
    }
}
