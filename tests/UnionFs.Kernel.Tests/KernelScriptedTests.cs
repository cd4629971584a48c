using UnionFs.Kernel.Tests.Infrastructure;

namespace UnionFs.Kernel.Tests;

/// <summary>
/// Each scripted scenario of <see cref="KernelScriptedCases"/> on a fresh kernel overlay mount and on a fresh
/// UnionFs over the same layers: every operation's outcome and the merged tree after each operation must agree,
/// and neither side may change a lower layer.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class KernelScriptedTests
{
    [OneTimeSetUp]
    public void RequireKernel() => KernelAvailability.RequireOrIgnore();

    [TestCaseSource(typeof(KernelScriptedCases), nameof(KernelScriptedCases.All))]
    public void Scenario_MatchesKernelOverlay(Scenario scenario)
    {
        var divergence = Differential.Run(scenario, compareTreeAfterEachOp: true);
        if (divergence is not null)
            Assert.Fail($"UnionFs diverges from the kernel overlay in '{scenario.Name}':\n{divergence.Details}\nrepro:\n{scenario.ToCode()}");
    }
}
