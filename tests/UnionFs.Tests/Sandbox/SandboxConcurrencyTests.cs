namespace UnionFs.Tests.Sandbox;

/// <summary>Checkpoints, rollbacks and discards while other threads read the union.</summary>
public class SandboxConcurrencyTests
{
    [Test]
    public void CheckpointAndRollback_WhileOtherThreadsRead_ShouldNeverShowAPartialTree()
    {
        var lower = new MemoryBranch();
        var seed = new UnionFileSystem(lower);
        seed.Directory.CreateDirectory("/base");
        for (var i = 0; i < 20; i++) seed.File.WriteAllText($"/base/f{i}", $"lower {i}");
        var fs = new UnionFileSystem(new MemoryBranch(), lower);
        for (var i = 0; i < 20; i++) fs.File.WriteAllText($"/base/f{i}", $"state A {i}");
        fs.Directory.CreateDirectory("/extra");
        fs.File.WriteAllText("/extra/one", "1");
        var stateA = fs.Checkpoint();
        var errors = new List<Exception>();
        using var stop = new CancellationTokenSource();

        var readers = Enumerable.Range(0, 3).Select(_ => Task.Run(() =>
        {
            try
            {
                while (!stop.IsCancellationRequested)
                {
                    var names = fs.Directory.GetFiles("/base");
                    names.Should().HaveCount(20);
                    var text = fs.File.ReadAllText("/base/f7");
                    text.Should().BeOneOf("state A 7", "state B 7", "lower 7");
                    fs.Directory.Exists("/base").Should().BeTrue();
                }
            }
            catch (Exception exception)
            {
                lock (errors) errors.Add(exception);
            }
        })).ToList();

        for (var round = 0; round < 200; round++)
        {
            // Each file is replaced by a rename, so a reader never sees one half-written.
            for (var i = 0; i < 20; i++)
            {
                fs.File.WriteAllText("/staging", $"state B {i}");
                fs.File.Move("/staging", $"/base/f{i}", overwrite: true);
            }
            fs.Directory.Delete("/extra", recursive: true);
            var stateB = fs.Checkpoint();
            fs.Rollback(stateA);
            stateB.IsValid.Should().BeFalse();
            if (round % 10 == 0)
            {
                fs.Discard();
                fs.Rollback(stateA);
            }
        }
        stop.Cancel();
        Task.WaitAll(readers.ToArray());

        errors.Should().BeEmpty();
        fs.File.ReadAllText("/base/f7").Should().Be("state A 7");
        fs.File.ReadAllText("/extra/one").Should().Be("1");
    }

    [Test]
    public void Checkpoint_FromManyThreads_ShouldGiveDistinctValidMarks()
    {
        var fs = new UnionFileSystem(new MemoryBranch());
        fs.File.WriteAllText("/a", "a");

        var marks = Enumerable.Range(0, 64).AsParallel().Select(_ => fs.Checkpoint()).ToList();

        marks.Select(m => m.Number).Should().OnlyHaveUniqueItems();
        marks.Should().OnlyContain(m => m.IsValid);
    }
}
