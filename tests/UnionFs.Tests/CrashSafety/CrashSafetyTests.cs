using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.IO.Abstractions.TestingHelpers;
using System.Text;
using System.Text.RegularExpressions;
using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.CrashSafety;

/// <summary>
/// Issue 3: with a <see cref="DirectoryBranch"/> upper, a fault at any mutating call of a change leaves the
/// merged view, read again by a fresh union over the same directories, as it was before the change or as it
/// is after it (never a partial file, never a lost entry), leaves the lowers byte for byte as they were, and
/// the next change still works and clears the work area. Each scenario runs for k = 1, 2, ... until it
/// completes without reaching the k-th mutating call, in two fault modes: the process dies at k
/// (<see cref="FaultMode.Crash"/>), or only call k fails and the library's own clean-up still runs
/// (<see cref="FaultMode.Transient"/>; then the live union, which the process goes on using, must show OLD or
/// NEW too). Views compare names, kinds and contents, not modes or times (MockFileSystem may lose metadata on a
/// move, which the branch re-applies afterwards). A multi-step scenario may stop between its steps: each step must
/// be atomic on its own. A user write through an open stream is not atomic, on the kernel either: a view that is
/// NEW but for a prefix of the written bytes (<see cref="InFlightWrite"/>) is reported as "write in flight".
/// OLD and every step's result are computed once per scenario on a fresh seeded mock (the seed is deterministic).
/// On failure the message lists, for every k, the faulted branch call and the state reached, then for each bad
/// run the diff against the states before and after the step, the upper's host tree and the calls made.
/// </summary>
[NonParallelizable]
public partial class CrashSafetyTests
{
    private const string AfterReopenPath = "/after-reopen.txt";
    private const string AfterReopenContent = "after";
    private const int MaxFaultPoints = 2000;

    public static IEnumerable<TestCaseData> Scenarios() =>
        CrashSeed.Scenarios().Select(s => new TestCaseData(s).SetArgDisplayNames(s.Name));

    [TestCaseSource(nameof(Scenarios))]
    public void Change_CrashAtAnyMutatingCall_ShouldReopenAsBeforeOrAfter(CrashScenario scenario) =>
        RunEveryFaultPoint(scenario, FaultMode.Crash);

    [TestCaseSource(nameof(Scenarios))]
    public void Change_TransientFaultAtAnyMutatingCall_ShouldReopenAsBeforeOrAfter(CrashScenario scenario) =>
        RunEveryFaultPoint(scenario, FaultMode.Transient);

    private static void RunEveryFaultPoint(CrashScenario scenario, FaultMode mode)
    {
        var clock = Stopwatch.StartNew();
        var states = ReferenceStatesByScenario.GetOrAdd(scenario.Name, _ => ReferenceStates(scenario));
        var rows = new List<string>();
        var failures = new List<string>();
        var upperStates = new HashSet<string>(StringComparer.Ordinal);
        var k = 1;
        for (; k <= MaxFaultPoints; k++)
        {
            var run = RunOnce(scenario, states, mode, k, upperStates);
            rows.Add(run.Row);
            if (run.Failure is not null) failures.Add(run.Failure);
            if (run.Completed) break;
        }

        var table = $"{scenario.Name} [{mode}]: {k} runs (fault at k = 1..{k - 1}, then none), {upperStates.Count} distinct upper states, {clock.ElapsedMilliseconds} ms\n"
            + "  k | step | faulted call | live view | reopened view\n  " + string.Join("\n  ", rows);
        TestContext.Out.WriteLine(table);
        if (k > MaxFaultPoints) failures.Add($"the change never completed within {MaxFaultPoints} fault points");
        if (failures.Count > 0)
            Assert.Fail($"{scenario.Name} [{mode}]: {failures.Count} of {k} runs broke crash safety.\n\n{table}\n\n{string.Join("\n\n", failures)}");
    }

    /// <summary>Reference states by scenario name, shared by both fault modes.</summary>
    private static readonly ConcurrentDictionary<string, List<IReadOnlyList<string>>> ReferenceStatesByScenario = new(StringComparer.Ordinal);

    /// <summary>The view before the scenario and after each of its steps, on a fresh mock without faults.</summary>
    private static List<IReadOnlyList<string>> ReferenceStates(CrashScenario scenario)
    {
        var mock = CrashSeed.Build();
        var fs = CrashSeed.Open(mock, mock);
        var states = new List<IReadOnlyList<string>> { View(fs) };
        foreach (var step in scenario.Steps)
        {
            step.Run(fs);
            states.Add(View(fs));
        }
        View(fs).Should().Equal(TreeDump.Of(fs), "the fast view walker must see what TreeDump sees");
        return states;
    }

    private sealed record RunResult(string Row, string? Failure, bool Completed);

    private static RunResult RunOnce(CrashScenario scenario, List<IReadOnlyList<string>> states, FaultMode mode, int k,
        HashSet<string> upperStates)
    {
        var mock = CrashSeed.Build();
        var lowersBefore = LowerSnapshot(mock);
        var problems = new List<string>();

        var plan = new FaultPlan(k, mode);
        var union = CrashSeed.Open(new FaultInjectingFileSystem(mock, plan), mock);
        var step = 0;
        Exception? error = null;
        for (; step < scenario.Steps.Count; step++)
        {
            try
            {
                scenario.Steps[step].Run(union);
            }
            catch (Exception e)
            {
                error = e;
                break;
            }
        }

        var completed = !plan.HasFaulted;
        if (error is not null && !FaultPlan.IsInjected(error))
            problems.Add($"step {step + 1} ({StepCall(scenario, step)}) threw {error.GetType().Name} instead of the injected fault: {error.Message}");
        // Only the removal of the work area after a finished change may fail silently: the change is done
        // (the view must then be NEW, checked below), and the next change clears the leftover.
        var faultInCleanup = plan.FaultedCall is { } call
            && call.StartsWith("IDirectory.Delete(", StringComparison.Ordinal)
            && call.Contains(CrashSeed.WorkArea, StringComparison.Ordinal);
        if (error is null && plan.HasFaulted && !faultInCleanup)
            problems.Add($"the fault at '{plan.FaultedCall}' was swallowed: the caller was told the change succeeded");
        if (error is not null && completed)
            problems.Add($"step {step + 1} ({StepCall(scenario, step)}) failed without any fault: {error}");

        // Acceptable: the view before or after the interrupted step (after the last one when none was interrupted).
        var interrupted = error is null ? scenario.Steps.Count - 1 : step;
        var before = error is null ? states[^1] : states[interrupted];
        var after = states[interrupted + 1];
        var inFlight = scenario.Steps[interrupted].InFlight;

        var wroteJournal = plan.Calls.Any(c => c.Contains(".whiteout", StringComparison.Ordinal));
        var liveView = mode == FaultMode.Transient && (wroteJournal || completed) ? View(union) : null;

        var lowersAfterOp = LowerSnapshot(mock);
        if (!lowersAfterOp.SequenceEqual(lowersBefore)) problems.Add("a lower changed:\n" + Diff(lowersBefore, lowersAfterOp));

        // Re-opening depends on nothing but what is on disk (the lowers are the seed's, checked above), so an
        // upper tree already re-opened by any earlier run gives the same outcome again.
        var upperTree = HostTree(mock, CrashSeed.UpperRoot);
        var key = string.Join("\n", upperTree);
        upperStates.Add(key);
        var outcome = ReopenOutcomes.GetOrAdd(key, _ => Reopen(mock, upperTree, lowersBefore));
        var label = Classify(outcome.View, states, before, after, inFlight, error is null);
        if (label.Broken)
            problems.Add($"after re-opening, the merged view is a third state:\n{DiffAgainst(outcome.View, before, after)}\nupper host tree:\n  {string.Join("\n  ", upperTree)}");
        problems.AddRange(outcome.Problems);

        // After a crash there is no live union; after a transient fault the process goes on with the same one.
        // Its view can differ from a re-opened one only through what DirectoryBranch keeps in memory, the pending
        // directory whiteouts (the engine caches nothing), so it is read (before re-opening writes to the disk)
        // only when this run wrote a journal entry, and in the run without a fault.
        var liveLabel = new Label("-", false);
        if (mode == FaultMode.Transient)
        {
            var live = liveView ?? outcome.View;
            liveLabel = Classify(live, states, before, after, inFlight, error is null);
            if (liveLabel.Broken) problems.Add($"the live union shows a third state:\n{DiffAgainst(live, before, after)}");
        }

        var faulted = plan.FaultedCall ?? $"(none: {plan.MutatingCalls} mutating calls)";
        var row = $"{k,3} | {(error is null ? "-" : (step + 1).ToString(CultureInfo.InvariantCulture)),4} | {faulted} | {liveLabel.Text} | {label.Text}";
        if (problems.Count == 0) return new RunResult(row, null, completed);

        var failure = new StringBuilder()
            .Append($"--- {scenario.Name} [{mode}] k={k}: fault in step {step + 1} ({StepCall(scenario, step)}) at '{faulted}'\n")
            .Append(string.Join("\n", problems.Select(p => "* " + p)))
            .Append("\nmutating calls up to the fault:\n  ")
            .Append(string.Join("\n  ", plan.Calls.Take(k)))
            .ToString();
        return new RunResult(row + "   <-- FAILED", failure, completed);
    }

    private sealed record ReopenOutcome(IReadOnlyList<string> View, IReadOnlyList<string> Problems);

    /// <summary>Re-open outcomes by upper host tree, shared by every scenario and mode.</summary>
    private static readonly ConcurrentDictionary<string, ReopenOutcome> ReopenOutcomes = new(StringComparer.Ordinal);

    /// <summary>
    /// Opens the directories again without the injector, as after a restart, and makes one more change: it must
    /// work, add only its own file (also when read by yet another fresh union), and leave no work area behind.
    /// </summary>
    private static ReopenOutcome Reopen(MockFileSystem mock, IReadOnlyList<string> upperTree, IReadOnlyList<string> lowersBefore)
    {
        var problems = new List<string>();
        var reopened = CrashSeed.Open(mock, mock);
        var view = View(reopened);
        try
        {
            reopened.File.WriteAllText(AfterReopenPath, AfterReopenContent);
            var expected = view.Append($"{AfterReopenPath}={AfterReopenContent}").Order(StringComparer.Ordinal).ToList();
            // When the disk only gained the new file (and lost the work area) the view is known; else read it again.
            var plainChange = upperTree.Where(l => !l.StartsWith(CrashSeed.WorkArea, StringComparison.Ordinal))
                .Append($"{CrashSeed.UpperRoot}{AfterReopenPath}={AfterReopenContent}").Order(StringComparer.Ordinal);
            if (!HostTree(mock, CrashSeed.UpperRoot).SequenceEqual(plainChange))
            {
                var next = View(CrashSeed.Open(mock, mock));
                if (!next.SequenceEqual(expected)) problems.Add("the next change after re-opening changed more than its own file:\n" + Diff(expected, next));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add($"the next change after re-opening failed: {e.GetType().Name}: {e.Message}");
        }
        if (mock.Directory.Exists(CrashSeed.WorkArea)) problems.Add($"the work area {CrashSeed.WorkArea} remains after the next change");
        var lowersAtEnd = LowerSnapshot(mock);
        if (!lowersAtEnd.SequenceEqual(lowersBefore)) problems.Add("a lower changed after re-opening:\n" + Diff(lowersBefore, lowersAtEnd));
        return new ReopenOutcome(view, problems);
    }

    /// <summary>
    /// The merged view in <see cref="TreeDump"/>'s syntax (<c>/dir/</c>, <c>/file=content</c>) from one recursive
    /// enumeration, which is about twice as fast as TreeDump's walk; the reference states check both agree.
    /// </summary>
    private static List<string> View(IFileSystem fs) =>
        fs.DirectoryInfo.New("/").EnumerateFileSystemInfos("*", SearchOption.AllDirectories)
            .Select(info => info.LinkTarget is { } target ? $"{info.FullName}->{target}"
                : info is IDirectoryInfo ? info.FullName + "/"
                : $"{info.FullName}={fs.File.ReadAllText(info.FullName)}")
            .Order(StringComparer.Ordinal)
            .ToList();

    private static string StepCall(CrashScenario scenario, int step) =>
        step < scenario.Steps.Count ? scenario.Steps[step].Call : "-";

    private sealed record Label(string Text, bool Broken);

    /// <summary>Names the state a view is in: OLD, NEW, a step boundary, a write in flight, or THIRD.</summary>
    private static Label Classify(IReadOnlyList<string> view, List<IReadOnlyList<string>> states, IReadOnlyList<string> before,
        IReadOnlyList<string> after, InFlightWrite? inFlight, bool completed)
    {
        string Name(IReadOnlyList<string> state)
        {
            var index = states.IndexOf(state);
            return index == 0 ? "OLD" : index == states.Count - 1 ? "NEW" : $"after step {index}";
        }

        if (view.SequenceEqual(after)) return new Label(Name(after), false);
        if (!completed && view.SequenceEqual(before)) return new Label(Name(before), false);
        if (!completed && inFlight is not null && IsWriteInFlight(view, after, inFlight))
            return new Label($"{Name(after)}, write in flight", false);
        return new Label("THIRD", true);
    }

    /// <summary>True when the view is <paramref name="after"/> except that the written file holds Base + a prefix of Payload.</summary>
    private static bool IsWriteInFlight(IReadOnlyList<string> view, IReadOnlyList<string> after, InFlightWrite write)
    {
        var prefix = write.Path + "=";
        var others = after.Where(l => !l.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        var mine = view.Where(l => l.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        if (mine.Count != 1 || !view.Where(l => !l.StartsWith(prefix, StringComparison.Ordinal)).SequenceEqual(others)) return false;
        var content = mine[0][prefix.Length..];
        return content.StartsWith(write.Base, StringComparison.Ordinal) && write.Payload.StartsWith(content[write.Base.Length..], StringComparison.Ordinal);
    }

    private static string DiffAgainst(IReadOnlyList<string> view, IReadOnlyList<string> before, IReadOnlyList<string> after) =>
        $"  vs before the step:\n{Diff(before, view)}\n  vs after the step:\n{Diff(after, view)}";

    private static string Diff(IReadOnlyList<string> expected, IReadOnlyList<string> actual)
    {
        var missing = expected.Except(actual, StringComparer.Ordinal).Select(l => "    - " + l);
        var extra = actual.Except(expected, StringComparer.Ordinal).Select(l => "    + " + l);
        var lines = missing.Concat(extra).ToList();
        return lines.Count == 0 ? "    (same lines, other order)" : string.Join("\n", lines);
    }

    /// <summary>
    /// Every host path below a branch root with its content, as the mock stores it (markers and work area included;
    /// work-area names, which are random, as <c>&lt;tmp&gt;</c>).
    /// </summary>
    private static List<string> HostTree(MockFileSystem mock, string root) =>
        mock.AllPaths
            .Where(p => p.StartsWith(root + "/", StringComparison.Ordinal))
            .Select(p => mock.GetFile(p) is { IsDirectory: true } ? p + "/" : $"{p}={mock.GetFile(p).TextContents}")
            .Select(line => TempName().Replace(line, "<tmp>"))
            .Order(StringComparer.Ordinal)
            .ToList();

    [GeneratedRegex("[0-9a-f]{32}")]
    private static partial Regex TempName();

    /// <summary>The lowers as the mock stores them: path, kind, bytes, mode, attributes, creation and write times.</summary>
    private static List<string> LowerSnapshot(MockFileSystem mock) =>
        mock.AllPaths
            .Where(p => p == CrashSeed.Lower1Root || p == CrashSeed.Lower2Root
                        || p.StartsWith(CrashSeed.Lower1Root + "/", StringComparison.Ordinal) || p.StartsWith(CrashSeed.Lower2Root + "/", StringComparison.Ordinal))
            .Select(p =>
            {
                var data = mock.GetFile(p);
                return $"{p} dir={data.IsDirectory} data={Convert.ToHexString(data.Contents)} mode={data.UnixMode} attr={data.Attributes} "
                    + $"ctime={data.CreationTime.UtcTicks} mtime={data.LastWriteTime.UtcTicks}";
            })
            .Order(StringComparer.Ordinal)
            .ToList();
}
