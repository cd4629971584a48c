using Zio;
using ZioFileSystem = Zio.IFileSystem;

namespace UnionFs.Zio.Tests;

/// <summary>
/// The Zio operations the parity suite runs, by name: every member of <see cref="ZioFileSystem"/>, over lower files,
/// upper files, merged directories, whited-out names, missing paths and the wrong kinds.
/// </summary>
public static class ZioOperations
{
    private static readonly DateTime Moment = new(2021, 3, 4, 5, 6, 7, DateTimeKind.Utc);

    public static readonly IReadOnlyDictionary<string, Func<ZioFileSystem, object?>> All = Build();

    private static Dictionary<string, Func<ZioFileSystem, object?>> Build()
    {
        var ops = new Dictionary<string, Func<ZioFileSystem, object?>>(StringComparer.Ordinal);

        // Paths Zio refuses before any lookup.
        ops["FileExists relative"] = fs => fs.FileExists("books/c");
        ops["DirectoryExists relative"] = fs => fs.DirectoryExists("books");
        ops["CreateDirectory relative"] = fs => { fs.CreateDirectory("new"); return null; };
        ops["DeleteFile relative"] = fs => { fs.DeleteFile("books/c"); return null; };
        ops["OpenFile relative"] = fs => fs.OpenFile("books/c", FileMode.Open, FileAccess.Read);
        ops["FileExists null"] = fs => fs.FileExists(default);
        ops["DirectoryExists null"] = fs => fs.DirectoryExists(default);
        ops["FileExists colon"] = fs => fs.FileExists("/books/a:b");
        ops["FileExists control character"] = fs => fs.FileExists("/books/a\u0001b");
        ops["FileExists above root"] = fs => fs.FileExists("/../books/c");

        foreach (var path in new[] { "/", "/books", "/books/c", "/books/java", "/computers/macpro", "/computers/huawei", "/nope", "/nope/x", "/books/c/x", "/empty", "/docs/guide" })
        {
            ops[$"FileExists {path}"] = fs => fs.FileExists(path);
            ops[$"DirectoryExists {path}"] = fs => fs.DirectoryExists(path);
            ops[$"GetAttributes {path}"] = fs => fs.GetAttributes(path);
            ops[$"GetFileLength {path}"] = fs => fs.GetFileLength(path);
            ops[$"GetCreationTime {path}"] = fs => Seeded(fs, path) ? fs.GetCreationTime(path) : "not compared";
            ops[$"GetLastWriteTime {path}"] = fs => Seeded(fs, path) ? fs.GetLastWriteTime(path) : "not compared";
            ops[$"SetLastWriteTime {path}"] = fs => { fs.SetLastWriteTime(path, Moment); return fs.GetLastWriteTime(path); };
            ops[$"SetCreationTime {path}"] = fs => { fs.SetCreationTime(path, Moment); return fs.GetCreationTime(path); };
            ops[$"SetLastAccessTime {path}"] = fs => { fs.SetLastAccessTime(path, Moment); return fs.GetLastAccessTime(path); };
            ops[$"SetAttributes ReadOnly {path}"] = fs => { fs.SetAttributes(path, FileAttributes.ReadOnly); return fs.GetAttributes(path); };
            ops[$"SetAttributes Normal {path}"] = fs => { fs.SetAttributes(path, FileAttributes.Normal); return fs.GetAttributes(path); };
            ops[$"DeleteFile {path}"] = fs => { fs.DeleteFile(path); return fs.FileExists(path); };
            ops[$"DeleteDirectory {path}"] = fs => { fs.DeleteDirectory(path, isRecursive: false); return fs.DirectoryExists(path); };
            ops[$"DeleteDirectory recursive {path}"] = fs => { fs.DeleteDirectory(path, isRecursive: true); return fs.DirectoryExists(path); };
            ops[$"CreateDirectory {path}"] = fs => { fs.CreateDirectory(path); return fs.DirectoryExists(path); };
            ops[$"CreateDirectory {path}/sub/deeper"] = fs => { fs.CreateDirectory(path == "/" ? "/sub/deeper" : path + "/sub/deeper"); return null; };
            ops[$"EnumeratePaths {path}"] = fs => fs.EnumeratePaths(path, "*", SearchOption.AllDirectories, SearchTarget.Both).ToList();
            ops[$"EnumerateItems {path}"] = fs => fs.EnumerateItems(path, SearchOption.TopDirectoryOnly).ToList();
            ops[$"CanWatch {path}"] = fs => fs.CanWatch(path);
            ops[$"ConvertPathToInternal {path}"] = fs => fs.ConvertPathToInternal(path);
            ops[$"ResolvePath {path}"] = fs => fs.ResolvePath(path).Path;
            ops[$"TryResolveLinkTarget {path}"] = fs => fs.TryResolveLinkTarget(path, out var target) + " " + target;
            foreach (var mode in Enum.GetValues<FileMode>())
            {
                foreach (var access in new[] { FileAccess.Read, FileAccess.Write, FileAccess.ReadWrite })
                    ops[$"OpenFile {mode} {access} {path}"] = fs => fs.OpenFile(path, mode, access, FileShare.None);
            }
        }

        foreach (var (from, to) in new[]
        {
            ("/books/java", "/books/java2"), ("/books/c", "/books/c2"), ("/books/java", "/sports/java"), ("/books/java", "/books/golang"),
            ("/books/java", "/nope/java"), ("/books/java", "/sports"), ("/nope", "/x"), ("/books", "/shelf"), ("/books/java", "/books/java"),
            ("/computers/macpro", "/computers/mac"), ("/books/c", "/books/c/x"), ("/README.txt", "/docs/README.txt"),
        })
        {
            ops[$"MoveFile {from} {to}"] = fs => { fs.MoveFile(from, to); return fs.FileExists(to); };
            ops[$"CopyFile {from} {to}"] = fs => { fs.CopyFile(from, to, overwrite: false); return fs.GetLastWriteTime(to); };
            ops[$"CopyFile overwrite {from} {to}"] = fs => { fs.CopyFile(from, to, overwrite: true); return fs.GetLastWriteTime(to); };
            ops[$"ReplaceFile {from} {to}"] = fs => { fs.ReplaceFile(from, to, default, ignoreMetadataErrors: true); return null; };
            ops[$"ReplaceFile backup {from} {to}"] = fs => { fs.ReplaceFile(from, to, "/backup", ignoreMetadataErrors: true); return null; };
        }

        foreach (var (from, to) in new[]
        {
            ("/books", "/shelf"), ("/sports", "/games/sports"), ("/docs/guide", "/guide"), ("/docs", "/docs/inner"), ("/books", "/sports"),
            ("/nope", "/x"), ("/books/c", "/x"), ("/books", "/nope/x"), ("/books", "/README.txt"), ("/", "/x"), ("/books", "/"), ("/books", "/books"),
            ("/empty", "/empty2"), ("/computers", "/machines"),
        })
        {
            ops[$"MoveDirectory {from} {to}"] = fs => { fs.MoveDirectory(from, to); return fs.DirectoryExists(to); };
        }

        foreach (var pattern in new[] { "*", "*.txt", "*.*", "?", "b*", "B*", "f?shing", "", "books/*", "docs/guide/*.txt", "../*", "/books", "*o*" })
        {
            foreach (var option in new[] { SearchOption.TopDirectoryOnly, SearchOption.AllDirectories })
            {
                foreach (var target in new[] { SearchTarget.Both, SearchTarget.File, SearchTarget.Directory })
                    ops[$"EnumeratePaths / '{pattern}' {option} {target}"] = fs => fs.EnumeratePaths("/", pattern, option, target).ToList();
            }
        }
        ops["EnumerateItems / all"] = fs => fs.EnumerateItems("/", SearchOption.AllDirectories).ToList();
        ops["EnumerateItems / directories only"] = fs => fs.EnumerateItems("/", SearchOption.AllDirectories, (ref FileSystemItem item) => item.IsDirectory).ToList();
        ops["EnumerateItems / files named *.txt"] = fs => fs.EnumerateItems("/", SearchOption.AllDirectories, (ref FileSystemItem item) => item.Path.GetName().EndsWith(".txt", StringComparison.Ordinal)).ToList();

        // Sequences a Zio user writes.
        ops["WriteAllText then ReadAllText lower file"] = fs => { fs.WriteAllText("/books/java", "Java 21"); return fs.ReadAllText("/books/java"); };
        ops["AppendAllText lower file"] = fs => { fs.AppendAllText("/books/java", " and more"); return fs.ReadAllText("/books/java"); };
        ops["WriteAllText new file in lower directory"] = fs => { fs.WriteAllText("/docs/guide/new.txt", "new"); return fs.GetFileLength("/docs/guide/new.txt"); };
        ops["WriteAllBytes into missing directory"] = fs => { fs.WriteAllBytes("/nope/x", [1, 2, 3]); return null; };
        ops["ReadAllText whited-out file"] = fs => fs.ReadAllText("/computers/macpro");
        ops["ReadAllLines README"] = fs => fs.ReadAllLines("/README.txt");
        ops["delete lower file then create it again"] = fs => { fs.DeleteFile("/books/java"); fs.WriteAllText("/books/java", "again"); return fs.ReadAllText("/books/java"); };
        ops["delete lower directory then create it again"] = fs => { fs.DeleteDirectory("/docs", true); fs.CreateDirectory("/docs"); return fs.EnumeratePaths("/docs").ToList(); };
        ops["read-only file refuses delete"] = fs => { fs.SetAttributes("/books/java", FileAttributes.ReadOnly); fs.DeleteFile("/books/java"); return null; };
        ops["read-only file refuses write"] = fs => { fs.SetAttributes("/books/java", FileAttributes.ReadOnly); fs.WriteAllText("/books/java", "x"); return null; };
        ops["read-only file refuses overwrite by copy"] = fs => { fs.SetAttributes("/books/java", FileAttributes.ReadOnly); fs.CopyFile("/books/c", "/books/java", true); return null; };
        ops["read-only file refuses recursive delete of its directory"] = fs => { fs.SetAttributes("/books/java", FileAttributes.ReadOnly); fs.DeleteDirectory("/books", true); return null; };
        ops["read-only file can be read and moved"] = fs => { fs.SetAttributes("/books/java", FileAttributes.ReadOnly); fs.MoveFile("/books/java", "/java"); return fs.ReadAllText("/java"); };
        ops["copy keeps the write time"] = fs => { fs.SetLastWriteTime("/books/java", Moment); fs.CopyFile("/books/java", "/java", false); return fs.GetLastWriteTime("/java"); };
        ops["move keeps the write time"] = fs => { fs.SetLastWriteTime("/books/java", Moment); fs.MoveFile("/books/java", "/java"); return fs.GetLastWriteTime("/java"); };
        ops["replace with backup"] = fs => { fs.ReplaceFile("/books/java", "/books/c", "/books/c.bak", true); return fs.ReadAllText("/books/c") + "|" + fs.ReadAllText("/books/c.bak") + "|" + fs.FileExists("/books/java"); };
        ops["replace backup in missing directory"] = fs => { fs.ReplaceFile("/books/java", "/books/c", "/nope/bak", true); return null; };
        ops["replace backup is the destination"] = fs => { fs.ReplaceFile("/books/java", "/books/c", "/books/c", true); return null; };
        ops["replace backup is the source"] = fs => { fs.ReplaceFile("/books/java", "/books/c", "/books/java", true); return null; };
        ops["open with FileShare.None twice"] = fs => { using var first = fs.OpenFile("/books/java", FileMode.Open, FileAccess.Read, FileShare.None); return fs.OpenFile("/books/java", FileMode.Open, FileAccess.Read, FileShare.Read); };
        ops["open shared for reading twice"] = fs => { using var first = fs.OpenFile("/books/java", FileMode.Open, FileAccess.Read, FileShare.Read); return fs.OpenFile("/books/java", FileMode.Open, FileAccess.Read, FileShare.Read); };
        ops["ConvertPathFromInternal absolute"] = fs => fs.ConvertPathFromInternal("/books/c");
        ops["ConvertPathFromInternal relative"] = fs => fs.ConvertPathFromInternal("books/c");
        ops["ConvertPathFromInternal backslashes"] = fs => fs.ConvertPathFromInternal("\\books\\c");
        ops["Watch a missing directory"] = fs => { using var watcher = fs.Watch("/nope"); return watcher.Path; };
        ops["Watch defaults"] = fs =>
        {
            using var watcher = fs.Watch("/books");
            return $"{watcher.Path}|{watcher.Filter}|{watcher.NotifyFilter}|{watcher.IncludeSubdirectories}|{watcher.EnableRaisingEvents}|{watcher.InternalBufferSize}";
        };
        ops["times of a missing path are Zio's default"] = fs => fs.GetLastAccessTime("/nope") == global::Zio.FileSystems.FileSystem.DefaultFileTime;
        return ops;
    }

    /// <summary>True for the paths whose times the seed fixed (files; directories get the clock's times).</summary>
    private static bool Seeded(ZioFileSystem fs, UPath path) => !fs.DirectoryExists(path);
}
