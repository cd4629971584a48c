namespace UnionFs.Tests.Properties.Model;

/// <summary>
/// Makes a failing case minimal before it is reported: drops operations one at a time and takes names out of the
/// fixture (or out of some of its layers) for as long as the case still fails, so no single step can be left out.
/// CsCheck's own shrinking looks for smaller failing samples; this reduces the one that failed.
/// </summary>
public static class ModelShrinker
{
    public static (ModelFixture Fixture, ModelOp[] Ops, string Failure) Minimize(ModelConfiguration configuration, ModelFixture fixture, ModelOp[] ops, string failure)
    {
        var best = (Fixture: fixture, Ops: ops, Failure: failure);
        bool changed;
        do
        {
            changed = false;
            for (var i = best.Ops.Length - 1; i >= 0; i--)
            {
                var fewer = best.Ops.Where((_, j) => j != i).ToArray();
                if (Fails(configuration, best.Fixture, fewer) is { } why)
                {
                    best = (best.Fixture, fewer, why);
                    changed = true;
                }
            }
            for (var c = 0; c < best.Fixture.Masks.Length; c++)
            {
                for (var bit = 0; bit < 4; bit++)
                {
                    var mask = best.Fixture.Masks[c];
                    if ((mask & (1 << bit)) == 0) continue;
                    var masks = (int[])best.Fixture.Masks.Clone();
                    masks[c] = mask & ~(1 << bit);
                    var smaller = new ModelFixture(masks);
                    if (Fails(configuration, smaller, best.Ops) is { } why)
                    {
                        best = (smaller, best.Ops, why);
                        changed = true;
                    }
                }
            }
        }
        while (changed);
        return best;
    }

    private static string? Fails(ModelConfiguration configuration, ModelFixture fixture, ModelOp[] ops)
    {
        try
        {
            ModelRun.Run(configuration, fixture, ops);
            return null;
        }
        catch (Exception e)
        {
            return e.Message;
        }
    }
}
