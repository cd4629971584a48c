namespace UnionFs.Tests.Infrastructure;

/// <summary>
/// Tracks every fixture a test builds and, at teardown, proves none of their lowers was written (no write call
/// reached them, and they hold exactly what they held when built). At the end of the class, any fixture built during
/// it that a test did not track is checked the same way, so no fixture's lowers go unchecked.
/// </summary>
public abstract class FixtureTestBase
{
    private readonly List<UnionFixture> _fixtures = [];

    [OneTimeSetUp]
    public void ForgetEarlierFixtures()
    {
        // Fixtures left by classes that do not derive from this one are theirs, not this class's.
        foreach (var (fixture, _) in UnionFixture.TakeUnchecked()) fixture.Release();
    }

    [OneTimeTearDown]
    public void CheckUntrackedFixtures()
    {
        var untracked = UnionFixture.TakeUnchecked();
        try
        {
            foreach (var (fixture, test) in untracked)
            {
                using (new FluentAssertions.Execution.AssertionScope($"the lowers of the fixture built by {test}"))
                    fixture.AssertLowersUntouched();
            }
        }
        finally
        {
            foreach (var (fixture, _) in untracked) fixture.Release();
        }
    }

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
