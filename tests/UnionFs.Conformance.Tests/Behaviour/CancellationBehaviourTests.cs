using UnionFs.Conformance.Tests.Infrastructure;

namespace UnionFs.Conformance.Tests.Behaviour;

/// <summary>The asynchronous members with a cancelled token: the exception System.IO gives, and nothing changed.</summary>
public class CancellationBehaviourTests(UnionConfiguration configuration) : ConformanceTestBase(configuration)
{
    private static readonly CancellationToken Cancelled = new(canceled: true);

    private static readonly (string Name, Func<Subject, Task> Act)[] Operations =
    [
        ("ReadAllTextAsync", s => s.FileSystem.File.ReadAllTextAsync(s.At("f.txt"), Cancelled)),
        ("ReadAllBytesAsync", s => s.FileSystem.File.ReadAllBytesAsync(s.At("f.txt"), Cancelled)),
        ("ReadAllLinesAsync", s => s.FileSystem.File.ReadAllLinesAsync(s.At("f.txt"), Cancelled)),
        ("WriteAllTextAsync", s => s.FileSystem.File.WriteAllTextAsync(s.At("f.txt"), "new", Cancelled)),
        ("WriteAllBytesAsync", s => s.FileSystem.File.WriteAllBytesAsync(s.At("new.txt"), [1], Cancelled)),
        ("WriteAllLinesAsync", s => s.FileSystem.File.WriteAllLinesAsync(s.At("f.txt"), ["a"], Cancelled)),
        ("AppendAllTextAsync", s => s.FileSystem.File.AppendAllTextAsync(s.At("f.txt"), "more", Cancelled)),
        ("AppendAllLinesAsync", s => s.FileSystem.File.AppendAllLinesAsync(s.At("f.txt"), ["more"], Cancelled)),
        ("ReadAllTextAsync(missing)", s => s.FileSystem.File.ReadAllTextAsync(s.At("missing.txt"), Cancelled)),
        ("ReadLinesAsync", async s => { await foreach (var _ in s.FileSystem.File.ReadLinesAsync(s.At("f.txt"), Cancelled)) { } }),
        ("stream ReadAsync", async s => { await using var stream = s.FileSystem.File.OpenRead(s.At("f.txt")); _ = await stream.ReadAsync(new byte[4], Cancelled); }),
        ("stream WriteAsync", async s => { await using var stream = s.FileSystem.File.OpenWrite(s.At("f.txt")); await stream.WriteAsync(new byte[4], Cancelled); }),
        ("stream FlushAsync", async s => { await using var stream = s.FileSystem.File.OpenWrite(s.At("f.txt")); await stream.FlushAsync(Cancelled); }),
    ];

    /// <summary>The cases.</summary>
    public static IEnumerable<TestCaseData> Cases => Operations.Select(o => new TestCaseData(o.Act).SetName($"Cancelled({o.Name})"));

    [TestCaseSource(nameof(Cases))]
    public void CancelledToken_ShouldThrowAsSystemIODoes(Func<Subject, Task> act) => AssertConforms(s =>
    {
        try
        {
            act(s).GetAwaiter().GetResult();
            return "completed";
        }
        catch (Exception e)
        {
            // The exception's type decides; its message is the framework's own sentence.
            return e.GetType().FullName;
        }
    });
}
