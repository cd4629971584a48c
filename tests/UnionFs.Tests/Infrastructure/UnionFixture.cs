using System.Collections.Concurrent;

namespace UnionFs.Tests.Infrastructure;

/// <summary>
/// A <see cref="Layout"/> placed into an upper and guarded lowers according to a <see cref="Placement"/>,
/// with a snapshot of every lower taken before the test so teardown can prove they were never written: no write
/// call reached a lower (through <see cref="IBranch"/>, or on the host of a directory lower), and every lower still
/// holds the same paths, kinds, contents and metadata.
/// </summary>
public sealed class UnionFixture
{
    /// <summary>Every fixture built and not yet checked, with the test that built it (see <see cref="FixtureTestBase"/>).</summary>
    private static readonly ConcurrentDictionary<UnionFixture, string> Unchecked = new();

    private readonly BranchStore _store;
    private readonly IReadOnlyList<IReadOnlyList<string>> _lowerSnapshots;
    private readonly IReadOnlyList<BranchFingerprint> _lowerFingerprints;

    private UnionFixture(BranchStore store, Placement placement, IBranch upper, IReadOnlyList<IBranch> rawLowers, Layout? layout = null)
    {
        Layout = layout ?? Layout.Of();
        _store = store;
        Placement = placement;
        Upper = upper;
        RawLowers = rawLowers;
        Lowers = rawLowers.Select((b, i) => new GuardedBranch(b, "l" + (i + 1))).ToList();
        _lowerSnapshots = rawLowers.Select(b => BranchSnapshot.Take(b, LowerDetail)).ToList();
        _lowerFingerprints = rawLowers.Select(b => BranchFingerprint.Of(b, LowerDetail)).ToList();
        Fs = new UnionFileSystem(upper, Lowers.Cast<IBranch>().ToArray());
        // What the layout put on the host is the fixture, not the test: record from here on.
        store.BranchHost?.Clear();
        Unchecked[this] = TestContext.CurrentContext.Test.FullName;
    }

    public Placement Placement { get; }

    /// <summary>The layout as it was placed (see <see cref="Layout.WithoutSymbolicLinks"/>).</summary>
    public Layout Layout { get; }

    public BranchKind Kind => _store.Kind;

    public BranchStore Store => _store;

    /// <summary>The writable branch (not guarded).</summary>
    public IBranch Upper { get; }

    /// <summary>The lowers as they are, for inspection.</summary>
    public IReadOnlyList<IBranch> RawLowers { get; }

    /// <summary>The lowers as the union sees them.</summary>
    public IReadOnlyList<GuardedBranch> Lowers { get; }

    public UnionFileSystem Fs { get; }

    private SnapshotDetail LowerDetail =>
        _store.Kind is BranchKind.RealDirectory or BranchKind.MockDirectory ? SnapshotDetail.FullWithoutAccessTime : SnapshotDetail.Full;

    public static UnionFixture Build(Layout layout, Placement placement, BranchKind kind = BranchKind.Memory)
    {
        if (kind == BranchKind.MockDirectory) layout = layout.WithoutSymbolicLinks();
        var store = new BranchStore(kind);
        var upper = store.Create("upper");
        var lowerCount = placement switch
        {
            Placement.Upper => 0,
            Placement.Lower => 1,
            _ => 2,
        };
        var lowers = Enumerable.Range(1, lowerCount).Select(i => store.Create("l" + i)).ToList();

        // Deal the entries out: which branch receives entry i.
        var targets = placement switch
        {
            Placement.Upper => new List<IBranch> { upper },
            Placement.Lower => new List<IBranch> { lowers[0] },
            Placement.SplitLowers => new List<IBranch> { lowers[0], lowers[1] },
            _ => new List<IBranch> { upper, lowers[0], lowers[1] },
        };
        var entries = layout.Entries;
        for (var t = 0; t < targets.Count; t++)
        {
            var mine = entries.Where((_, i) => i % targets.Count == t).ToList();
            BranchWriter.Write(targets[t], mine);
        }

        // Metadata last, deepest first, so creating children does not disturb a parent's times.
        foreach (var entry in entries.Where(BranchWriter.HasMetadata).OrderByDescending(e => e.Path.Count(c => c == '/')))
        {
            foreach (var branch in targets) BranchWriter.ApplyMetadata(branch, entry);
        }

        return new UnionFixture(store, placement, upper, lowers, layout);
    }

    /// <summary>
    /// An explicit stack: <paramref name="upper"/> and each of <paramref name="lowers"/> (topmost first) get
    /// exactly the given layout specs; <paramref name="prepare"/> may then add markers to the raw branches.
    /// </summary>
    public static UnionFixture Stacked(
        string[] upper,
        string[][] lowers,
        Action<IBranch, IReadOnlyList<IBranch>>? prepare = null,
        BranchKind kind = BranchKind.Memory)
    {
        var store = new BranchStore(kind);
        var upperBranch = store.Create("upper");
        var lowerBranches = lowers.Select((_, i) => store.Create("l" + (i + 1))).ToList();
        BranchWriter.Write(upperBranch, upper.Select(Layout.Parse));
        for (var i = 0; i < lowers.Length; i++) BranchWriter.Write(lowerBranches[i], lowers[i].Select(Layout.Parse));
        prepare?.Invoke(upperBranch, lowerBranches);
        return new UnionFixture(store, Placement.UpperAndLowers, upperBranch, lowerBranches);
    }

    /// <summary>True when some lower has a (non-whiteout) entry at <paramref name="path"/>.</summary>
    public bool InLower(string path) => RawLowers.Any(b => b.Stat(path) is { IsWhiteout: false });

    /// <summary>A read-only union over the same (guarded) lowers.</summary>
    public UnionFileSystem ReadOnlyUnion() => UnionFileSystem.ReadOnly(Lowers.Cast<IBranch>().ToArray());

    public IReadOnlyList<string> UpperSnapshot(SnapshotDetail detail = SnapshotDetail.Structure) => BranchSnapshot.Take(Upper, detail);

    /// <summary>Fails when any write reached a lower, or any lower's content or metadata changed.</summary>
    public void AssertLowersUntouched()
    {
        Unchecked.TryRemove(this, out _);
        for (var i = 0; i < Lowers.Count; i++)
        {
            Lowers[i].Violations.Should().BeEmpty("no write may reach lower {0}", Lowers[i].Name);
            _store.WritesTo(Lowers[i].Name).Should().BeEmpty("no host write may reach the directory of lower {0}", Lowers[i].Name);
            // The lines say what changed; the fingerprint also covers every byte of every file, hashed whole.
            BranchSnapshot.Take(RawLowers[i], LowerDetail).Should().Equal(
                _lowerSnapshots[i], "lower {0} must never change", Lowers[i].Name);
            BranchFingerprint.Of(RawLowers[i], LowerDetail).Should().Be(_lowerFingerprints[i], "lower {0} must never change", Lowers[i].Name);
        }
    }

    /// <summary>The fixtures built since the last call and never checked, with the test that built each.</summary>
    public static IReadOnlyList<(UnionFixture Fixture, string Test)> TakeUnchecked()
    {
        var left = Unchecked.ToArray();
        foreach (var (fixture, _) in left) Unchecked.TryRemove(fixture, out _);
        return left.Select(p => (p.Key, p.Value)).ToList();
    }

    /// <summary>Deletes what the fixture put on disk.</summary>
    public void Release() => _store.Dispose();
}
