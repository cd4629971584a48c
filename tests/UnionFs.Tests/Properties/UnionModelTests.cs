using System.Globalization;
using CsCheck;
using UnionFs.Tests.Properties.Model;

namespace UnionFs.Tests.Properties;

/// <summary>
/// Model-based property tests: random sequences of writes, appends, truncations, deletions, directory creation and
/// removal (recursive or not), file and directory moves (lower directories included), copies, links and metadata
/// changes, run against a union and against <see cref="FsModel"/>, a dictionary of the merged view, in every
/// <see cref="ModelConfiguration"/>. The tree and every file's content are compared after each step, and the lowers
/// at the end; a failure is shrunk by CsCheck to a minimal sequence. The same model is checked against the real disk
/// through System.IO (<see cref="FixturePlacement.RealDiskReference"/>), so it is the behaviour of .NET, not a guess.
/// </summary>
/// <remarks>
/// CI runs <see cref="DefaultCases"/> cases per configuration. A long run:
/// <c>UNIONFS_MODEL_CASES=20000 dotnet test tests/UnionFs.Tests --filter "FullyQualifiedName~UnionModelTests"</c>;
/// a failure prints its seed, which <c>UNIONFS_MODEL_SEED=...</c> replays.
/// </remarks>
public class UnionModelTests
{
    public const int DefaultCases = 60;

    private static readonly int Cases = int.TryParse(Environment.GetEnvironmentVariable("UNIONFS_MODEL_CASES"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var cases) && cases > 0
        ? cases
        : DefaultCases;

    private static readonly string? Seed = Environment.GetEnvironmentVariable("UNIONFS_MODEL_SEED") is { Length: > 0 } seed ? seed : null;

    public static IEnumerable<TestCaseData> Configurations() =>
        ModelConfiguration.All.Select(c => new TestCaseData(c).SetName($"RandomSequences_ShouldMatchModel_{c}"));

    [TestCaseSource(nameof(Configurations))]
    public void RandomSequences_ShouldMatchModel(ModelConfiguration configuration)
    {
        Gen.Select(ModelGenerators.Fixture(configuration.FixtureLayers), ModelGenerators.Operation(configuration.LinkOperations).Array[1, 25])
            .Sample(
                (fixture, ops) => RunAndMinimize(configuration, fixture, ops),
                seed: Seed,
                iter: Cases,
                threads: 1,
                print: t => ModelRun.Print(t.Item1, t.Item2));
    }

    /// <summary>Runs one case; a failure is reported as its minimal form.</summary>
    private static void RunAndMinimize(ModelConfiguration configuration, ModelFixture fixture, ModelOp[] ops)
    {
        try
        {
            ModelRun.Run(configuration, fixture, ops);
        }
        catch (Exception e)
        {
            var minimal = ModelShrinker.Minimize(configuration, fixture, ops, e.Message);
            throw new InvalidOperationException($"minimal failing case in {configuration}:\n{ModelRun.Print(minimal.Fixture, minimal.Ops)}\n{minimal.Failure}", e);
        }
    }
}
