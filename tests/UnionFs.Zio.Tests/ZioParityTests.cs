using UnionFs.Zio.Tests.Infrastructure;
using Zio.FileSystems;

namespace UnionFs.Zio.Tests;

/// <summary>
/// Each Zio operation runs on Zio's own <see cref="MemoryFileSystem"/> holding the merged tree (the reference) and on
/// <c>union.AsZio()</c> over each <see cref="Configuration"/>: the same value or exception type, then the same tree. After
/// each operation the Zio lower is fingerprinted again: it is never written.
/// </summary>
[TestFixtureSource(nameof(Configurations))]
public class ZioParityTests(Configuration configuration)
{
    public static IEnumerable<Configuration> Configurations() => Enum.GetValues<Configuration>();

    public static IEnumerable<string> Operations() => ZioOperations.All.Keys;

    [TestCaseSource(nameof(Operations))]
    public void Operation_OnUnion_ShouldMatchZioMemoryFileSystem(string operation)
    {
        var run = ZioOperations.All[operation];
        using var reference = Layers.Reference();
        using var stacked = new StackedUnion(configuration);

        Outcome.Tree(stacked.Zio).Should().Be(Outcome.Tree(reference), "the union starts with the merged tree");
        var expected = Outcome.Of(reference, run);
        var actual = Outcome.Of(stacked.Zio, run);

        actual.Result.Should().Be(expected.Result, "the operation answers what Zio's memory file system answers");
        actual.Tree.Should().Be(expected.Tree, "the operation leaves the tree Zio's memory file system leaves");
        stacked.AssertLowerUnchanged();
    }
}
