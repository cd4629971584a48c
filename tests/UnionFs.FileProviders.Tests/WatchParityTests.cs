using System.Diagnostics;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

namespace UnionFs.FileProviders.Tests;

/// <summary>
/// Watch tokens: for the same filter and the same change, a <see cref="UnionFileProvider"/> token fires (after the
/// change made through the union) exactly when a <see cref="PhysicalFileProvider"/> token fires after the change on
/// disk.
/// </summary>
public class WatchParityTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(700);

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

    /// <summary>One change, made the same way on disk and through the union (relative paths).</summary>
    public delegate void Change(System.IO.Abstractions.IFileSystem fs, Func<string, string> path);

    public static IEnumerable<TestCaseData> Cases()
    {
        static TestCaseData Case(string filter, string description, bool fires, Change change) =>
            new TestCaseData(filter, change, fires).SetArgDisplayNames(filter, description);

        Change writeAppJson = (fs, p) => fs.File.WriteAllText(p("config/app.json"), "{ }");
        Change writeSiteCss = (fs, p) => fs.File.WriteAllText(p("wwwroot/css/site.css"), "p {}");
        Change writeTopCss = (fs, p) => fs.File.AppendAllText(p("top.css"), " ");
        Change writeSettings = (fs, p) => fs.File.WriteAllText(p("appsettings.json"), "{ }");
        Change deleteIndex = (fs, p) => fs.File.Delete(p("wwwroot/index.html"));
        Change renameCss = (fs, p) => fs.Directory.Move(p("wwwroot/css"), p("wwwroot/styles"));
        Change writeHidden = (fs, p) => fs.File.WriteAllText(p("wwwroot/.hidden"), "changed");
        Change createPage = (fs, p) => fs.File.WriteAllText(p("wwwroot/new.html"), "new");
        Change touchLogo = (fs, p) => fs.File.SetLastWriteTimeUtc(p("wwwroot/img/logo.svg"), new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        Change moveAppJs = (fs, p) => fs.File.Move(p("wwwroot/js/app.js"), p("wwwroot/js/main.js"));

        yield return Case("**/*.json", "write config/app.json", true, writeAppJson);
        yield return Case("**/*.json", "write appsettings.json", true, writeSettings);
        yield return Case("**/*.json", "write a stylesheet", false, writeSiteCss);
        yield return Case("*.css", "write top.css", true, writeTopCss);
        yield return Case("*.css", "write a nested stylesheet", false, writeSiteCss);
        yield return Case("wwwroot/css/*.css", "write wwwroot/css/site.css", true, writeSiteCss);
        yield return Case("appsettings.json", "write it", true, writeSettings);
        yield return Case("/appsettings.json", "write it", true, writeSettings);
        // PhysicalFileProvider 10 keys an exact path as given: "./" never matches a change.
        yield return Case("./appsettings.json", "write it", false, writeSettings);
        yield return Case("APPSETTINGS.JSON", "write appsettings.json", true, writeSettings);
        yield return Case("appsettings.json", "write another file", false, writeAppJson);
        yield return Case("wwwroot/index.html", "delete it (a whiteout in the union)", true, deleteIndex);
        yield return Case("wwwroot/css/site.css", "rename its directory", true, renameCss);
        yield return Case("wwwroot/styles/site.css", "rename a directory to its directory", true, renameCss);
        yield return Case("wwwroot/**/*", "write a hidden file", false, writeHidden);
        yield return Case("**/*", "create a page", true, createPage);
        yield return Case("wwwroot/", "create a page in it", true, createPage);
        yield return Case("wwwroot/img/logo.svg", "change its time", true, touchLogo);
        yield return Case("wwwroot/js/main.js", "rename app.js to it", true, moveAppJs);
        yield return Case("wwwroot/js/app.js", "rename it away", true, moveAppJs);
        yield return Case("../appsettings.json", "write appsettings.json", false, writeSettings);
        yield return Case("wwwroot/../../x", "write appsettings.json", false, writeSettings);
    }

    [TestCaseSource(nameof(Cases))]
    public void Watch_ShouldFireWhenPhysicalFileProviderFires(string filter, Change change, bool fires)
    {
        var physicalToken = _physical.Watch(filter);
        var unionToken = _union.Watch(filter);
        unionToken.GetType().Should().Be(physicalToken.GetType());
        unionToken.ActiveChangeCallbacks.Should().Be(physicalToken.ActiveChangeCallbacks);

        change(new System.IO.Abstractions.FileSystem(), _tree.OnDisk);
        change(_tree.Union, SiteTree.InUnion);

        var physicalFired = WaitFor(physicalToken, fires);
        var unionFired = WaitFor(unionToken, fires);
        physicalFired.Should().Be(fires, "PhysicalFileProvider is the reference and this case says what it does");
        unionFired.Should().Be(physicalFired);
    }

    [Test]
    public void Watch_SameFilterTwice_ShouldGiveTheSameToken_UntilItFires()
    {
        var first = _union.Watch("**/*.css");

        _union.Watch("**/*.css").Should().BeSameAs(first);
        _tree.Union.File.WriteAllText(SiteTree.InUnion("top.css"), "x");
        WaitFor(first, expected: true).Should().BeTrue();

        var next = _union.Watch("**/*.css");
        next.Should().NotBeSameAs(first);
        next.HasChanged.Should().BeFalse();
    }

    [Test]
    public void Watch_Callback_ShouldRunOffTheChangingThread()
    {
        using var called = new ManualResetEventSlim();
        var threads = new List<int>();
        using var registration = _union.Watch("wwwroot/js/*.js").RegisterChangeCallback(_ =>
        {
            lock (threads) threads.Add(Environment.CurrentManagedThreadId);
            called.Set();
        }, null);

        _tree.Union.File.AppendAllText(SiteTree.InUnion("wwwroot/js/app.js"), "// more");

        called.Wait(Patience).Should().BeTrue();
        lock (threads) threads.Should().NotContain(Environment.CurrentManagedThreadId);
    }

    [Test]
    public void Watch_ChangeToken_OnChange_ShouldFireForEveryChange()
    {
        var count = 0;
        using var subscription = ChangeToken.OnChange(() => _union.Watch("config/*.json"), () => Interlocked.Increment(ref count));

        _tree.Union.File.WriteAllText(SiteTree.InUnion("config/app.json"), "1");
        SpinUntil(() => Volatile.Read(ref count) >= 1);
        _tree.Union.File.WriteAllText(SiteTree.InUnion("config/db.json"), "2");
        SpinUntil(() => Volatile.Read(ref count) >= 2);

        Volatile.Read(ref count).Should().BeGreaterThanOrEqualTo(2);
    }

    [Test]
    public void Watch_ChangeOutsideTheRoot_ShouldNotFire()
    {
        var token = _union.Watch("**/*");

        _tree.Union.File.WriteAllText("/elsewhere.txt", "x");
        _tree.Union.Directory.CreateDirectory("/sitemap");

        WaitFor(token, expected: false).Should().BeFalse();
    }

    [Test]
    public void Watch_RootRemovedAndMadeAgain_ShouldStillFire_OverAUnion()
    {
        _tree.Union.Directory.Delete("/site", recursive: true);
        _tree.Union.Directory.CreateDirectory("/site");
        var token = _union.Watch("appsettings.json");

        _tree.Union.File.WriteAllText(SiteTree.InUnion("appsettings.json"), "{}");

        WaitFor(token, expected: true).Should().BeTrue();
    }

    [Test]
    public void Watch_AfterDispose_ShouldNotFire()
    {
        var token = _union.Watch("**/*");
        _union.Dispose();

        _tree.Union.File.WriteAllText(SiteTree.InUnion("new.txt"), "x");

        WaitFor(token, expected: false).Should().BeFalse();
    }

    [TestCase(null)]
    [TestCase("a\0b")]
    public void Watch_InvalidFilter_ShouldGiveTheNullToken(string? filter)
    {
        _physical.Watch(filter!).Should().BeSameAs(NullChangeToken.Singleton);
        _union.Watch(filter!).Should().BeSameAs(NullChangeToken.Singleton);
    }

    private static bool WaitFor(IChangeToken token, bool expected)
    {
        var clock = Stopwatch.StartNew();
        var limit = expected ? Patience : Quiet;
        while (!token.HasChanged && clock.Elapsed < limit) Thread.Sleep(10);
        return token.HasChanged;
    }

    private static void SpinUntil(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition() && clock.Elapsed < Patience) Thread.Sleep(10);
    }
}
