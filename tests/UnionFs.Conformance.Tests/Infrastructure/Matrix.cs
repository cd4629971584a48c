namespace UnionFs.Conformance.Tests.Infrastructure;

/// <summary>Test cases: every operation of a member group against every <see cref="PathSituation"/>.</summary>
public static class Matrix
{
    /// <summary>One named operation on a path argument.</summary>
    public sealed record Operation(string Name, Func<Subject, string?, object?> Act);

    /// <summary>The cases <c>group.operation(situation)</c>, each carrying the act to compare.</summary>
    public static IEnumerable<TestCaseData> Of(string group, IEnumerable<Operation> operations)
    {
        foreach (var operation in operations)
        foreach (var situation in PathSituation.All)
        {
            var act = operation.Act;
            var make = situation.Make;
            yield return new TestCaseData(new Func<Subject, object?>(s => act(s, make(s))))
                .SetName($"{group}.{operation.Name}({situation.Label})");
        }
    }

    /// <summary>Shorthand for an operation.</summary>
    public static Operation Op(string name, Func<Subject, string?, object?> act) => new(name, act);

    /// <summary>Shorthand for an operation that returns nothing: its outcome is "done".</summary>
    public static Operation Do(string name, Action<Subject, string?> act) => new(name, (s, p) =>
    {
        act(s, p);
        return "done";
    });

    /// <summary>A stream's state, then the stream disposed.</summary>
    public static string Describe(FileSystemStream stream)
    {
        using (stream) return Outcome.Render(stream);
    }
}
