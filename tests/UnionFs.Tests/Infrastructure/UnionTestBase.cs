namespace UnionFs.Tests.Infrastructure;

/// <summary>
/// Base of the placement-driven fixtures: each test starts from <see cref="Layout"/> placed according to
/// the fixture's <see cref="Infrastructure.Placement"/>, and ends by proving no lower was written.
/// </summary>
public abstract class UnionTestBase : FixtureTestBase
{
    protected UnionTestBase(Placement placement, BranchKind kind)
    {
        Placement = placement;
        Kind = kind;
    }

    protected Placement Placement { get; }

    protected BranchKind Kind { get; }

    protected virtual Layout Layout => StandardLayout.Tree;

    protected UnionFixture Fixture { get; private set; } = null!;

    protected UnionFileSystem Fs => Fixture.Fs;

    protected IBranch Upper => Fixture.Upper;

    [SetUp]
    public void BuildFixture() => Rebuild(Layout);

    /// <summary>Replaces the fixture with <paramref name="layout"/> in the same placement.</summary>
    protected UnionFixture Rebuild(Layout layout)
    {
        Fixture = Track(UnionFixture.Build(layout, Placement, Kind));
        return Fixture;
    }

    /// <summary>The kind the upper must have at <paramref name="path"/> after deleting it from the merged view.</summary>
    protected EntryKind? ExpectedUpperKindAfterDelete(string path) => Fixture.InLower(path) ? EntryKind.Whiteout : null;

    /// <summary>What the upper has at <paramref name="path"/>; null when nothing.</summary>
    protected EntryKind? UpperKind(string path) => Upper.Stat(path)?.Kind;

    protected IReadOnlyList<string> Tree(string root = "/") => TreeDump.Of(Fs, root);

    /// <summary>The expected merged tree: the layout's tree with the given lines removed and added.</summary>
    protected IReadOnlyList<string> ExpectedTree(IEnumerable<string>? removed = null, IEnumerable<string>? added = null)
    {
        var lines = Fixture.Layout.ExpectedTree().ToList();
        if (removed is not null)
        {
            var gone = removed.ToList();
            lines.RemoveAll(line => gone.Any(g => line == g || line.StartsWith(g.TrimEnd('/') + "/", StringComparison.Ordinal) || LineIsPath(line, g)));
        }

        if (added is not null) lines.AddRange(added);
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    /// <summary>The expected merged tree after moving <paramref name="from"/> to <paramref name="to"/>.</summary>
    protected IReadOnlyList<string> ExpectedTreeAfterMove(string from, string to) =>
        Moved(Fixture.Layout.ExpectedTree(), from, to);

    /// <summary>Tree lines with the path prefix <paramref name="from"/> replaced by <paramref name="to"/>.</summary>
    protected static IReadOnlyList<string> Moved(IEnumerable<string> lines, string from, string to)
    {
        var result = lines.Select(line =>
            line.StartsWith(from + "/", StringComparison.Ordinal) || LineIsPath(line, from)
                ? to + line[from.Length..]
                : line).ToList();
        foreach (var parent in Layout.Ancestors(to))
        {
            if (!result.Contains(parent + "/")) result.Add(parent + "/");
        }

        result.Sort(StringComparer.Ordinal);
        return result;
    }

    private static bool LineIsPath(string line, string path) =>
        line.StartsWith(path, StringComparison.Ordinal) && line.Length > path.Length && (line[path.Length] is '=' or '/' || line.AsSpan(path.Length).StartsWith("->"));
}
