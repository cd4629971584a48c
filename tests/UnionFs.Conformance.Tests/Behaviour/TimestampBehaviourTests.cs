using UnionFs.Conformance.Tests.Infrastructure;

namespace UnionFs.Conformance.Tests.Behaviour;

/// <summary>
/// Timestamps as relations, the real file system deciding: whether an operation moves a file's or its parent
/// directory's times. Each test first sets the times it watches to a fixed old value, so "changed" is exact.
/// </summary>
public class TimestampBehaviourTests(UnionConfiguration configuration) : ConformanceTestBase(configuration)
{
    private static readonly DateTime Old = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static void Age(Subject s, string relative)
    {
        var path = s.At(relative);
        if (s.FileSystem.Directory.Exists(path))
        {
            s.FileSystem.Directory.SetLastWriteTimeUtc(path, Old);
            s.FileSystem.Directory.SetLastAccessTimeUtc(path, Old);
        }
        else if (s.FileSystem.File.Exists(path))
        {
            s.FileSystem.File.SetLastWriteTimeUtc(path, Old);
            s.FileSystem.File.SetLastAccessTimeUtc(path, Old);
        }
    }

    /// <summary>
    /// A handle opened on d/c.txt with <paramref name="access"/>, the file renamed and a new one made in its place before
    /// the first read: read(2) moves the time of the file the handle has, not of the one its old name now holds.
    /// </summary>
    private static void ReadThroughHandleAfterRename(Subject s, FileAccess access)
    {
        // Shared as OpenRead shares: the new file is made at the old name while the handle is open.
        using var handle = s.FileSystem.File.Open(s.At("d/c.txt"), FileMode.Open, access, FileShare.ReadWrite);
        s.FileSystem.File.Move(s.At("d/c.txt"), s.At("d/renamed.txt"));
        s.FileSystem.File.WriteAllText(s.At("d/c.txt"), "new");
        Age(s, "d/c.txt");
        handle.ReadByte();
    }

    private static string Moved(Subject s, string relative)
    {
        var path = s.At(relative);
        var write = s.FileSystem.File.GetLastWriteTimeUtc(path);
        var access = s.FileSystem.File.GetLastAccessTimeUtc(path);
        return $"{relative}: write {(write == Old ? "kept" : "moved")}, access {(access == Old ? "kept" : "moved")}";
    }

    private static readonly (string Name, Action<Subject> Act, string[] Watched)[] Operations =
    [
        ("create a file", s => s.FileSystem.File.WriteAllText(s.At("d/new.txt"), "x"), ["d"]),
        ("create a file through a stream", s => s.FileSystem.File.Create(s.At("d/new.txt")).Dispose(), ["d"]),
        ("create a file with OpenOrCreate for reading", s => s.FileSystem.File.Open(s.At("d/new.txt"), FileMode.OpenOrCreate, FileAccess.Read).Dispose(), ["d"]),
        ("delete a file", s => s.FileSystem.File.Delete(s.At("d/c.txt")), ["d"]),
        ("rename a file within its directory", s => s.FileSystem.File.Move(s.At("d/c.txt"), s.At("d/renamed.txt")), ["d"]),
        ("move a file to another directory", s => s.FileSystem.File.Move(s.At("d/c.txt"), s.At("e/c.txt")), ["d", "e"]),
        ("create a directory", s => s.FileSystem.Directory.CreateDirectory(s.At("d/newdir")), ["d"]),
        ("delete a directory", s => s.FileSystem.Directory.Delete(s.At("d/sub")), ["d"]),
        ("delete a tree", s => s.FileSystem.Directory.Delete(s.At("d"), recursive: true), [""]),
        ("create a link", s => s.FileSystem.File.CreateSymbolicLink(s.At("d/link"), "c.txt"), ["d"]),
        ("write a file", s => s.FileSystem.File.WriteAllText(s.At("d/c.txt"), "changed"), ["d", "d/c.txt"]),
        ("append to a file", s => s.FileSystem.File.AppendAllText(s.At("d/c.txt"), "more"), ["d", "d/c.txt"]),
        ("read a file", s => s.FileSystem.File.ReadAllText(s.At("d/c.txt")), ["d", "d/c.txt"]),
        ("open and close without reading", s => s.FileSystem.File.OpenRead(s.At("d/c.txt")).Dispose(), ["d/c.txt"]),
        ("read through a handle whose file was renamed", s => ReadThroughHandleAfterRename(s, FileAccess.Read), ["d/c.txt", "d/renamed.txt"]),
        ("read through a read-write handle whose file was renamed", s => ReadThroughHandleAfterRename(s, FileAccess.ReadWrite), ["d/c.txt", "d/renamed.txt"]),
        ("change the mode", s => s.FileSystem.File.SetUnixFileMode(s.At("d/c.txt"), UnixFileMode.UserRead), ["d", "d/c.txt"]),
        ("list a directory", s => s.FileSystem.Directory.GetFiles(s.At("d")), ["d"]),
        ("copy a file", s => s.FileSystem.File.Copy(s.At("d/c.txt"), s.At("e/copy.txt")), ["d/c.txt", "e"]),
    ];

    /// <summary>The cases.</summary>
    public static IEnumerable<TestCaseData> Cases => Operations.Select(o =>
        new TestCaseData(o.Act, o.Watched).SetName($"Timestamps({o.Name})"));

    [TestCaseSource(nameof(Cases))]
    public void Operation_ShouldMoveTheSameTimesAsTheRealFileSystem(Action<Subject> act, string[] watched) => AssertSameResult(s =>
    {
        foreach (var relative in watched) Age(s, relative);
        act(s);
        return watched.Select(relative => s.FileSystem.File.Exists(s.At(relative)) || s.FileSystem.Directory.Exists(s.At(relative)) ? Moved(s, relative) : relative + ": gone").ToList();
    });
}
