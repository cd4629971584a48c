using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Sandbox;

/// <summary><see cref="UnionFileSystem.Checkpoint"/> marks a state and <see cref="UnionFileSystem.Rollback"/> returns to it.</summary>
[TestFixtureSource(typeof(Placements), nameof(Placements.LowersOnly))]
public class CheckpointTests(Placement placement, BranchKind kind) : UnionTestBase(placement, kind)
{
    [Test]
    public void Rollback_AfterChanges_ShouldRestoreTheMarkedState()
    {
        Fs.File.WriteAllText("/kept.txt", "kept");
        var before = Tree();
        var changes = Fs.GetChanges();
        var mark = Fs.Checkpoint();
        Fs.File.WriteAllText("/kept.txt", "overwritten");
        Fs.File.Delete("/books/java");
        Fs.Directory.Delete("/tree", recursive: true);
        Fs.Directory.Move("/docs", "/papers");

        Fs.Rollback(mark);

        Tree().Should().Equal(before);
        Fs.GetChanges().Should().Equal(changes);
    }

    [Test]
    public void Rollback_ToTheFirstMarkOfAFreshUnion_ShouldDropEveryChange()
    {
        var mark = Fs.Checkpoint();
        Fs.File.AppendAllText("/books/c", "!");
        Fs.Directory.CreateDirectory("/made/deep");

        Fs.Rollback(mark);

        Tree().Should().Equal(ExpectedTree());
        Fs.GetChanges().Should().BeEmpty();
    }

    [Test]
    public void Rollback_SameMarkTwice_ShouldRestoreItBothTimes()
    {
        Fs.File.WriteAllText("/a.txt", "one");
        var mark = Fs.Checkpoint();
        Fs.File.WriteAllText("/a.txt", "two");
        Fs.Rollback(mark);
        Fs.File.AppendAllText("/a.txt", " plus");
        Fs.File.ReadAllText("/a.txt").Should().Be("one plus");

        Fs.Rollback(mark);

        Fs.File.ReadAllText("/a.txt").Should().Be("one", "a rollback restores a copy; the mark itself is never written");
        mark.IsValid.Should().BeTrue();
    }

    [Test]
    public void Rollback_NestedMarks_ShouldRestoreEachLevel()
    {
        Fs.File.WriteAllText("/level", "1");
        var first = Fs.Checkpoint();
        Fs.File.WriteAllText("/level", "2");
        var second = Fs.Checkpoint();
        Fs.File.WriteAllText("/level", "3");
        var third = Fs.Checkpoint();
        Fs.File.WriteAllText("/level", "4");

        Fs.Rollback(third);
        Fs.File.ReadAllText("/level").Should().Be("3");
        Fs.Rollback(second);
        Fs.File.ReadAllText("/level").Should().Be("2");
        Fs.Rollback(first);
        Fs.File.ReadAllText("/level").Should().Be("1");

        new[] { first.IsValid, second.IsValid, third.IsValid }.Should().Equal(true, false, false);
        new[] { first.Number, second.Number, third.Number }.Should().Equal(1, 2, 3);
    }

    [Test]
    public void Rollback_ToAMarkInvalidatedByAnOlderRollback_ShouldThrowInvalidOperation()
    {
        var older = Fs.Checkpoint();
        Fs.File.WriteAllText("/x", "x");
        var newer = Fs.Checkpoint();
        Fs.Rollback(older);
        Fs.File.WriteAllText("/y", "y");

        var act = () => Fs.Rollback(newer);

        act.Should().Throw<InvalidOperationException>().WithMessage("*checkpoint #2*no longer valid*rolled back to an older checkpoint*");
        Fs.File.Exists("/y").Should().BeTrue("a refused rollback changes nothing");
        newer.IsValid.Should().BeFalse();
    }

    [Test]
    public void Checkpoint_AfterARollback_ShouldNestUnderTheRestoredMark()
    {
        var root = Fs.Checkpoint();
        Fs.File.WriteAllText("/a", "a");
        var discarded = Fs.Checkpoint();
        Fs.Rollback(root);
        Fs.File.WriteAllText("/b", "b");
        var replacement = Fs.Checkpoint();
        Fs.File.WriteAllText("/c", "c");

        Fs.Rollback(replacement);

        Fs.File.Exists("/b").Should().BeTrue();
        Fs.File.Exists("/a").Should().BeFalse();
        Fs.File.Exists("/c").Should().BeFalse();
        discarded.IsValid.Should().BeFalse();
        root.IsValid.Should().BeTrue();
        replacement.Number.Should().Be(3);
    }

    [Test]
    public void Rollback_MarkOfAnotherUnion_ShouldThrowArgumentException()
    {
        var other = new UnionFileSystem(new MemoryBranch());
        var foreign = other.Checkpoint();

        var act = () => Fs.Rollback(foreign);

        act.Should().Throw<ArgumentException>().WithParameterName("checkpoint").WithMessage("*another union*");
    }

    [Test]
    public void Rollback_Null_ShouldThrowArgumentNull()
    {
        var act = () => Fs.Rollback(null!);

        act.Should().Throw<ArgumentNullException>().WithParameterName("checkpoint");
    }

    [Test]
    public void Checkpoint_ShouldNotBeChangedByLaterWritesToSharedFileData()
    {
        var original = Enumerable.Range(0, 300_000).Select(i => (byte)i).ToArray();
        Fs.File.WriteAllBytes("/data.bin", original);
        var mark = Fs.Checkpoint();
        using (var stream = Fs.File.OpenWrite("/data.bin"))
        {
            stream.Position = 70_000;
            stream.Write(new byte[200_000]);
        }
        Fs.File.AppendAllText("/books/c", " changed after the mark");

        Fs.Rollback(mark);

        Fs.File.ReadAllBytes("/data.bin").Should().Equal(original);
        Fs.File.ReadAllText("/books/c").Should().Be("c book");
    }

    [Test]
    public void Rollback_WhileAStreamIsOpenOnAnUpperFile_ShouldLeaveTheStreamWorkingOnItsOwnData()
    {
        Fs.File.WriteAllText("/open.txt", "marked");
        var mark = Fs.Checkpoint();
        using var stream = Fs.File.Open("/open.txt", FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        stream.Write("MORE"u8);

        Fs.Rollback(mark);

        stream.Write("!"u8);
        stream.Position = 0;
        using (var reader = new StreamReader(stream, leaveOpen: true))
        {
            reader.ReadToEnd().Should().Be("MORE!d");
        }

        Fs.File.ReadAllText("/open.txt").Should().Be("marked");
    }

    [Test]
    public void Rollback_OfAUnionHolding64MiB_ShouldNotCopyTheBytes()
    {
        const int Size = 64 * 1024 * 1024;
        using (var stream = Fs.File.Create("/big.bin"))
        {
            var block = new byte[1024 * 1024];
            for (var i = 0; i < Size / block.Length; i++) stream.Write(block);
        }
        var mark = Fs.Checkpoint();
        using (var stream = Fs.File.OpenWrite("/big.bin")) stream.Write([1, 2, 3]);

        var before = GC.GetAllocatedBytesForCurrentThread();
        Fs.Rollback(mark);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        allocated.Should().BeLessThan(1024 * 1024, "a rollback copies the tree, not the file's bytes");
        using var restored = Fs.File.OpenRead("/big.bin");
        restored.Length.Should().Be(Size);
        restored.ReadByte().Should().Be(0);
    }

    [Test]
    public void Checkpoint_OfAUnionHolding64MiB_ShouldNotCopyTheBytes()
    {
        using (var stream = Fs.File.Create("/big.bin")) stream.SetLength(64 * 1024 * 1024);
        using (var stream = Fs.File.OpenWrite("/big.bin")) stream.Write(new byte[1024 * 1024]);

        var before = GC.GetAllocatedBytesForCurrentThread();
        Fs.Checkpoint();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        allocated.Should().BeLessThan(1024 * 1024);
    }
}

/// <summary>Checkpoints need a memory upper and a writable union; the union keeps no mark alive.</summary>
public class CheckpointRequirementsTests
{
    [Test]
    public void Checkpoint_DroppedByTheCaller_ShouldBeFreedWithItsSnapshot()
    {
        var fs = new UnionFileSystem(new MemoryBranch());
        fs.File.WriteAllText("/a", "a");
        var dropped = MarkAndDrop(fs);
        var kept = fs.Checkpoint();

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        dropped.IsAlive.Should().BeFalse();
        kept.IsValid.Should().BeTrue();
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static WeakReference MarkAndDrop(UnionFileSystem fs) => new(fs.Checkpoint());

    [Test]
    public void Checkpoint_DirectoryUpper_ShouldThrowNotSupportedNamingMemoryBranch()
    {
        var host = new System.IO.Abstractions.TestingHelpers.MockFileSystem();
        host.Directory.CreateDirectory("/upper");
        var fs = new UnionFileSystem(new DirectoryBranch(host, "/upper"));

        var act = () => fs.Checkpoint();

        act.Should().Throw<NotSupportedException>().WithMessage("*MemoryBranch upper*");
    }

    [Test]
    public void Checkpoint_ReadOnlyUnion_ShouldThrowReadOnlyFileSystem()
    {
        var fs = UnionFileSystem.ReadOnly(new MemoryBranch());

        Expect.Io(() => fs.Checkpoint(), HResults.ReadOnlyFileSystem, "/");
    }

    [Test]
    public void Rollback_ReadOnlyUnion_ShouldThrowReadOnlyFileSystem()
    {
        var fs = UnionFileSystem.ReadOnly(new MemoryBranch());
        var mark = new UnionFileSystem(new MemoryBranch()).Checkpoint();

        Expect.Io(() => fs.Rollback(mark), HResults.ReadOnlyFileSystem, "/");
    }

    [Test]
    public void Discard_ReadOnlyUnion_ShouldThrowReadOnlyFileSystem()
    {
        var lower = new MemoryBranch();
        new UnionFileSystem(lower).File.WriteAllText("/a", "a");
        var fs = UnionFileSystem.ReadOnly(lower);

        Expect.Io(() => fs.Discard(), HResults.ReadOnlyFileSystem, "/");
        fs.File.ReadAllText("/a").Should().Be("a");
    }

    [Test]
    public void Rollback_OpaqueUpperRoot_ShouldBeHonouredByLookups()
    {
        var lower = new MemoryBranch();
        new UnionFileSystem(lower).File.WriteAllText("/below.txt", "below");
        var upper = new MemoryBranch();
        var fs = new UnionFileSystem(upper, lower);
        var plain = fs.Checkpoint();
        upper.SetOpaque("/", true);
        fs.RefreshLowers();
        fs.File.Exists("/below.txt").Should().BeFalse();
        var opaque = fs.Checkpoint();

        fs.Rollback(plain);
        fs.File.Exists("/below.txt").Should().BeTrue();

        fs.Invoking(f => f.Rollback(opaque)).Should().Throw<InvalidOperationException>();
        fs.Checkpoint();
        upper.SetOpaque("/", true);
        fs.RefreshLowers();
        fs.Discard();
        fs.File.ReadAllText("/below.txt").Should().Be("below");
    }
}
