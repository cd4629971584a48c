using FluentAssertions;
using NUnit.Framework;

namespace UnionFs.Samples.Fixtures;

/// <summary>
/// A layered fixture: the base layer is built once from text and shared by every test (it is a lower, so no
/// test can change it); every change a test makes lands in the upper, where <c>GetChanges()</c> shows it;
/// TearDown drops those changes with <c>Discard()</c> instead of rebuilding anything.
/// </summary>
public class ThemeSettingsTests
{
    private static readonly MemoryBranch BaseLayer = MemoryBranch.FromTree("""
        config/
          theme.txt: light
        themes/
          light.css: body { color: black; }
          dark.css: body { color: white; }
          contrast.css: body { color: yellow; }
        README.md: # Shop
        """);

    private UnionFileSystem _fs = null!;

    [OneTimeSetUp]
    public void CreateUnion() => _fs = new UnionFileSystem(new MemoryBranch(), BaseLayer);

    [TearDown]
    public void ResetUpper() => _fs.Discard();

    [Test]
    public void Switch_ToAnExistingTheme_ShouldChangeOnlyTheConfig()
    {
        new ThemeSettings(_fs).Switch("dark");

        _fs.GetChanges().Select(c => c.ToString()).Should().Equal("C /config", "C /config/theme.txt");
        _fs.File.ReadAllText("/config/theme.txt").Should().Be("dark");
    }

    [Test]
    public void Switch_ToAMissingTheme_ShouldThrowAndChangeNothing()
    {
        var settings = new ThemeSettings(_fs);

        var act = () => settings.Switch("neon");

        act.Should().Throw<ArgumentException>();
        _fs.GetChanges().Should().BeEmpty();
    }

    [Test]
    public void Prune_ShouldDeleteEveryOtherThemeFromTheMergedViewOnly()
    {
        new ThemeSettings(_fs).Prune();

        _fs.ToTree("/themes").Should().Be("""
            /themes
            └── light.css

            """.ReplaceLineEndings("\n"));
        _fs.GetChanges().Select(c => c.ToString()).Should().Equal("C /themes", "D /themes/contrast.css", "D /themes/dark.css");
        BaseLayer.Stat("/themes/dark.css").Should().NotBeNull("the shared base layer is never written");
    }

    [Test]
    public void EveryTest_ShouldStartFromTheBaseLayer()
    {
        // Whatever ran before, Discard() in TearDown left the union showing the base layer alone.
        _fs.GetChanges().Should().BeEmpty();
        new ThemeSettings(_fs).Current.Should().Be("light");
        _fs.Directory.GetFiles("/themes").Should().HaveCount(3);
    }
}
