namespace UnionFs.Tests.Properties.Model;

/// <summary>
/// One generated case: the fixture placed in its configuration, then each operation run on the file system and on
/// the model, the outcome (success, or the exact exception type) and the whole tree with every file's content
/// compared after each step; at the end, every lower must be as it was. A mismatch throws, and CsCheck shrinks.
/// </summary>
public static class ModelRun
{
    public static void Run(ModelConfiguration configuration, ModelFixture fixture, ModelOp[] ops)
    {
        var layers = fixture.Layers(configuration.FixtureLayers, configuration.LinksInFixture);
        using var world = new ModelWorld(configuration, layers);
        var model = new FsModel(ModelFixture.Merge(layers));
        Compare(world, model, "at the start");

        for (var i = 0; i < ops.Length; i++)
        {
            var op = ops[i];
            var expected = model.Apply(op);
            var actual = ModelExecutor.Run(world, op);
            if (actual?.GetType() != expected)
            {
                throw new InvalidOperationException(
                    $"op {i} {op}: expected {expected?.Name ?? "success"}, got {(actual is null ? "success" : actual.GetType().Name + ": " + actual.Message)}");
            }
            Compare(world, model, $"after op {i} {op}");
        }
        world.AssertLowersUnchanged();
    }

    public static string Print(ModelFixture fixture, ModelOp[] ops) =>
        $"fixture: {fixture}\nops:\n  {string.Join("\n  ", ops.Select(o => o.ToString()))}";

    private static void Compare(ModelWorld world, FsModel model, string when)
    {
        var expected = model.Dump();
        var actual = ModelDump.Of(world.Fs, world.Root, model.KnowsTime);
        if (!actual.SequenceEqual(expected))
        {
            throw new InvalidOperationException(
                $"the tree differs from the model {when}\nexpected:\n  {string.Join("\n  ", expected)}\nactual:\n  {string.Join("\n  ", actual)}");
        }
    }
}
