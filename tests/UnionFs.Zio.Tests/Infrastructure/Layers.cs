using System.IO.Compression;
using System.Text;
using Zio;
using Zio.FileSystems;

namespace UnionFs.Zio.Tests.Infrastructure;

/// <summary>
/// The seed layers (books, computers, sports, as in the README) and the merged tree they make, plus builders that put a
/// layer into a <see cref="MemoryBranch"/>, a Zio file system or a zip archive. A path ending in <c>/</c> is a directory.
/// </summary>
public static class Layers
{
    public static readonly (string Path, string? Content)[] Lower =
    [
        ("/books/c", "The C Programming Language"),
        ("/books/java", "Java"),
        ("/computers/huawei", "Huawei"),
        ("/computers/macpro", "Mac Pro"),
        ("/README.txt", "lower readme"),
        ("/sports/fishing", "fishing"),
        ("/sports/football", "lower football"),
        ("/docs/guide/intro.txt", "intro"),
        ("/docs/guide/setup.txt", "setup text"),
        ("/docs/notes.md", "notes"),
        ("/empty/", null),
    ];

    /// <summary>For two lowers: the top one (Zio memory) holds these; the bottom one (a disk) holds <see cref="Lower"/> with older contents here.</summary>
    public static readonly (string Path, string? Content)[] LowerTop =
    [
        ("/books/java", "Java"),
        ("/docs/guide/intro.txt", "intro"),
        ("/sports/", null),
    ];

    /// <summary>The bottom lower of two: <see cref="Lower"/> with what <see cref="LowerTop"/> hides changed.</summary>
    public static readonly (string Path, string? Content)[] LowerBottom =
        [.. Lower.Select(e => e.Path is "/books/java" or "/docs/guide/intro.txt" ? (e.Path, "an older " + e.Content) : e)];

    public static readonly (string Path, string? Content)[] Upper =
    [
        ("/books/c", "The C Programming Language, 2nd edition"),
        ("/books/golang", "Go"),
        ("/cities/beijing", "Beijing"),
        ("/README.txt", "upper readme"),
        ("/sports/basketball", "basketball"),
        ("/sports/football", "upper football"),
    ];

    /// <summary>Names the upper whites out.</summary>
    public static readonly string[] UpperWhiteouts = ["/computers/macpro"];

    /// <summary>What the union shows: the reference Zio memory file system holds exactly this.</summary>
    public static readonly (string Path, string? Content)[] Merged =
    [
        ("/books/c", "The C Programming Language, 2nd edition"),
        ("/books/golang", "Go"),
        ("/books/java", "Java"),
        ("/cities/beijing", "Beijing"),
        ("/computers/huawei", "Huawei"),
        ("/README.txt", "upper readme"),
        ("/sports/basketball", "basketball"),
        ("/sports/fishing", "fishing"),
        ("/sports/football", "upper football"),
        ("/docs/guide/intro.txt", "intro"),
        ("/docs/guide/setup.txt", "setup text"),
        ("/docs/notes.md", "notes"),
        ("/empty/", null),
    ];

    /// <summary>Fixed times for every seeded entry, so time comparisons are exact (even seconds: a zip keeps DOS times).</summary>
    public static readonly DateTime SeedTime = new(2024, 5, 6, 7, 8, 10, DateTimeKind.Utc);

    public static void Fill(IBranch branch, IEnumerable<(string Path, string? Content)> tree, IEnumerable<string>? whiteouts = null)
    {
        foreach (var (path, content) in tree)
        {
            var clean = path.TrimEnd('/');
            EnsureDirectory(branch, BranchPath.GetParent(clean)!);
            if (content is null) EnsureDirectory(branch, clean);
            else branch.CreateFile(clean, new MemoryStream(Encoding.UTF8.GetBytes(content)), EntryMetadata.NewFile(SeedTime));
        }
        foreach (var path in whiteouts ?? [])
        {
            EnsureDirectory(branch, BranchPath.GetParent(path)!);
            branch.CreateWhiteout(path);
        }
    }

    public static void Fill(global::Zio.IFileSystem fs, UPath root, IEnumerable<(string Path, string? Content)> tree, IEnumerable<string>? whiteouts = null)
    {
        foreach (var (path, content) in tree)
        {
            var zio = root / path.TrimEnd('/').TrimStart('/');
            if (content is null)
            {
                fs.CreateDirectory(zio);
                continue;
            }
            fs.CreateDirectory(zio.GetDirectory());
            fs.WriteAllText(zio, content);
            fs.SetCreationTime(zio, SeedTime.ToLocalTime());
            fs.SetLastWriteTime(zio, SeedTime.ToLocalTime());
            fs.SetLastAccessTime(zio, SeedTime.ToLocalTime());
        }
        foreach (var path in whiteouts ?? [])
        {
            var zio = root / path.TrimStart('/');
            fs.CreateDirectory(zio.GetDirectory());
            fs.WriteAllText(zio.GetDirectory() / (".wh." + zio.GetName()), "");
        }
    }

    /// <summary>A zip archive of a tree, as bytes (directories as entries ending in '/').</summary>
    public static byte[] Zip(IEnumerable<(string Path, string? Content)> tree)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (path, content) in tree)
            {
                var entry = archive.CreateEntry(path.TrimStart('/'), CompressionLevel.Optimal);
                entry.LastWriteTime = SeedTime;
                if (content is null) continue;
                using var stream = entry.Open();
                stream.Write(Encoding.UTF8.GetBytes(content));
            }
        }
        return buffer.ToArray();
    }

    /// <summary>A zip archive opened for reading by Zio: its entry streams cannot seek, and it refuses writes.</summary>
    public static ZipArchiveFileSystem OpenZip(byte[] bytes) =>
        new(new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read), false);

    /// <summary>Zio's memory file system holding a tree: the reference.</summary>
    public static MemoryFileSystem Reference()
    {
        var fs = new MemoryFileSystem();
        Fill(fs, UPath.Root, Merged);
        return fs;
    }

    private static void EnsureDirectory(IBranch branch, string path)
    {
        if (path == "/" || branch.Stat(path) is { IsDirectory: true }) return;
        EnsureDirectory(branch, BranchPath.GetParent(path)!);
        branch.CreateDirectory(path, EntryMetadata.NewDirectory(SeedTime), opaque: false);
    }
}
