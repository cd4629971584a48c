namespace UnionFs.Tests.Infrastructure;

/// <summary>Tracks every fixture a test builds and, at teardown, proves none of their lowers was written.</summary>
public abstract class FixtureTestBase
{
    private readonly List<UnionFixture> _fixtures = [];

    [TearDown]
    public void CheckLowersAndCleanUp()
    {
        try
        {
            foreach (var fixture in _fixtures) fixture.AssertLowersUntouched();
        }
        finally
        {
            foreach (var fixture in _fixtures) fixture.Release();
            _fixtures.Clear();
        }
    }

    protected UnionFixture Track(UnionFixture fixture)
    {
        _fixtures.Add(fixture);
        return fixture;
    }

    /// <summary>An explicit stack of memory branches (see <see cref="UnionFixture.Stacked"/>).</summary>
    protected UnionFixture Stack(string[] upper, params string[][] lowers) => Track(UnionFixture.Stacked(upper, lowers));

    /// <summary>An explicit stack whose raw branches <paramref name="prepare"/> may decorate with markers.</summary>
    protected UnionFixture Stack(string[] upper, string[][] lowers, Action<IBranch, IReadOnlyList<IBranch>> prepare) =>
        Track(UnionFixture.Stacked(upper, lowers, prepare));

    protected static readonly string[] None = [];
}
