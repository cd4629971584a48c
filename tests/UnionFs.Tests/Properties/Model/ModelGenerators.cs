using CsCheck;

namespace UnionFs.Tests.Properties.Model;

/// <summary>
/// Generators of fixtures and operation sequences over a small name space, so that names collide often: a file
/// where a directory was, a move onto an existing name, a link whose target comes and goes.
/// </summary>
public static class ModelGenerators
{
    private static readonly string[] Directories = ["/a", "/b", "/a/c", "/a/c/e", "/b/a"];
    private static readonly string[] Files = ["/f", "/t", "/a/f", "/a/g", "/b/f", "/a/c", "/a/c/f", "/a/c/e/f", "/b/a"];
    private static readonly string[] Links = ["/l", "/a/l"];
    private static readonly string[] LinkTargets = ["/missing/target", "/t", "/a/f", "/a", "/a/c"];
    private static readonly DateTime[] Times = [new(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc), new(2012, 6, 30, 12, 0, 0, DateTimeKind.Utc)];

    /// <summary>A fixture for <paramref name="layers"/> layers: each candidate absent half the time, else in some of them.</summary>
    public static Gen<ModelFixture> Fixture(int layers) =>
        Gen.Frequency((1, Gen.Const(0)), (1, Gen.Int[1, (1 << layers) - 1]))
            .Array[ModelFixture.Candidates.Count]
            .Select(masks => new ModelFixture(masks));

    /// <summary>Operations; with <paramref name="links"/>, link names and link creation too.</summary>
    public static Gen<ModelOp> Operation(bool links)
    {
        string[] files = links ? [.. Files, .. Links] : Files;
        string[] any = [.. Directories, .. files.Except(Directories)];
        var file = Gen.OneOf(files);
        var directory = Gen.OneOf(any);
        var name = Gen.OneOf(any);
        var content = Gen.Int[0, 9].Select(i => "v" + i);
        var operations = new List<(int, Gen<ModelOp>)>
        {
            (4, Gen.Select(file, content, (p, c) => (ModelOp)new ModelOp.WriteAllText(p, c))),
            (3, Gen.Select(file, content, (p, c) => (ModelOp)new ModelOp.AppendAllText(p, c))),
            (1, file.Select(p => (ModelOp)new ModelOp.Truncate(p))),
            (3, name.Select(p => (ModelOp)new ModelOp.DeleteFile(p))),
            (3, directory.Select(p => (ModelOp)new ModelOp.CreateDirectory(p))),
            (3, Gen.Select(directory, Gen.Bool, (p, r) => (ModelOp)new ModelOp.DeleteDirectory(p, r))),
            (3, Gen.Select(file, name, Gen.Bool, (s, d, o) => (ModelOp)new ModelOp.MoveFile(s, d, o)).Where(m => ((ModelOp.MoveFile)m).Source != ((ModelOp.MoveFile)m).Destination)),
            (3, Gen.Select(directory, Gen.OneOf([.. any, "/d", "/b/d", "/a/e"]), (s, d) => (ModelOp)new ModelOp.MoveDirectory(s, d))),
            (2, Gen.Select(file, Gen.OneOf(Files), Gen.Bool, (s, d, o) => (ModelOp)new ModelOp.CopyFile(s, d, o))),
            (2, Gen.Select(name, Gen.OneOf(Times), (p, t) => (ModelOp)new ModelOp.SetLastWriteTime(p, t))),
            (1, name.Select(p => (ModelOp)new ModelOp.SetAttributes(p))),
        };
        if (links) operations.Add((2, Gen.Select(Gen.OneOf(Links), Gen.OneOf(LinkTargets), (p, t) => (ModelOp)new ModelOp.CreateSymbolicLink(p, t))));
        return Gen.Frequency([.. operations]);
    }
}
