using System.Diagnostics;
using System.Globalization;
using System.IO.Abstractions;
using System.Text;

namespace UnionFs.Kernel.Tests.Infrastructure;

/// <summary>Lower layers plus operations: one differential run.</summary>
public sealed record Scenario(string Name, LayerSet Layers, IReadOnlyList<Op> Ops)
{
    public Scenario WithOps(IReadOnlyList<Op> ops) => this with { Ops = ops };

    public Scenario WithLayers(LayerSet layers) => this with { Layers = layers };

    /// <summary>C# that rebuilds the scenario: the layers, then each operation on <c>IFileSystem fs</c>.</summary>
    public string ToCode()
    {
        var text = new StringBuilder();
        text.Append("    var layers = ").Append(Layers).Append(";\n");
        for (var i = 0; i < Ops.Count; i++) text.Append(CultureInfo.InvariantCulture, $"    /* {i,2} */ {Ops[i]}\n");
        return text.ToString();
    }

    public override string ToString() => Name;
}

/// <summary>Where the two sides first disagreed.</summary>
public sealed record Divergence(int OpIndex, string Signature, string Details)
{
    public const int Tree = -1;
    public const int LowerLayers = -2;
}

/// <summary>
/// Runs a scenario on a kernel overlay mount and on a UnionFileSystem over the same layers, and reports the
/// first disagreement: an operation's outcome (result, or exception type and HResult), a UnionFs message that
/// names a branch's host path, the merged tree afterwards, or a changed lower layer.
/// </summary>
public static class Differential
{
    public static Divergence? Run(Scenario scenario, bool compareTreeAfterEachOp = false)
    {
        using var overlay = KernelOverlay.Create(scenario.Layers);
        var lowerDirectories = overlay.KernelLowers.Concat(overlay.OciLowers).ToArray();
        var lowersBefore = lowerDirectories.Select(Snapshots.Disk).ToArray();
        var kernel = new Side("kernel", new FileSystem(), overlay.MountPoint);
        var union = new Side("UnionFs", overlay.NewUnion(), "");

        for (var i = 0; i < scenario.Ops.Count; i++)
        {
            var op = scenario.Ops[i];
            var expected = op.Apply(kernel);
            var actual = op.Apply(union);
            if (!expected.SameAs(actual))
            {
                return new Divergence(i, $"{op.Kind}: kernel {expected.Brief}, UnionFs {actual.Brief}",
                    $"op {i}: {op}\n    kernel:  {expected}\n    UnionFs: {actual}\n");
            }
            if (actual.Message is { } message && (message.Contains(overlay.Root, StringComparison.Ordinal) || message.Contains("/.wh.", StringComparison.Ordinal)))
            {
                return new Divergence(i, $"{op.Kind}: UnionFs message names a branch path",
                    $"op {i}: {op}\n    UnionFs message names a host or marker path: {message}\n");
            }
            if (compareTreeAfterEachOp && CompareTrees(kernel, union) is { } treeDiff)
                return new Divergence(i, $"{op.Kind}: merged tree", $"after op {i}: {op}\n  merged trees differ:\n{treeDiff}");
        }

        if (overlay.EscapedEntries() is { Count: > 0 } escaped)
        {
            return new Divergence(Divergence.Tree, "HARNESS: a link led the kernel side out of the mount",
                $"HARNESS PROBLEM, not a UnionFs divergence: the kernel side wrote outside the mount: {string.Join(", ", escaped)}\n");
        }

        if (CompareTrees(kernel, union) is { } diff)
            return new Divergence(Divergence.Tree, "merged tree", $"after the last op, the merged trees differ:\n{diff}");

        overlay.Unmount();
        for (var i = 0; i < lowerDirectories.Length; i++)
        {
            var after = Snapshots.Disk(lowerDirectories[i]);
            if (!after.SetEquals(lowersBefore[i]))
            {
                var who = i < overlay.KernelLowers.Count ? "kernel" : "UnionFs";
                return new Divergence(Divergence.LowerLayers, $"{who} changed a lower layer",
                    $"lower layer {lowerDirectories[i]} changed ({who} side):\n{Snapshots.Diff(lowersBefore[i], after, "before", "after")}");
            }
        }
        return null;
    }

    private static string? CompareTrees(Side kernel, Side union)
    {
        var expected = Snapshots.MergedTree(kernel);
        var actual = Snapshots.MergedTree(union);
        return expected.SetEquals(actual) ? null : Snapshots.Diff(expected, actual, "kernel", "UnionFs");
    }

    /// <summary>
    /// Makes a diverging scenario small: drops operations one at a time, then lower-layer entries and whole
    /// layers, keeping each removal after which the scenario still diverges the same way (same signature).
    /// Stops at <paramref name="budget"/>.
    /// </summary>
    public static (Scenario Scenario, Divergence Divergence, int Runs) Shrink(Scenario scenario, Divergence divergence, TimeSpan budget)
    {
        var clock = Stopwatch.StartNew();
        var runs = 0;
        if (divergence.OpIndex >= 0 && divergence.OpIndex + 1 < scenario.Ops.Count)
            scenario = scenario.WithOps([.. scenario.Ops.Take(divergence.OpIndex + 1)]);

        bool Try(Scenario candidate)
        {
            runs++;
            var result = Run(candidate);
            // Only the same divergence counts, so the shrink cannot slide from one bug to another.
            if (result is null || result.Signature != divergence.Signature) return false;
            scenario = result.OpIndex >= 0 ? candidate.WithOps([.. candidate.Ops.Take(result.OpIndex + 1)]) : candidate;
            divergence = result;
            return true;
        }

        var changed = true;
        while (changed && clock.Elapsed < budget)
        {
            changed = false;
            for (var i = scenario.Ops.Count - 1; i >= 0 && clock.Elapsed < budget; i--)
            {
                if (i >= scenario.Ops.Count) continue;
                if (Try(scenario.WithOps([.. scenario.Ops.Where((_, j) => j != i)]))) changed = true;
            }
            for (var layer = scenario.Layers.Lowers.Count - 1; layer >= 0 && clock.Elapsed < budget; layer--)
            {
                if (layer >= scenario.Layers.Lowers.Count) continue;
                if (scenario.Layers.Lowers.Count > 1 && Try(scenario.WithLayers(scenario.Layers.WithoutLower(layer).Sanitized())))
                {
                    changed = true;
                    continue;
                }
                for (var entry = scenario.Layers.Lowers[layer].Entries.Count - 1; entry >= 0 && clock.Elapsed < budget; entry--)
                {
                    var lower = scenario.Layers.Lowers[layer];
                    if (entry >= lower.Entries.Count) continue;
                    if (Try(scenario.WithLayers(scenario.Layers.WithLower(layer, lower.WithoutEntry(entry)).Sanitized()))) changed = true;
                }
            }
        }
        return (scenario, divergence, runs);
    }
}
