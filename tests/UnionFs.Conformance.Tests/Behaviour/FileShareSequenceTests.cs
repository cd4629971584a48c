using UnionFs.Conformance.Tests.Infrastructure;

namespace UnionFs.Conformance.Tests.Behaviour;

/// <summary>
/// Random sequences of handle opens and closes mixed with renames, deletes, whole-file writes and reads, and directory
/// moves and removals over a few names: every answer must be what the real file system gives. They check that a
/// handle's <see cref="FileShare"/> lock stays with its file however the names around it change. Each seed is one fixed
/// sequence, so a failure replays.
/// </summary>
public class FileShareSequenceTests(UnionConfiguration configuration) : ConformanceTestBase(configuration)
{
    private const int Steps = 80;
    private const int Slots = 6;

    private static readonly string[] Files = ["f.txt", "g.txt", "h.txt", "d/c.txt", "m/c.txt"];
    private static readonly string[] Directories = ["d", "m"];
    private static readonly FileShare[] Shares = [FileShare.None, FileShare.Read, FileShare.ReadWrite | FileShare.Delete];

    private static IEnumerable<TestCaseData> Seeds() =>
        Enumerable.Range(1, 32).Select(seed => new TestCaseData(seed).SetName($"Sequence_{seed}"));

    [TestCaseSource(nameof(Seeds))]
    public void RandomNameChangesUnderOpenHandles_ShouldAnswerAsTheRealFileSystem(int seed) => AssertConforms(s =>
    {
        var random = new Random(seed);
        var handles = new Stream?[Slots];
        var log = new List<string>();
        try
        {
            for (var step = 0; step < Steps; step++)
            {
                var (name, call) = NextCall(random, s, handles);
                log.Add($"{step} {name}: {Try(call)}");
            }
        }
        finally
        {
            foreach (var handle in handles) handle?.Dispose();
        }
        return log;
    });

    /// <summary>One call, chosen and given its arguments by <paramref name="random"/> alone (never by an earlier answer).</summary>
    private static (string Name, Func<string> Call) NextCall(Random random, Subject s, Stream?[] handles)
    {
        var file = Files[random.Next(Files.Length)];
        var other = Files[random.Next(Files.Length)];
        var slot = random.Next(Slots);
        switch (random.Next(11))
        {
            case 0:
            case 1:
            {
                var share = Shares[random.Next(Shares.Length)];
                return ($"open {file} {share} into {slot}", () =>
                {
                    if (handles[slot] is not null) return "slot taken";
                    handles[slot] = s.FileSystem.File.Open(s.At(file), FileMode.Open, FileAccess.Read, share);
                    return "ok";
                });
            }
            case 2:
                return ($"close {slot}", () =>
                {
                    if (handles[slot] is not { } handle) return "no handle";
                    handle.Dispose();
                    handles[slot] = null;
                    return "ok";
                });
            case 3:
            case 4:
            {
                var overwrite = random.Next(2) == 0;
                return ($"move {file} to {other} overwrite {overwrite}", () => { s.FileSystem.File.Move(s.At(file), s.At(other), overwrite); return "ok"; });
            }
            case 5:
                return ($"delete {file}", () => { s.FileSystem.File.Delete(s.At(file)); return "ok"; });
            case 6:
                return ($"write {file}", () => { s.FileSystem.File.WriteAllText(s.At(file), file); return "ok"; });
            case 7:
                return ($"read {file}", () => "\"" + s.FileSystem.File.ReadAllText(s.At(file)) + "\"");
            case 8:
            {
                var from = Directories[random.Next(2)];
                return ($"move directory {from}", () => { s.FileSystem.Directory.Move(s.At(from), s.At(from == "d" ? "m" : "d")); return "ok"; });
            }
            case 9:
            {
                var directory = Directories[random.Next(2)];
                return ($"delete directory {directory}", () => { s.FileSystem.Directory.Delete(s.At(directory), recursive: true); return "ok"; });
            }
            default:
            {
                var directory = Directories[random.Next(2)];
                return ($"make directory {directory}", () => { s.FileSystem.Directory.CreateDirectory(s.At(directory)); return "ok"; });
            }
        }
    }

    private static string Try(Func<string> call)
    {
        try
        {
            return call();
        }
        catch (Exception e)
        {
            return Outcome.RenderException(e);
        }
    }
}
