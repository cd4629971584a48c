using UnionFs.Conformance.Tests.Infrastructure;

namespace UnionFs.Conformance.Tests.Behaviour;

/// <summary>
/// A handle's <see cref="FileShare"/> lock belongs to the file it opened, as .NET's flock on Linux does, not to the
/// name: it follows the file through a rename (of the file or of a directory above it) and leaves its old name, and a
/// file deleted or replaced under it takes its lock away with it. Each case holds a handle, changes names, then tries
/// opens and whole-file calls at the old and the new names; the real file system is the oracle for every answer.
/// </summary>
public class FileShareBehaviourTests(UnionConfiguration configuration) : ConformanceTestBase(configuration)
{
    [TestCase(FileShare.None)]
    [TestCase(FileShare.Read)]
    public void HandleOnARenamedFile_ShouldLockTheNewNameNotTheOld(FileShare share) => AssertConforms(s =>
    {
        using var held = s.FileSystem.File.Open(s.At("f.txt"), FileMode.Open, FileAccess.Read, share);
        s.FileSystem.File.Move(s.At("f.txt"), s.At("moved.txt"));
        return Attempts(s, "f.txt", "moved.txt");
    });

    [Test]
    public void HandleOnADeletedFile_ShouldNotLockANewFileOfTheSameName() => AssertConforms(s =>
    {
        using var held = s.FileSystem.File.Open(s.At("f.txt"), FileMode.Open, FileAccess.Read, FileShare.Delete);
        s.FileSystem.File.Delete(s.At("f.txt"));
        return Attempts(s, "f.txt");
    });

    [Test]
    public void HandleBelowARenamedDirectory_ShouldFollowItsFile() => AssertConforms(s =>
    {
        using var held = s.FileSystem.File.Open(s.At("d/c.txt"), FileMode.Open, FileAccess.Read, FileShare.None);
        s.FileSystem.Directory.Move(s.At("d"), s.At("moved"));
        s.FileSystem.Directory.CreateDirectory(s.At("d"));
        return Attempts(s, "d/c.txt", "moved/c.txt");
    });

    [Test]
    public void HandleBelowADeletedDirectory_ShouldNotLockWhatIsMadeThereAgain() => AssertConforms(s =>
    {
        using var held = s.FileSystem.File.Open(s.At("d/c.txt"), FileMode.Open, FileAccess.Read, FileShare.None);
        s.FileSystem.Directory.Delete(s.At("d"), recursive: true);
        s.FileSystem.Directory.CreateDirectory(s.At("d"));
        return Attempts(s, "d/c.txt");
    });

    [Test]
    public void HandleOnAFileMovedOver_ShouldNotLockTheFileThatTookItsName() => AssertConforms(s =>
    {
        using var held = s.FileSystem.File.Open(s.At("f.txt"), FileMode.Open, FileAccess.Read, FileShare.None);
        s.FileSystem.File.Move(s.At("g.txt"), s.At("f.txt"), overwrite: true);
        return Attempts(s, "f.txt", "g.txt");
    });

    [Test]
    public void HandleOnAFileThatMovesOverAnother_ShouldTakeItsLockToTheNewName() => AssertConforms(s =>
    {
        using var held = s.FileSystem.File.Open(s.At("g.txt"), FileMode.Open, FileAccess.Read, FileShare.None);
        s.FileSystem.File.Move(s.At("g.txt"), s.At("f.txt"), overwrite: true);
        return Attempts(s, "f.txt", "g.txt");
    });

    [Test]
    public void HandleOnAReplacedFile_ShouldStayWithItsBackup() => AssertConforms(s =>
    {
        using var held = s.FileSystem.File.Open(s.At("f.txt"), FileMode.Open, FileAccess.Read, FileShare.Delete);
        s.FileSystem.File.Replace(s.At("g.txt"), s.At("f.txt"), s.At("backup.txt"));
        return Attempts(s, "f.txt", "backup.txt");
    });

    [Test]
    public void HandleOnAFileRenamedAndBack_ShouldLockItAgain() => AssertConforms(s =>
    {
        using var held = s.FileSystem.File.Open(s.At("f.txt"), FileMode.Open, FileAccess.Read, FileShare.None);
        s.FileSystem.File.Move(s.At("f.txt"), s.At("moved.txt"));
        s.FileSystem.File.Move(s.At("moved.txt"), s.At("f.txt"));
        return Attempts(s, "f.txt", "moved.txt");
    });

    [Test]
    public void HandleClosedAfterItsFileWasRenamed_ShouldFreeTheNewName() => AssertConforms(s =>
    {
        var held = s.FileSystem.File.Open(s.At("f.txt"), FileMode.Open, FileAccess.Read, FileShare.None);
        s.FileSystem.File.Move(s.At("f.txt"), s.At("moved.txt"));
        held.Dispose();
        return Attempts(s, "f.txt", "moved.txt");
    });

    /// <summary>
    /// At each name in turn: a whole-file write, an exclusive open, a whole-file read; what each gave. The write makes
    /// the file when the name is free, so the later calls meet either the file the handle holds or a new one.
    /// </summary>
    private static List<string> Attempts(Subject s, params string[] names)
    {
        var log = new List<string>();
        foreach (var name in names)
        {
            var path = s.At(name);
            log.Add($"{name} write: {Try(() => s.FileSystem.File.WriteAllText(path, "new"))}");
            log.Add($"{name} exclusive open: {Try(() => s.FileSystem.File.Open(path, FileMode.Open, FileAccess.Read, FileShare.None).Dispose())}");
            log.Add($"{name} read: {Try(() => s.FileSystem.File.ReadAllText(path))}");
        }
        return log;
    }

    private static string Try(Action call)
    {
        try
        {
            call();
            return "ok";
        }
        catch (Exception e)
        {
            return Outcome.RenderException(e);
        }
    }

    private static string Try(Func<string> call)
    {
        try
        {
            return "\"" + call() + "\"";
        }
        catch (Exception e)
        {
            return Outcome.RenderException(e);
        }
    }
}
