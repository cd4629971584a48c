using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Sandbox;

/// <summary><see cref="UnionFileSystem.Discard"/> with a directory upper leaves nothing behind on its host.</summary>
[TestFixtureSource(typeof(SandboxPlacements), nameof(SandboxPlacements.DirectoryKinds))]
public class DiscardOnHostTests(Placement placement, BranchKind kind) : UnionTestBase(placement, kind)
{
    [Test]
    public void Discard_DirectoryUpper_ShouldLeaveNothingOnTheHost()
    {
        DiscardTests.ChangeEverything(Fs);

        Fs.Discard();

        Fixture.Store.Host!.Directory.EnumerateFileSystemEntries(Fixture.Store.RootOf("upper")).Should().BeEmpty(
            "markers and the work area go too");
    }
}
