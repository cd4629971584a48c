using System.Diagnostics;
using System.Globalization;
using System.Text;
using UnionFs.Kernel.Tests.Infrastructure;

namespace UnionFs.Kernel.Tests;

/// <summary>
/// Random operation sequences (30 to 50 operations over 1 to 4 random lower layers) on the kernel overlay and
/// on UnionFs, compared after every sequence. <c>UNIONFS_KERNEL_SEQUENCES</c> sets how many (default 2,000, what CI runs),
/// <c>UNIONFS_KERNEL_SEED</c> the first seed (default 1; sequence i uses seed + i). A diverging sequence is
/// printed with its seed, then shrunk to a minimal one: the first sequence of each distinct divergence
/// (signature), at most <c>UNIONFS_KERNEL_SHRINKS</c> per batch of 25 (default 3).
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class KernelRandomSequenceTests
{
    private const int BatchSize = 25;
    private static readonly TimeSpan ShrinkBudget = TimeSpan.FromSeconds(90);

    /// <summary>Signatures already shrunk in this run: one minimal repro per distinct divergence is enough.</summary>
    private static readonly HashSet<string> ShrunkSignatures = [];

    [OneTimeSetUp]
    public void RequireKernel() => KernelAvailability.RequireOrIgnore();

    public static IEnumerable<TestCaseData> Batches()
    {
        var count = ReadSetting("UNIONFS_KERNEL_SEQUENCES", 2000);
        var seed = ReadSetting("UNIONFS_KERNEL_SEED", 1);
        for (var first = 0; first < count; first += BatchSize)
        {
            var size = Math.Min(BatchSize, count - first);
            yield return new TestCaseData(seed + first, size)
                .SetName($"RandomSequences_seeds_{seed + first}_to_{seed + first + size - 1}_MatchKernelOverlay");
        }
    }

    [TestCaseSource(nameof(Batches))]
    public void RandomSequences_MatchKernelOverlay(int firstSeed, int count)
    {
        var clock = Stopwatch.StartNew();
        var shrinksPerBatch = ReadSetting("UNIONFS_KERNEL_SHRINKS", 3);
        var report = new StringBuilder();
        var failures = 0;
        var shrunk = 0;
        for (var seed = firstSeed; seed < firstSeed + count; seed++)
        {
            var scenario = Generator.Scenario(seed);
            var divergence = Differential.Run(scenario);
            if (divergence is null) continue;
            failures++;
            report.Append(CultureInfo.InvariantCulture, $"seed {seed} ({scenario.Ops.Count} ops): {divergence.Signature}\n");
            bool isNew;
            lock (ShrunkSignatures) isNew = shrunk < shrinksPerBatch && ShrunkSignatures.Add(divergence.Signature);
            if (!isNew)
            {
                report.Append("    (same divergence as one shrunk before, or shrink limit reached; rerun with UNIONFS_KERNEL_SEED=")
                    .Append(seed).Append(" UNIONFS_KERNEL_SEQUENCES=1 to see it)\n");
                continue;
            }
            shrunk++;
            report.Append("  the sequence:\n").Append(scenario.ToCode());
            report.Append("  diverges at: ").Append(divergence.Details);
            var (minimal, minimalDivergence, runs) = Differential.Shrink(scenario, divergence, ShrinkBudget);
            report.Append(CultureInfo.InvariantCulture, $"  shrunk ({runs} runs) to:\n").Append(minimal.ToCode());
            report.Append("  which diverges at: ").Append(minimalDivergence.Details).Append('\n');
            lock (ShrunkSignatures) ShrunkSignatures.Add(minimalDivergence.Signature);
        }
        TestContext.Progress.WriteLine($"kernel random sequences {firstSeed}..{firstSeed + count - 1}: {failures} diverged, {clock.Elapsed.TotalSeconds:F1} s");
        if (failures > 0)
            Assert.Fail($"{failures} of {count} random sequences diverge from the kernel overlay (seeds {firstSeed}..{firstSeed + count - 1}):\n{report}");
    }

    private static int ReadSetting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
