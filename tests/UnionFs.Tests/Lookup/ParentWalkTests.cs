using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Lookup;

/// <summary>
/// The union remembers the directory its last walk ended in, so the next name in the same directory is one probe.
/// Whatever changes where a directory path leads (a directory copied up, made, removed, renamed, replaced by a link,
/// made opaque) must make it walk again: each test first walks into a directory, then changes the layout under the
/// remembered walk, then looks again. Each test runs three times, once for each place a thread's remembered walk can
/// be in (<see cref="Walker"/>).
/// </summary>
[TestFixture(Walker.OneThread)]
[TestFixture(Walker.Threads)]
[TestFixture(Walker.PastTheUnionsWalks)]
public class ParentWalkTests(ParentWalkTests.Walker walker)
{
    /// <summary>Who walked the union before the test, which decides where the test thread's remembered walk is.</summary>
    public enum Walker
    {
        /// <summary>This thread alone: its walk is the union's own.</summary>
        OneThread,

        /// <summary>This thread, then another: each has a walk the union keeps for the threads that walk it.</summary>
        Threads,

        /// <summary>
        /// This thread, from frames so far apart on its stack that the union took each for another thread and has no
        /// walk left: the test's walks are kept in a thread-static.
        /// </summary>
        PastTheUnionsWalks,
    }

    /// <summary>More frames far apart than a union keeps walks for (its own and those for further threads).</summary>
    private const int FarApartFrames = 8;

    /// <summary>Stack between two of those frames: more than the distance within which a thread finds its walk again.</summary>
    private const int FrameDistance = 96 * 1024;

    private MemoryBranch _lower = null!;
    private MemoryBranch _upper = null!;
    private UnionFileSystem _fs = null!;

    [SetUp]
    public void SetUp()
    {
        _lower = new MemoryBranch();
        var filler = new UnionFileSystem(_lower);
        filler.Directory.CreateDirectory("/a/b");
        filler.File.WriteAllText("/a/b/lower.txt", "lower");
        filler.Directory.CreateDirectory("/z");
        filler.File.WriteAllText("/z/target.txt", "target");
        _upper = new MemoryBranch();
        _fs = new UnionFileSystem(_upper, _lower);
        switch (walker)
        {
            case Walker.Threads:
                _fs.File.Exists("/z/target.txt").Should().BeTrue();
                var other = new Thread(() => _fs.File.Exists("/a/b/lower.txt"));
                other.Start();
                other.Join();
                break;
            case Walker.PastTheUnionsWalks:
                WalkFromFramesFarApart(FarApartFrames, _ => _fs.File.Exists("/a/b/lower.txt").Should().BeTrue());
                break;
        }
    }

    /// <summary>Runs <paramref name="walk"/> in <paramref name="frames"/> frames, each <see cref="FrameDistance"/> deeper on the stack than the last.</summary>
    private static void WalkFromFramesFarApart(int frames, Action<int> walk) => Deeper(0, frames, walk);

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void Deeper(int frame, int frames, Action<int> walk)
    {
        walk(frame);
        if (frame + 1 == frames) return;
        Span<byte> distance = stackalloc byte[FrameDistance];
        distance[^1] = 1;
        Deeper(frame + 1, frames, walk);
        // Read after the call, so that the space stays taken while the deeper frames walk.
        distance[^1].Should().Be(1);
    }

    [Test]
    public void ADirectoryCopiedUp_ShowsTheFilesThenMadeInIt()
    {
        _fs.File.Exists("/a/b/lower.txt").Should().BeTrue();
        _fs.File.WriteAllText("/a/b/new.txt", "new");

        _fs.File.Exists("/a/b/new.txt").Should().BeTrue();
        _fs.File.ReadAllText("/a/b/new.txt").Should().Be("new");
        _fs.File.ReadAllText("/a/b/lower.txt").Should().Be("lower");
    }

    [Test]
    public void ADirectoryCopiedUpByAnotherUnion_OverTheSameUpper_IsSeen()
    {
        _fs.File.Exists("/a/b/lower.txt").Should().BeTrue();
        // The upper written directly (as a second union over it would): the remembered walk has no upper part.
        _upper.CreateDirectory("/a", EntryMetadata.NewDirectory(DateTime.UtcNow), opaque: false);
        _upper.CreateDirectory("/a/b", EntryMetadata.NewDirectory(DateTime.UtcNow), opaque: false);
        _upper.CreateFile("/a/b/direct.txt", null, EntryMetadata.NewFile(DateTime.UtcNow));

        _fs.File.Exists("/a/b/direct.txt").Should().BeTrue();
        _fs.File.Exists("/a/b/lower.txt").Should().BeTrue();
    }

    [Test]
    public void ADirectoryRenamed_IsNoLongerWalkedByItsOldName()
    {
        _fs.File.Exists("/a/b/lower.txt").Should().BeTrue();
        _fs.Directory.Move("/a/b", "/a/c");

        _fs.File.Exists("/a/b/lower.txt").Should().BeFalse();
        _fs.File.Exists("/a/c/lower.txt").Should().BeTrue();
    }

    [Test]
    public void ADirectoryRemovedAndMadeAgain_IsOpaque_AndShowsNothingOfTheLower()
    {
        _fs.File.Exists("/a/b/lower.txt").Should().BeTrue();
        _fs.Directory.Delete("/a/b", recursive: true);
        _fs.Directory.CreateDirectory("/a/b");

        _fs.File.Exists("/a/b/lower.txt").Should().BeFalse();
        _fs.Directory.GetFileSystemEntries("/a/b").Should().BeEmpty();
    }

    [Test]
    public void ADirectoryReplacedByALink_IsFollowed()
    {
        _fs.File.Exists("/a/b/lower.txt").Should().BeTrue();
        _fs.Directory.Delete("/a/b", recursive: true);
        _fs.File.CreateSymbolicLink("/a/b", "/z");

        _fs.File.Exists("/a/b/lower.txt").Should().BeFalse();
        _fs.File.ReadAllText("/a/b/target.txt").Should().Be("target");
    }

    [Test]
    public void ADirectoryMadeOpaqueInTheUpper_HidesTheLower()
    {
        _fs.File.WriteAllText("/a/b/new.txt", "new");
        _fs.File.Exists("/a/b/lower.txt").Should().BeTrue();
        _upper.SetOpaque("/a/b", opaque: true);

        _fs.File.Exists("/a/b/lower.txt").Should().BeFalse();
        _fs.File.Exists("/a/b/new.txt").Should().BeTrue();
    }

    [Test]
    public void AWhiteoutOverADirectory_HidesWhatWasBelowIt()
    {
        _fs.File.Exists("/a/b/lower.txt").Should().BeTrue();
        _upper.CreateDirectory("/a", EntryMetadata.NewDirectory(DateTime.UtcNow), opaque: false);
        _upper.CreateWhiteout("/a/b");

        _fs.File.Exists("/a/b/lower.txt").Should().BeFalse();
        _fs.Directory.Exists("/a/b").Should().BeFalse();
    }

    [Test]
    public void AFileMadeBesideTheRememberedDirectory_IsSeen_AfterItsParentIsCopiedUp()
    {
        // The walk into /a/b keeps /a too (a lowers-only directory then), for walks into a sibling; writing in /a copies
        // it up, after which what was kept of /a no longer holds.
        _fs.File.Exists("/a/b/lower.txt").Should().BeTrue();
        _fs.File.WriteAllText("/a/new.txt", "new");
        _fs.Directory.CreateDirectory("/a/c");
        _fs.File.WriteAllText("/a/c/made.txt", "made");

        _fs.File.Exists("/a/new.txt").Should().BeTrue();
        _fs.File.ReadAllText("/a/new.txt").Should().Be("new");
        _fs.File.ReadAllText("/a/c/made.txt").Should().Be("made");
        _fs.File.Exists("/a/b/lower.txt").Should().BeTrue();
        _fs.Directory.GetFileSystemEntries("/a").Should().BeEquivalentTo("/a/b", "/a/c", "/a/new.txt");
    }

    [Test]
    public void DirectoriesMadeBelowTheRememberedOne_AreWalkedFromIt()
    {
        _fs.File.Exists("/a/b/lower.txt").Should().BeTrue();
        _fs.Directory.CreateDirectory("/a/b/c/d");
        _fs.File.WriteAllText("/a/b/c/d/deep.txt", "deep");
        _fs.File.WriteAllText("/a/b/c/mid.txt", "mid");

        _fs.File.ReadAllText("/a/b/c/d/deep.txt").Should().Be("deep");
        _fs.File.ReadAllText("/a/b/c/mid.txt").Should().Be("mid");
        _fs.File.ReadAllText("/a/b/lower.txt").Should().Be("lower");
        _fs.File.Exists("/a/b/c/lower.txt").Should().BeFalse();
    }

    [Test]
    public void ASiblingRemovedAndMadeAgain_WalkedFromTheParent_ShowsNothingOfTheLower()
    {
        _fs.File.WriteAllText("/a/b/new.txt", "new");
        _fs.File.Exists("/a/b/lower.txt").Should().BeTrue();
        _fs.Directory.Delete("/a/b", recursive: true);
        _fs.Directory.CreateDirectory("/a/b");
        _fs.Directory.CreateDirectory("/a/c");
        _fs.File.WriteAllText("/a/c/x.txt", "x");

        _fs.File.Exists("/a/b/lower.txt").Should().BeFalse();
        _fs.File.Exists("/a/b/new.txt").Should().BeFalse();
        _fs.File.ReadAllText("/a/c/x.txt").Should().Be("x");
    }

    [Test]
    public void TheSameNames_WalkedFromManyThreads_AgreeWithOneWalkEach()
    {
        for (var i = 0; i < 20; i++) _fs.File.WriteAllText($"/a/b/f{i}.txt", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var failures = 0;
        Parallel.For(0, 4000, i =>
        {
            var name = $"/a/b/f{i % 20}.txt";
            if (_fs.File.ReadAllText(name) != (i % 20).ToString(System.Globalization.CultureInfo.InvariantCulture)) Interlocked.Increment(ref failures);
            if (!_fs.File.Exists("/z/target.txt")) Interlocked.Increment(ref failures);
        });
        failures.Should().Be(0);
    }

    [Test]
    public void OneThreadWalkingFromFramesFarApart_GetsTheAnswersOfOneWalkEach()
    {
        // Each frame is taken for another thread: the first keeps the union's own walk until the second comes, the next
        // ones take the walks the union keeps for further threads, the last ones share this thread's thread-static. In
        // each: a name in the directory of the frame's last walk, made or removed there since, and names elsewhere.
        for (var frame = 0; frame < FarApartFrames; frame++)
            _fs.File.WriteAllText($"/a/b/made{frame}.txt", frame.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var answers = new List<string>();
        for (var round = 0; round < 3; round++)
        {
            WalkFromFramesFarApart(FarApartFrames, frame =>
            {
                var own = $"/a/b/made{frame}.txt";
                var before = _fs.File.Exists(own);
                if (round == 1) _fs.File.Delete(own);
                if (round == 2) _fs.File.WriteAllText(own, "again");
                var after = _fs.File.Exists(own) ? _fs.File.ReadAllText(own) : "-";
                answers.Add($"{frame}:{before}:{after}:{_fs.File.Exists("/a/b/lower.txt")}:{_fs.File.Exists("/z/target.txt")}:{_fs.File.Exists("/a/b/missing")}");
            });
        }

        var expected = new[] { ("True", "{0}"), ("True", "-"), ("False", "again") }.SelectMany(round =>
            Enumerable.Range(0, FarApartFrames).Select(frame =>
                $"{frame}:{round.Item1}:{string.Format(System.Globalization.CultureInfo.InvariantCulture, round.Item2, frame)}:True:True:False"));
        answers.Should().Equal(expected);
    }

    [Test]
    public void AWalkRememberedByOneUnion_IsNotTakenByAnotherOnTheSameThread()
    {
        var other = new UnionFileSystem(new MemoryBranch(), new MemoryBranch());
        other.Directory.CreateDirectory("/a/b");

        _fs.File.Exists("/a/b/lower.txt").Should().BeTrue();
        other.File.Exists("/a/b/lower.txt").Should().BeFalse();
        _fs.File.Exists("/a/b/lower.txt").Should().BeTrue();
    }

    [Test]
    public void ThreadsLookingUpInDirectoriesOfTheirOwn_EachKeepTheirRememberedWalk()
    {
        // More threads than the union keeps walks for: if any two shared one, taking turns they would replace each
        // other's remembered directory at every lookup and walk from the root again, which allocates. Bytes, not time.
        const int threads = 6, rounds = 50;
        var lower = new MemoryBranch();
        var filler = new UnionFileSystem(lower);
        for (var t = 0; t < threads; t++)
        {
            filler.Directory.CreateDirectory($"/t{t}/sub");
            filler.File.WriteAllText($"/t{t}/sub/lower.txt", "lower");
        }
        var fs = new UnionFileSystem(new MemoryBranch(), lower);
        // Each thread's directory in the upper too: a walk from the root makes a merge stack for each such level.
        for (var t = 0; t < threads; t++) fs.File.WriteAllText($"/t{t}/sub/upper.txt", "upper");
        var allocated = new long[threads];
        using var turns = new Barrier(threads);
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            var path = $"/t{t}/sub/lower.txt";
            // The first walk remembers the directory, the second learns the name there: both allocate, once. The thread
            // that walked first gives up the union's own walk when the next comes, and takes another when it next walks.
            for (var warm = 0; warm < 2; warm++)
            {
                turns.SignalAndWait();
                fs.File.Exists(path);
                fs.File.Exists(path);
            }
            for (var round = 0; round < rounds; round++)
            {
                turns.SignalAndWait();
                var before = GC.GetAllocatedBytesForCurrentThread();
                fs.File.Exists(path);
                allocated[t] += GC.GetAllocatedBytesForCurrentThread() - before;
            }
        })).ToList();
        workers.ForEach(worker => worker.Start());
        workers.ForEach(worker => worker.Join());

        allocated.Should().AllSatisfy(bytes => bytes.Should().Be(0));
    }

    [Test]
    public void ThreadsChangingDirectoryAtOnce_InFreshUnions_EachGetTheirOwnAnswers()
    {
        // A union keeps the directory of its first walker's last walk where every thread reads it, until a second
        // thread changes directory in it. Fresh unions, so that each starts in that state with several threads at once.
        // Each thread's directories hold its own name only: a directory taken for another would answer wrongly.
        const int threads = 3, directories = 8, unions = 150;
        var lower = new MemoryBranch();
        var filler = new UnionFileSystem(lower);
        for (var t = 0; t < threads; t++)
        {
            for (var d = 0; d < directories; d++)
            {
                filler.Directory.CreateDirectory($"/t{t}/d{d}");
                filler.File.WriteAllText($"/t{t}/d{d}/own{t}", "x");
            }
        }
        var failures = 0;
        for (var u = 0; u < unions; u++)
        {
            var fs = new UnionFileSystem(new MemoryBranch(), lower);
            using var start = new Barrier(threads);
            var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
            {
                start.SignalAndWait();
                for (var i = 0; i < 200; i++)
                {
                    var directory = $"/t{(i % 7 == 0 ? (t + 1) % threads : t)}/d{i % directories}";
                    var owner = i % 7 == 0 ? (t + 1) % threads : t;
                    if (!fs.File.Exists($"{directory}/own{owner}")) Interlocked.Increment(ref failures);
                    if (fs.File.Exists($"{directory}/own{(owner + 1) % threads}")) Interlocked.Increment(ref failures);
                }
            })).ToList();
            workers.ForEach(worker => worker.Start());
            workers.ForEach(worker => worker.Join());
        }

        failures.Should().Be(0);
    }

    [Test]
    public void AUnionWalkedByOneThreadThenAnother_AnswersAlike()
    {
        // The first walker's remembered directory is read by the next thread, which then changes directory itself.
        var seen = new List<bool>();
        var thread = new Thread(() => seen.Add(_fs.File.Exists("/a/b/lower.txt")));
        thread.Start();
        thread.Join();

        seen.Add(_fs.File.Exists("/a/b/lower.txt"));
        seen.Add(_fs.File.Exists("/z/target.txt"));
        seen.Add(_fs.File.Exists("/a/b/target.txt"));
        seen.Add(_fs.File.Exists("/z/lower.txt"));

        seen.Should().Equal(true, true, true, false, false);
    }

    [Test]
    public void AUnionDropped_DoesNotKeepItsUpperAlive_ThroughTheWalkItsThreadRemembers()
    {
        // The thread remembers the directory of its last walk; a sandbox's upper (what it wrote) must still go with it.
        var upper = WriteThroughAUnionAndDropIt(_lower);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        upper.TryGetTarget(out _).Should().BeFalse();
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static WeakReference<MemoryBranch> WriteThroughAUnionAndDropIt(MemoryBranch lower)
    {
        var upper = new MemoryBranch();
        var fs = new UnionFileSystem(upper, lower);
        fs.File.WriteAllText("/a/b/written.txt", "written");
        fs.File.ReadAllText("/a/b/written.txt").Should().Be("written");
        fs.File.Exists("/a/b/lower.txt").Should().BeTrue();
        return new WeakReference<MemoryBranch>(upper);
    }

    [Test]
    public void AUnionDropped_AfterOneThreadWalkedIt_DoesNotKeepItsLowersAlive()
    {
        // A union over a tree of images or a directory of its own, walked and dropped: its lowers and what the union
        // learnt of them must go with it, not stay until this thread walks another union.
        var lower = WalkALowerThroughAUnionAndDropBoth();

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        lower.TryGetTarget(out _).Should().BeFalse();
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static WeakReference<MemoryBranch> WalkALowerThroughAUnionAndDropBoth()
    {
        var lower = new MemoryBranch();
        var filler = new UnionFileSystem(lower);
        filler.Directory.CreateDirectory("/a/b");
        filler.File.WriteAllText("/a/b/lower.txt", "lower");
        var fs = new UnionFileSystem(new MemoryBranch(), lower);
        fs.File.Exists("/a/b/lower.txt").Should().BeTrue();
        fs.File.Exists("/a/b/missing.txt").Should().BeFalse();
        fs.File.ReadAllText("/a/b/lower.txt").Should().Be("lower");
        return new WeakReference<MemoryBranch>(lower);
    }

    [TestCase(true)]
    [TestCase(false)]
    public void NamesWrittenOrLookedUpOneAfterAnother_InOneDirectory_CostTheSameAtAnyDepth(bool write)
    {
        // Bytes allocated, not time: a walk from the root allocates per directory level, one from the parent does not.
        var shallow = AllocatedPerName(depth: 2, write);
        var deep = AllocatedPerName(depth: 200, write);

        deep.Should().BeLessThan(shallow + 256, $"a name 200 levels down costs what one 2 levels down does ({shallow} bytes)");
    }

    [Test]
    public void DirectoriesMadeAndWrittenOneAfterAnother_CostTheSameAtAnyDepth()
    {
        // A tree written directory by directory: each walk into the next directory starts at their common parent, so a
        // directory 200 levels down costs what one 2 levels down does, but for one copy of its path (the upper's path
        // of the directory, kept with what the walk found). Bytes, not time: a walk from the root allocates per level.
        var shallow = AllocatedPerDirectory(depth: 2);
        var deep = AllocatedPerDirectory(depth: 200);
        var longerPath = sizeof(char) * "/d".Length * (200 - 2);

        deep.Should().BeLessThan(shallow + longerPath + 256, $"a directory 200 levels down costs what one 2 levels down does ({shallow} bytes) and its longer path");
    }

    [Test]
    public void LookupsGoingFromDirectoryToDirectory_AllocateNothing_OnceEachPathIsKnown()
    {
        // A thread remembers the directory of its last walk; moving to another directory changes that in place.
        var lower = new MemoryBranch();
        var filler = new UnionFileSystem(lower);
        var paths = new List<string>();
        for (var d = 0; d < 5; d++)
        {
            filler.Directory.CreateDirectory($"/tree/d{d}");
            for (var f = 0; f < 3; f++)
            {
                filler.File.WriteAllText($"/tree/d{d}/f{f}", "x");
                paths.Add($"/tree/d{d}/f{f}");
            }
            paths.Add($"/tree/d{d}/missing");
        }
        var fs = new UnionFileSystem(new MemoryBranch(), lower);
        for (var warm = 0; warm < 2; warm++) paths.ForEach(path => fs.File.Exists(path));

        var found = 0;
        var before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var path in paths) found += fs.File.Exists(path) ? 1 : 0;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        found.Should().Be(15);
        allocated.Should().Be(0);
    }

    [Test]
    public void FilesReadWholeOneAfterAnother_InOneDirectory_AllocateNothingButTheirBytes()
    {
        // ReadAllBytes returns a new array; the lookup, the share lock and the access time must cost nothing more.
        var fs = new UnionFileSystem(new MemoryBranch(), _lower);
        fs.Directory.CreateDirectory("/a/b");
        var paths = Enumerable.Range(0, 20).Select(i => $"/a/b/f{i}").ToArray();
        foreach (var path in paths)
        {
            fs.File.WriteAllBytes(path, new byte[8]);
            // Read since the last write (relatime then leaves the access time alone), whatever the clock's resolution.
            fs.File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddHours(-1));
            fs.File.SetLastAccessTimeUtc(path, DateTime.UtcNow.AddMinutes(-1));
        }
        foreach (var path in paths) fs.File.ReadAllBytes(path);
        var array = GC.GetAllocatedBytesForCurrentThread();
        GC.KeepAlive(new byte[8]);
        var arraySize = GC.GetAllocatedBytesForCurrentThread() - array;

        var before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var path in paths) fs.File.ReadAllBytes(path);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        allocated.Should().Be(paths.Length * arraySize);
    }

    private static long AllocatedPerDirectory(int depth)
    {
        var fs = new UnionFileSystem(new MemoryBranch());
        var parent = string.Concat(Enumerable.Repeat("/d", depth));
        fs.Directory.CreateDirectory(parent);
        var content = new byte[8];
        const int directories = 100;
        for (var warm = 0; warm < 2; warm++)
        {
            fs.Directory.CreateDirectory($"{parent}/warm{warm}");
            fs.File.WriteAllBytes($"{parent}/warm{warm}/f", content);
        }
        var made = Enumerable.Range(0, directories).Select(i => $"{parent}/s{i}").ToArray();
        var written = made.Select(directory => directory + "/f").ToArray();
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < directories; i++)
        {
            fs.Directory.CreateDirectory(made[i]);
            fs.File.WriteAllBytes(written[i], content);
        }
        return (GC.GetAllocatedBytesForCurrentThread() - before) / directories;
    }

    private static long AllocatedPerName(int depth, bool write)
    {
        var fs = new UnionFileSystem(new MemoryBranch());
        var directory = string.Concat(Enumerable.Repeat("/d", depth));
        fs.Directory.CreateDirectory(directory);
        var paths = Enumerable.Range(0, 200).Select(i => $"{directory}/f{i}").ToArray();
        var content = new byte[8];
        fs.File.WriteAllBytes(paths[0], content);
        var before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var path in paths.Skip(1))
        {
            if (write) fs.File.WriteAllBytes(path, content);
            else fs.File.Exists(path);
        }
        return (GC.GetAllocatedBytesForCurrentThread() - before) / (paths.Length - 1);
    }
}
