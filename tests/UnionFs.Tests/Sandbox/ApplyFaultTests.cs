using System.IO.Abstractions.TestingHelpers;
using System.Text;
using UnionFs.Tests.CrashSafety;
using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Sandbox;

/// <summary>
/// Issue 12, item 5: <see cref="UnionFileSystem.ApplyTo(IFileSystem, string)"/> is all or nothing. The target is the
/// lower's own directory, reached through a <see cref="FaultInjectingFileSystem"/> that fails its k-th mutating call
/// (<see cref="FaultMode.Transient"/>: the apply's own undo still runs), for k = 1, 2, ... until an apply reaches no
/// k-th call. After each failed apply the target is as it was before the call (names, kinds, contents, link targets and
/// modes, hidden entries included, so no work area is left), and the union still holds its changes. Where the fault
/// came after the last change (removing the work area, tried twice), the apply succeeds and the target is complete
/// and clean; applying again then finishes the job. Nothing beside the target root changes. Runs on the real disk with every kind change, and on a
/// <see cref="MockFileSystem"/> without links (the mock links only to existing targets); to the lower's own directory,
/// and to a copy with a conflicting edit (overwritten) and an entry of its own (kept).
/// </summary>
[NonParallelizable]
public class ApplyFaultTests
{
    private static readonly string[] Tree =
    [
        "/README.md=readme",
        "/src/app.cs=app",
        "/src/util.cs=util",
        "/old/a.txt=a",
        "/old/sub/b.txt=b",
        "/docs/guide.md=guide",
        "/f=file",
        "/d/x=x",
        "/d/sub/y=y",
    ];

    private static readonly string[] Links = ["/c->c", "/l->src", "/dl/z=z"];

    private static void ChangeEverything(IFileSystem fs, bool links)
    {
        fs.File.WriteAllText("/src/app.cs", "app, edited");
        fs.File.Delete("/src/util.cs");
        fs.Directory.CreateDirectory("/src/gen");
        fs.File.WriteAllText("/src/gen/api.g.cs", "generated");
        fs.Directory.Move("/old", "/new");
        fs.Directory.Delete("/docs", recursive: true);
        fs.Directory.CreateDirectory("/docs");
        fs.File.WriteAllText("/docs/index.md", "index");
        fs.File.Delete("/f");
        fs.Directory.CreateDirectory("/f/inner");
        fs.File.WriteAllText("/f/inner/g", "g");
        fs.Directory.Delete("/d", recursive: true);
        fs.File.WriteAllText("/d", "d is a file");
        fs.File.SetUnixFileMode("/README.md", (UnixFileMode)0b110_000_000);
        if (!links) return;
        fs.File.Delete("/c");
        fs.Directory.CreateDirectory("/c/sub");
        fs.File.WriteAllText("/c/a.txt", "a");
        fs.File.WriteAllText("/c/sub/b.txt", "b");
        fs.File.Delete("/l");
        fs.File.WriteAllText("/l", "l is a file");
        fs.Directory.Delete("/dl", recursive: true);
        fs.File.CreateSymbolicLink("/dl", "new");
        fs.File.CreateSymbolicLink("/src/link", "app.cs");
    }

    [TestCase(true, false, TestName = "ApplyTo_FaultAtAnyMutatingCall_ShouldLeaveTheTargetAsBeforeOrComplete(disk, lower's own directory)")]
    [TestCase(false, false, TestName = "ApplyTo_FaultAtAnyMutatingCall_ShouldLeaveTheTargetAsBeforeOrComplete(mock, lower's own directory)")]
    [TestCase(true, true, TestName = "ApplyTo_FaultAtAnyMutatingCall_ShouldLeaveTheTargetAsBeforeOrComplete(disk, a copy, overwriting)")]
    [TestCase(false, true, TestName = "ApplyTo_FaultAtAnyMutatingCall_ShouldLeaveTheTargetAsBeforeOrComplete(mock, a copy, overwriting)")]
    public void ApplyTo_FaultAtAnyMutatingCall_ShouldLeaveTheTargetAsBeforeOrComplete(bool realDisk, bool toCopy)
    {
        var reference = Run(realDisk, toCopy, faultAt: 0);
        reference.Error.Should().BeNull();
        Complete(reference).Should().BeTrue("an apply without faults writes the merged tree");
        reference.Calls.Should().BeGreaterThan(10);
        var report = new StringBuilder();
        var failures = 0;
        var rolledBack = 0;
        for (var k = 1; k <= reference.Calls; k++)
        {
            var run = Run(realDisk, toCopy, k);
            var problem = run switch
            {
                { Faulted: false } => "no fault reached",
                { Error: null } when !Complete(run) => "completed, but the target is not the merged tree: " + Diff(run.Expected, run.After),
                { Error: null } => null,
                _ when !FaultPlan.IsInjected(run.Error) => "threw " + run.Error,
                _ when !run.After.SequenceEqual(run.Before) => "failed, but the target changed: " + Diff(run.Before, run.After),
                _ when !run.UnionUnchanged => "failed, but the union lost its changes",
                _ when !Complete(run with { After = run.Retried! }) => "failed, and applying again did not finish: " + Diff(run.Expected, run.Retried!),
                _ => null,
            };
            if (run.Error is not null) rolledBack++;
            if (problem is null) continue;
            failures++;
            report.AppendLine($"k={k} ({run.FaultedCall}): {problem}");
        }
        TestContext.Out.WriteLine($"{reference.Calls} mutating calls; {rolledBack} faults rolled back, {reference.Calls - rolledBack} after the last change.");
        report.ToString().Should().BeEmpty();
        failures.Should().Be(0);
        rolledBack.Should().BeGreaterThan(reference.Calls / 2, "most faults come before the last change");
    }

    /// <summary>True when the target holds the merged tree and nothing else (no work area).</summary>
    private static bool Complete(Outcome run) =>
        run.After.Where(l => l.StartsWith("tree ", StringComparison.Ordinal)).SequenceEqual(run.Expected)
        && !run.After.Any(l => l.Contains(".unionfs", StringComparison.Ordinal));

    private sealed record Outcome(
        IReadOnlyList<string> Before, IReadOnlyList<string> After, IReadOnlyList<string> Expected,
        Exception? Error, bool Faulted, string? FaultedCall, int Calls, bool UnionUnchanged, IReadOnlyList<string>? Retried = null);

    /// <summary>
    /// One apply, whose k-th mutating call fails (0: none), to the lower's own directory or (<paramref name="toCopy"/>) to
    /// a copy of it where a file the union changed was edited (overwritten: <see cref="ApplyOptions.Overwrite"/>) and
    /// one the union did not touch was added (kept).
    /// </summary>
    private static Outcome Run(bool realDisk, bool toCopy, int faultAt)
    {
        IFileSystem host = realDisk ? new FileSystem() : new MockFileSystem();
        // The root sits in a directory of its own, with a sibling, so that "nothing beside the root" can be checked.
        var parent = realDisk ? Path.Combine(Path.GetTempPath(), "unionfs-applyfault-" + Guid.NewGuid().ToString("N")) : "/work";
        var root = parent + "/project";
        host.Directory.CreateDirectory(parent + "/sibling");
        try
        {
            HostTree.Write(host, root, realDisk ? [.. Tree, .. Links] : Tree);
            var fs = new UnionFileSystem(new MemoryBranch(), new DirectoryBranch(host, root));
            ChangeEverything(fs, realDisk);
            var merged = TreeDump.Of(fs);
            var changes = fs.GetChanges();
            var target = root;
            IReadOnlyList<string> expectedTree = merged;
            if (toCopy)
            {
                target = parent + "/copy";
                HostTree.Write(host, target, realDisk ? [.. Tree, .. Links, "/extra.txt=theirs"] : [.. Tree, "/extra.txt=theirs"]);
                host.File.WriteAllText(target + "/src/app.cs", "theirs");
                expectedTree = [.. merged.Append("/extra.txt=theirs").Order(StringComparer.Ordinal)];
            }
            var lower = Snapshot(host, root);
            var expected = expectedTree.Select(line => "tree " + line).ToList();
            var before = Snapshot(host, target);
            var beside = host.Directory.EnumerateFileSystemEntries(parent).ToList();
            var plan = new FaultPlan(faultAt);
            Exception? error = null;
            try
            {
                fs.ApplyTo(new FaultInjectingFileSystem(host, plan), target, new ApplyOptions { Overwrite = toCopy });
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                error = e;
            }
            var unionUnchanged = error is null || (TreeDump.Of(fs).SequenceEqual(merged) && fs.GetChanges().SequenceEqual(changes));
            if (toCopy) Snapshot(host, root).Should().Equal(lower, "the lower is not the target");
            host.Directory.EnumerateFileSystemEntries(parent).Should().Equal(beside, "nothing beside the root is touched");
            var after = Snapshot(host, target);
            IReadOnlyList<string>? retried = null;
            if (error is not null)
            {
                // The union still holds its changes: applying again, without a fault, finishes the job (no conflict).
                fs.ApplyTo(host, target, new ApplyOptions { Overwrite = toCopy });
                retried = Snapshot(host, target);
            }
            return new Outcome(before, after, expected, error, plan.HasFaulted, plan.FaultedCall, plan.MutatingCalls, unionUnchanged, retried);
        }
        finally
        {
            if (realDisk && Directory.Exists(parent)) Directory.Delete(parent, recursive: true);
        }
    }

    /// <summary>Every path under <paramref name="root"/>, hidden ones included, with its kind, content or link target, and Unix mode.</summary>
    private static List<string> Snapshot(IFileSystem host, string root)
    {
        var lines = HostTree.Read(host, root).Select(line => "tree " + line).ToList();
        foreach (var path in HostTree.AllPaths(host, root))
        {
            var info = host.FileInfo.New(path);
            if (info.LinkTarget is null) lines.Add($"mode {path[root.Length..]} {info.UnixFileMode}");
        }
        return lines;
    }

    private static string Diff(IReadOnlyList<string> before, IReadOnlyList<string> after) =>
        string.Join("; ", before.Except(after).Select(l => "- " + l).Concat(after.Except(before).Select(l => "+ " + l)));
}
