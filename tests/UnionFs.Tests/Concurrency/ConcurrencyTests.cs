using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Concurrency;

/// <summary>Rule 15: every public member is safe to call from many threads at once.</summary>
[TestFixtureSource(typeof(Placements), nameof(Placements.All))]
public class ConcurrencyTests(Placement placement, BranchKind kind) : UnionTestBase(placement, kind)
{
    [Test]
    public void ParallelWritersOnDistinctFiles_AndReaders_ShouldEndWithEveryWrite()
    {
        const int Workers = 8;
        const int FilesEach = 20;

        Parallel.For(0, Workers, w =>
        {
            for (var i = 0; i < FilesEach; i++)
            {
                Fs.File.WriteAllText($"/books/w{w}-{i}", $"{w}:{i}");
                Fs.File.ReadAllText("/books/c").Should().Be("c book");
                Fs.Directory.GetFiles("/books").Should().Contain("/books/java");
            }
        });

        Fs.Directory.GetFiles("/books", "w*").Should().HaveCount(Workers * FilesEach);
        Fs.File.ReadAllText("/books/w3-7").Should().Be("3:7");
    }

    [Test]
    public void ParallelAppendsToOneLowerFile_ShouldCopyUpOnceAndKeepEveryAppend()
    {
        const int Workers = 8;

        Parallel.For(0, Workers, w => Fs.File.AppendAllText("/README.txt", $"[{w}]"));

        var text = Fs.File.ReadAllText("/README.txt");
        text.Should().StartWith("readme");
        for (var w = 0; w < Workers; w++) text.Should().Contain($"[{w}]");
        text.Length.Should().Be("readme".Length + (Workers * 3));
    }

    [Test]
    public void ParallelCopyUpsInSameLowerDirectory_ShouldAllSucceed()
    {
        var files = new[] { "/tree/top.txt", "/tree/x/w.txt", "/tree/x/y/z.txt", "/docs/a.txt", "/docs/b.txt", "/docs/nested/n.txt" };

        Parallel.ForEach(files, f => Fs.File.AppendAllText(f, "!"));

        foreach (var f in files) Fs.File.ReadAllText(f).Should().EndWith("!");
        Tree().Should().HaveCount(Fixture.Layout.ExpectedTree().Count);
    }
}
