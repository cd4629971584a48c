using System.IO.Abstractions;

namespace UnionFs.FileProviders.Tests;

/// <summary>
/// A small web site in three layers (defaults, a theme over them, and the union's upper with today's edits), and
/// the same merged tree written as a plain directory on disk, for PhysicalFileProvider to serve as the reference.
/// </summary>
public sealed class SiteTree : IDisposable
{
    /// <summary>What the merged view shows: path relative to the root, then content (a trailing slash: a directory).</summary>
    public static readonly IReadOnlyList<(string Path, string? Content)> Merged =
    [
        ("appsettings.json", "{ \"theme\": \"dark\" }"),
        ("config/", null),
        ("config/app.json", "{ \"name\": \"site\" }"),
        ("config/db.json", "{ \"db\": \"local\" }"),
        ("wwwroot/", null),
        ("wwwroot/index.html", "<h1>theme index</h1>"),
        ("wwwroot/.hidden", "secret"),
        ("wwwroot/.well-known/", null),
        ("wwwroot/.well-known/security.txt", "contact"),
        ("wwwroot/css/", null),
        ("wwwroot/css/site.css", "body { background: black }"),
        ("wwwroot/css/print.css", "@media print {}"),
        ("wwwroot/img/", null),
        ("wwwroot/img/logo.svg", "<svg/>"),
        ("wwwroot/js/", null),
        ("wwwroot/js/app.js", "console.log('edited today');"),
        ("wwwroot/empty/", null),
        ("top.css", "* { margin: 0 }"),
    ];

    public SiteTree()
    {
        Disk = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "unionfs-provider-" + Guid.NewGuid().ToString("N"));
        foreach (var (path, content) in Merged)
        {
            var full = System.IO.Path.Combine(Disk, path);
            if (content is null) System.IO.Directory.CreateDirectory(full);
            else
            {
                System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
                System.IO.File.WriteAllText(full, content);
            }
        }
        Union = BuildUnion();
    }

    /// <summary>The root directory of the tree on disk.</summary>
    public string Disk { get; }

    /// <summary>The union whose merged view is <see cref="Merged"/>, under <c>/site</c>.</summary>
    public UnionFileSystem Union { get; }

    /// <summary>The union path of a relative path.</summary>
    public static string InUnion(string relative) => "/site/" + relative;

    /// <summary>The disk path of a relative path.</summary>
    public string OnDisk(string relative) => System.IO.Path.Combine(Disk, relative);

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Disk, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static UnionFileSystem BuildUnion()
    {
        var defaults = new MemoryBranch();
        Write(new UnionFileSystem(defaults),
            ("appsettings.json", "{ \"theme\": \"light\" }"),
            ("config/app.json", "{ \"name\": \"site\" }"),
            ("config/db.json", "{ \"db\": \"local\" }"),
            ("wwwroot/index.html", "<h1>default index</h1>"),
            ("wwwroot/about.html", "<p>about</p>"),
            ("wwwroot/.hidden", "secret"),
            ("wwwroot/.well-known/security.txt", "contact"),
            ("wwwroot/css/site.css", "body { background: white }"),
            ("wwwroot/css/print.css", "@media print {}"),
            ("wwwroot/js/app.js", "console.log('default');"),
            ("wwwroot/empty/", null),
            ("top.css", "* { margin: 0 }"));

        // The theme overrides some files and hides one (a whiteout in its layer).
        var theme = new MemoryBranch();
        var themed = new UnionFileSystem(theme, defaults);
        Write(themed,
            ("appsettings.json", "{ \"theme\": \"dark\" }"),
            ("wwwroot/index.html", "<h1>theme index</h1>"),
            ("wwwroot/css/site.css", "body { background: black }"),
            ("wwwroot/img/logo.svg", "<svg/>"));
        themed.File.Delete("/site/wwwroot/about.html");

        var union = new UnionFileSystem(new MemoryBranch(), theme, defaults);
        union.File.WriteAllText("/site/wwwroot/js/app.js", "console.log('edited today');");
        return union;
    }

    private static void Write(IFileSystem fs, params (string Path, string? Content)[] entries)
    {
        foreach (var (path, content) in entries)
        {
            var full = InUnion(path);
            if (content is null)
            {
                fs.Directory.CreateDirectory(full);
                continue;
            }
            fs.Directory.CreateDirectory(fs.Path.GetDirectoryName(full)!);
            fs.File.WriteAllText(full, content);
        }
    }
}
