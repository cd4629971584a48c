using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Confinement;

/// <summary>
/// Rule 14: no path, <c>..</c>, symbolic link or link target reaches outside a <see cref="DirectoryBranch"/>'s root.
/// Each input of the <see cref="HostileCatalogue"/> goes through every kind of union operation with the branch as
/// the lower and as the upper, on the real disk and (where the input needs no real links) on a <c>MockFileSystem</c>.
/// A <see cref="SpyFileSystem"/> under the branch records every host path it touches: none may lie outside the
/// root or pass through a host link; the canary beside the root and the outside directory keep their contents
/// and times (their access times too: the canary is never even read); a lower is never written.
/// </summary>
public class ConfinementTests
{
    /// <summary>Far more than a case needs on a loaded machine; only a hang reaches it.</summary>
    private static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(60);

    public static IEnumerable<TestCaseData> Cases() =>
        from input in HostileCatalogue.All
        from host in new[] { HostKind.RealDisk, HostKind.Mock }
        where host == HostKind.RealDisk || !input.RealDiskOnly
        from role in new[] { BranchRole.Lower, BranchRole.Upper }
        select new TestCaseData(input, host, role).SetName($"HostileInput_{role}_{host}_{input.Category}_{input.Name}");

    [Test]
    public void Catalogue_ShouldHoldAtLeastFiftyNamedInputs()
    {
        HostileCatalogue.All.Should().HaveCountGreaterThanOrEqualTo(50);
        HostileCatalogue.All.Select(i => i.Name).Should().OnlyHaveUniqueItems();
    }

    [TestCaseSource(nameof(Cases))]
    public void HostileInput_ShouldNeverLeaveTheRoot(HostileInput input, HostKind hostKind, BranchRole role)
    {
        using var host = ConfinementHost.Create(hostKind);
        input.Plant?.Invoke(host.Planter);
        var rootBefore = host.RootTree();

        var spy = new SpyFileSystem(host.Host, host.Root, checkHostLinks: hostKind == HostKind.RealDisk);
        GuardedBranch? guard = null;
        UnionProbe? probe = null;
        var run = Task.Run(() =>
        {
            var branch = new DirectoryBranch(spy, host.Root);
            UnionFileSystem fs;
            if (role == BranchRole.Lower)
            {
                guard = new GuardedBranch(branch, "directory lower");
                fs = new UnionFileSystem(new MemoryBranch(), guard);
            }
            else
            {
                var lower = new MemoryBranch();
                BranchWriter.Write(lower, new[] { "/file.txt=lower data", "/dir/lowerfile=lf", "/dir/inner.txt=lower inner", "/lowdir/x=x" }.Select(Layout.Parse));
                guard = new GuardedBranch(lower, "memory lower");
                fs = new UnionFileSystem(branch, guard);
            }
            probe = new UnionProbe(fs, input.PathIn(host.Sandbox), input.LinkTargetIn(host.Sandbox), host.Root);
            probe.Run();
        });

        if (!run.Wait(HangLimit)) Assert.Fail($"hung in '{probe?.Step ?? "opening the branch"}'");
        run.Exception.Should().BeNull();
        probe!.Failures.Should().BeEmpty("every operation succeeds or throws a clear System.IO exception");
        spy.Violations.Should().BeEmpty("the branch touches nothing outside its root");
        host.OutsideMetadata().Should().Equal(host.BeforeOutside, "nothing outside the root is created, changed or read");
        host.OutsideContents().Should().Equal(ConfinementHost.CanaryText, "secret", "/file.txt");
        guard!.Violations.Should().BeEmpty("no write reaches a lower");
        if (role == BranchRole.Lower)
        {
            spy.Writes.Should().BeEmpty("a lower is only read");
            host.RootTree().Should().Equal(rootBefore, "a lower never changes");
        }
    }
}
