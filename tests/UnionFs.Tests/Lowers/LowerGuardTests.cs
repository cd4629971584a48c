using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Lowers;

/// <summary>
/// The check every fixture's lowers go through at teardown (<see cref="UnionFixture.AssertLowersUntouched"/>) catches
/// each way a lower can be reached: a write call refused by the guard, a change to a lower's contents, and a host
/// write into a directory lower's own directory, even one undone before the end of the test.
/// </summary>
public class LowerGuardTests : FixtureTestBase
{
    private static readonly Layout Tree = Layout.Of("/a/b=b", "/c=c");

    [Test]
    public void WriteCallThroughTheGuard_ShouldBeRefusedAndCaught()
    {
        var fixture = UnionFixture.Build(Tree, Placement.Lower);
        try
        {
            fixture.Invoking(f => f.Lowers[0].Remove("/c")).Should().Throw<InvalidOperationException>();

            fixture.Invoking(f => f.AssertLowersUntouched()).Should().Throw<Exception>().WithMessage("*no write may reach lower l1*");
        }
        finally
        {
            fixture.Release();
        }
    }

    [Test]
    public void ChangedLowerContent_ShouldBeCaught()
    {
        var fixture = UnionFixture.Build(Tree, Placement.SplitLowers);
        try
        {
            new UnionFileSystem(fixture.RawLowers[0]).File.AppendAllText("/a/b", "!");

            fixture.Invoking(f => f.AssertLowersUntouched()).Should().Throw<Exception>().WithMessage("*lower l1 must never change*");
        }
        finally
        {
            fixture.Release();
        }
    }

    [TestCase(BranchKind.MockDirectory)]
    [TestCase(BranchKind.RealDirectory)]
    public void HostWriteIntoALowerDirectory_ShouldBeCaughtEvenWhenUndone(BranchKind kind)
    {
        var fixture = UnionFixture.Build(Tree, Placement.Lower, kind);
        try
        {
            // What an upper that escaped its root would do: write beside it, into the lower's directory, and tidy up.
            var host = fixture.Store.BranchHost!;
            var stray = host.Path.Combine(fixture.Store.RootOf("l1"), "stray");
            host.File.WriteAllText(stray, "x");
            host.File.Delete(stray);

            fixture.Invoking(f => f.AssertLowersUntouched()).Should().Throw<Exception>().WithMessage("*no host write may reach the directory of lower l1*");
        }
        finally
        {
            fixture.Release();
        }
    }

    [Test]
    public void UnionWritesEverywhere_ShouldLeaveEveryKindOfLowerUntouched([Values] BranchKind kind)
    {
        var fixture = Track(UnionFixture.Build(StandardLayout.Tree, Placement.UpperAndLowers, kind));
        var fs = fixture.Fs;

        fs.File.AppendAllText("/books/c", "+");
        fs.Directory.Move("/docs", "/moved-docs");
        fs.Directory.Delete("/tree", recursive: true);
        fs.File.Delete("/computers/huawei");
        fs.Directory.CreateDirectory("/computers/new");
        fs.File.SetLastWriteTimeUtc("/README.txt", new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        fixture.AssertLowersUntouched();
    }
}
