namespace UnionFs.Conformance.Tests.Infrastructure;

/// <summary>
/// Runs each test on the real file system (a fresh temporary directory, the oracle) and on one union
/// configuration, from the same starting tree, and asserts that both answered the same (value or exception)
/// and left the same tree behind. Nothing about System.IO is hard-coded: the expected answer is what the real
/// file system gave in the same run.
/// </summary>
[TestFixtureSource(typeof(ConformanceTestBase), nameof(Configurations))]
[NonParallelizable] // the real file system's current directory is process-wide
public abstract class ConformanceTestBase
{
    /// <summary>Every union configuration.</summary>
    public static readonly UnionConfiguration[] Configurations = Enum.GetValues<UnionConfiguration>();

    protected ConformanceTestBase(UnionConfiguration configuration) => Configuration = configuration;

    /// <summary>The union configuration this fixture compares with the real file system.</summary>
    protected UnionConfiguration Configuration { get; }

    /// <summary>Runs <paramref name="act"/> on both sides and compares the outcomes and the trees left behind.</summary>
    protected void AssertConforms(Func<Subject, object?> act, Action<IFileSystem, string>? build = null)
    {
        build ??= StandardTree.Build;
        string expected, expectedTree;
        var root = Subject.NewRoot();
        using (var real = Subject.Real(root, build))
        {
            expected = Outcome.Of(real, act);
            expectedTree = TreeState.Of(real);
        }

        using var union = Subject.InUnion(Configuration, root, build);
        var actual = Outcome.Of(union, act);
        var actualTree = TreeState.Of(union);
        actual.Should().Be(expected, "the union must answer as the real file system did");
        actualTree.Should().Be(expectedTree, "the union must leave the tree the real file system left");
    }

    /// <summary>Runs <paramref name="act"/> on both sides (same starting tree) and compares what it returns, nothing else.</summary>
    protected void AssertSameResult(Func<Subject, object?> act, Action<IFileSystem, string>? build = null)
    {
        build ??= StandardTree.Build;
        string expected;
        var root = Subject.NewRoot();
        using (var real = Subject.Real(root, build)) expected = Outcome.Of(real, act);
        using var union = Subject.InUnion(Configuration, root, build);
        Outcome.Of(union, act).Should().Be(expected, "the union must answer as the real file system did");
    }
}
