using CsCheck;

namespace UnionFs.Tests.Branches;

/// <summary>
/// The names of a <see cref="MemoryBranch"/> directory (its lock-free name table): random creations, removals and
/// renames over a name space large enough to fill, grow and rebuild the table must leave exactly what a plain
/// dictionary holds, and a reader must never miss a name that stays while a writer churns the others.
/// </summary>
public class MemoryBranchNamesTests
{
    private static readonly EntryMetadata File = EntryMetadata.NewFile(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));

    /// <summary>One change: 0 creates (or replaces) a name, 1 removes it, 2 renames it to a second name, 3 leaves a whiteout.</summary>
    public sealed record Change(int Kind, int Name, int Other);

    private static readonly Gen<Change> GenChange = Gen.Select(Gen.Int[0, 3], Gen.Int[0, 299], Gen.Int[0, 299], (k, n, o) => new Change(k, n, o));

    private static string Name(int i) => i % 3 == 0 ? $"f{i}" : i % 3 == 1 ? $"name-{i}.txt" : new string((char)('a' + (i % 26)), 1 + (i % 17)) + i;

    [Test]
    public void RandomChanges_LeaveWhatADictionaryHolds()
    {
        GenChange.Array[1, 600].Sample(changes =>
        {
            var branch = new MemoryBranch();
            branch.CreateDirectory("/d", EntryMetadata.NewDirectory(File.CreationTimeUtc), opaque: false);
            var model = new Dictionary<string, EntryKind>(StringComparer.Ordinal);
            foreach (var change in changes) Apply(branch, model, change);

            branch.List("/d").Select(e => (e.Name, e.Kind)).Should().Equal(
                model.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value)), "a listing is sorted by ordinal name");
            for (var i = 0; i < 300; i++)
            {
                var name = Name(i);
                var kind = branch.Stat("/d/" + name)?.Kind;
                kind.Should().Be(model.TryGetValue(name, out var expected) ? expected : null, name);
            }
        }, iter: 100, threads: 1);
    }

    /// <summary>
    /// Small directories are sorted by a key of each name's first four characters, the whole names deciding ties:
    /// names from a few characters (shared prefixes, names that are prefixes of others, characters above 0x7FFF and
    /// above the ASCII range) must still come in ordinal order.
    /// </summary>
    [Test]
    public void SmallDirectories_ListInOrdinalOrder()
    {
        var genName = Gen.Char["ab\u00e9\uffef.-"].Array[1, 7].Select(chars => new string(chars));
        genName.Array[1, 20].Sample(names =>
        {
            var branch = new MemoryBranch();
            branch.CreateDirectory("/d", EntryMetadata.NewDirectory(File.CreationTimeUtc), opaque: false);
            var distinct = names.Distinct(StringComparer.Ordinal).ToArray();
            foreach (var name in distinct) branch.CreateFile("/d/" + name, null, File);

            branch.List("/d").Select(e => e.Name).Should().Equal(distinct.OrderBy(n => n, StringComparer.Ordinal));
        }, iter: 2000, threads: 1);
    }

    /// <summary>
    /// Large directories are sorted by keys taken past the prefix all names share, then by whole names within a key:
    /// names with a long shared prefix, names that are the prefix itself or a prefix of others, and runs of one key
    /// longer than the small sort takes must still come in ordinal order.
    /// </summary>
    [Test]
    public void LargeDirectories_ListInOrdinalOrder()
    {
        var genSuffix = Gen.Char["ab.\u00e9\uffef"].Array[0, 7].Select(chars => new string(chars));
        var genNames = Gen.Select(Gen.OneOf<string>("", "f", "file0000", "\uffefx"), genSuffix.Array[17, 300], (prefix, suffixes) => suffixes.Select(suffix => prefix + suffix).Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).ToArray());
        genNames.Sample(names =>
        {
            var branch = new MemoryBranch();
            branch.CreateDirectory("/d", EntryMetadata.NewDirectory(File.CreationTimeUtc), opaque: false);
            foreach (var name in names) branch.CreateFile("/d/" + name, null, File);

            branch.List("/d").Select(e => e.Name).Should().Equal(names.Order(StringComparer.Ordinal));
        }, iter: 300, threads: 1);
    }

    private static void Apply(MemoryBranch branch, Dictionary<string, EntryKind> model, Change change)
    {
        var name = Name(change.Name);
        var path = "/d/" + name;
        switch (change.Kind)
        {
            case 0:
                branch.CreateFile(path, null, File);
                model[name] = EntryKind.File;
                break;
            case 1 when model.Remove(name):
                branch.Remove(path);
                break;
            case 2 when model.Remove(name, out var kind):
                var other = Name(change.Other);
                branch.Rename(path, "/d/" + other);
                model[other] = kind;
                break;
            case 3:
                branch.CreateWhiteout(path);
                model[name] = EntryKind.Whiteout;
                break;
        }
    }

    [Test]
    public void ThousandsOfNames_AreAllFound_AfterTheTableGrewAndLostMost()
    {
        var branch = new MemoryBranch();
        branch.CreateDirectory("/d", EntryMetadata.NewDirectory(File.CreationTimeUtc), opaque: false);
        for (var i = 0; i < 5_000; i++) branch.CreateFile($"/d/n{i}", null, File);
        for (var i = 0; i < 5_000; i++)
        {
            if (i % 10 != 0) branch.Remove($"/d/n{i}");
        }
        for (var i = 0; i < 2_000; i++) branch.CreateFile($"/d/m{i}", null, File);

        branch.List("/d").Should().HaveCount(2_500);
        Enumerable.Range(0, 5_000).Count(i => branch.Stat($"/d/n{i}") is not null).Should().Be(500);
        Enumerable.Range(0, 2_000).All(i => branch.Stat($"/d/m{i}") is not null).Should().BeTrue();
    }

    [Test]
    [CancelAfter(60_000)]
    public void ReadersNeverMissAStayingName_WhileAWriterChurnsTheOthers()
    {
        var branch = new MemoryBranch();
        branch.CreateDirectory("/d", EntryMetadata.NewDirectory(File.CreationTimeUtc), opaque: false);
        var staying = Enumerable.Range(0, 64).Select(i => $"/d/stay{i}").ToArray();
        foreach (var path in staying) branch.CreateFile(path, null, File);
        branch.CreateFile("/d/roamer", null, File);

        using var stop = new CancellationTokenSource();
        var misses = 0;
        var reads = 0L;
        var readers = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                foreach (var path in staying)
                {
                    if (branch.Stat(path) is null) Interlocked.Increment(ref misses);
                    Interlocked.Increment(ref reads);
                }
            }
        })).ToArray();

        // Enough churn to grow the table, fill it with tombstones and rebuild it many times over.
        for (var round = 0; round < 200; round++)
        {
            for (var i = 0; i < 100; i++) branch.CreateFile($"/d/churn{round}_{i}", null, File);
            for (var i = 0; i < 100; i++) branch.Remove($"/d/churn{round}_{i}");
            branch.Rename("/d/roamer", "/d/moved");
            branch.Rename("/d/moved", "/d/roamer");
        }
        stop.Cancel();
        Task.WaitAll(readers);

        reads.Should().BePositive();
        misses.Should().Be(0, "names that stay are always found");
        branch.List("/d").Select(e => e.Name).Should().BeEquivalentTo(staying.Select(p => p[3..]).Append("roamer"));
    }
}
