using UnionFs.Images.Tests.Infrastructure;

namespace UnionFs.Images.Tests.Inspection;

public class ImageFindTests
{
    private static List<string> Merged(LayerSet layers, string pattern) =>
        [.. new ImageFind(layers).Merged(PathPattern.Parse(pattern)).Select(f => f.Path)];

    [Test]
    public void Merged_NamePattern_ShouldMatchNamesAtAnyDepthButNotHiddenOnes()
    {
        using var layers = new LayerTars(SampleLayers.All());

        Merged(layers.Set, "*.conf").Should().Equal("/etc/conf.d/b.conf");
        Merged(layers.Set, "[hm]o*").Should().Equal("/etc/hosts", "/etc/motd", "/home");
        Merged(layers.Set, "old.log").Should().BeEmpty("a later layer deleted /var/log");
    }

    [Test]
    public void Merged_PathPattern_ShouldMatchWholePathsWithStarStoppingAtSlash()
    {
        using var layers = new LayerTars(SampleLayers.All());

        Merged(layers.Set, "/etc/*").Should().Equal("/etc/conf.d", "/etc/hosts", "/etc/motd", "/etc/passwd");
        Merged(layers.Set, "etc/*.conf").Should().BeEmpty("'*' does not cross '/'");
        Merged(layers.Set, "/etc/**.conf").Should().Equal("/etc/conf.d/b.conf");
        Merged(layers.Set, "/opt/**").Should().Equal("/opt/app", "/opt/app/new.txt");
    }

    [Test]
    public void Merged_Entry_ShouldNameTheTopmostLayerThatHasItAndNotFollowLinks()
    {
        using var layers = new LayerTars(SampleLayers.All());

        var found = new ImageFind(layers.Set).Merged(PathPattern.Parse("/*")).ToDictionary(f => f.Path);

        found["/etc"].LayerIndex.Should().Be(2);
        found["/lib"].Kind.Should().Be(EntryKind.SymbolicLink);
        found["/lib"].LinkTarget.Should().Be("usr/lib");
        new ImageFind(layers.Set).Merged(PathPattern.Parse("libx.so")).Single().Path.Should().Be("/usr/lib/libx.so", "/lib is a link, not walked");
        new ImageFind(layers.Set).Merged(PathPattern.Parse("hosts")).Single().LayerIndex.Should().Be(2);
    }

    [Test]
    public void InLayers_NamePattern_ShouldListEveryLayersOwnEntriesWhiteoutsIncluded()
    {
        using var layers = new LayerTars(SampleLayers.All());

        var found = new ImageFind(layers.Set).InLayers(PathPattern.Parse("*.conf")).Select(f => (f.LayerIndex, f.Path, f.Kind)).ToList();

        found.Should().Equal(
            (0, "/etc/conf.d/a.conf", EntryKind.File),
            (0, "/etc/conf.d/b.conf", EntryKind.File),
            (1, "/etc/conf.d/a.conf", EntryKind.Whiteout),
            (2, "/etc/conf.d/b.conf", EntryKind.File));
    }

    [Test]
    public void InLayers_OpaqueDirectory_ShouldBeMarked()
    {
        using var layers = new LayerTars(SampleLayers.All());

        var app = new ImageFind(layers.Set).InLayers(PathPattern.Parse("/opt/app")).ToList();

        app.Select(f => (f.LayerIndex, f.IsOpaque)).Should().Equal((0, false), (1, true));
    }

    [TestCase("[abc")]
    [TestCase("a\\")]
    [TestCase("")]
    public void Parse_MalformedPattern_ShouldThrowArgumentException(string pattern)
    {
        var parse = () => PathPattern.Parse(pattern);

        parse.Should().Throw<ArgumentException>();
    }

    [TestCase("*.txt", "/a/b/c.txt", true)]
    [TestCase("*.txt", "/a/b/c.txt/d", false)]
    [TestCase("c.?xt", "/c.txt", true)]
    [TestCase("[!a]*", "/a/bcd", true)]
    [TestCase("[!a]*", "/b/acd", false)]
    [TestCase("[a-c]", "/x/b", true)]
    [TestCase("\\*", "/x/*", true)]
    [TestCase("\\*", "/x/a", false)]
    [TestCase("/a/*", "/a/b/c", false)]
    [TestCase("/a/**", "/a/b/c", true)]
    [TestCase("a/b/", "/a/b", true)]
    [TestCase("Hosts", "/etc/hosts", false)]
    [TestCase("a.b", "/aXb", false)]
    public void IsMatch_Glob_ShouldFollowTheDocumentedRules(string pattern, string path, bool matches) =>
        PathPattern.Parse(pattern).IsMatch(path).Should().Be(matches);
}
