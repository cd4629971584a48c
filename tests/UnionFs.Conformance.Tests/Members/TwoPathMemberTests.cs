using UnionFs.Conformance.Tests.Infrastructure;

namespace UnionFs.Conformance.Tests.Members;

/// <summary>
/// The members that take two paths (copy, move, replace, rename a directory), every kind of source against every
/// kind of destination: which argument's error comes first, what each message names, and the tree left behind.
/// </summary>
public class TwoPathMemberTests(UnionConfiguration configuration) : ConformanceTestBase(configuration)
{
    /// <summary>The path kinds both arguments run through: the single-path matrix's, less the malformed ones checked there.</summary>
    private static readonly PathSituation[] Situations =
        PathSituation.All.Where(s => s.Label is not ("blank" or "trailing dot" or "relative missing" or "relative nested" or "dot-dot")).ToArray();

    private static readonly (string Name, Func<Subject, string?, string?, object?> Act)[] Operations =
    [
        ("File.Copy", (s, from, to) => { s.FileSystem.File.Copy(from!, to!); return "done"; }),
        ("File.Copy(overwrite)", (s, from, to) => { s.FileSystem.File.Copy(from!, to!, overwrite: true); return "done"; }),
        ("File.Move", (s, from, to) => { s.FileSystem.File.Move(from!, to!); return "done"; }),
        ("File.Move(overwrite)", (s, from, to) => { s.FileSystem.File.Move(from!, to!, overwrite: true); return "done"; }),
        ("File.Replace", (s, from, to) => { s.FileSystem.File.Replace(from!, to!, null); return "done"; }),
        ("Directory.Move", (s, from, to) => { s.FileSystem.Directory.Move(from!, to!); return "done"; }),
    ];

    /// <summary>The cases.</summary>
    public static IEnumerable<TestCaseData> Cases =>
        from operation in Operations
        from source in Situations
        from destination in Situations
        let act = operation.Act
        let makeSource = source.Make
        let makeDestination = destination.Make
        select new TestCaseData(new Func<Subject, object?>(s => act(s, makeSource(s), makeDestination(s))))
            .SetName($"{operation.Name}({source.Label} -> {destination.Label})");

    [TestCaseSource(nameof(Cases))]
    public void Member_ShouldAnswerAsTheRealFileSystem(Func<Subject, object?> act) => AssertConforms(act);
}
