using UnionFs.Tests.Infrastructure;

namespace UnionFs.Tests.Properties.Model;

/// <summary>
/// What one generated case runs against: a union built from the fixture in its configuration (lowers guarded and
/// snapshotted), or, for the reference, the merged tree in a temp directory of the real disk.
/// </summary>
public sealed class ModelWorld : IDisposable
{
    private readonly List<BranchStore> _stores = [];
    private readonly List<(GuardedBranch Guard, IBranch Raw, IReadOnlyList<string> Before, SnapshotDetail Detail)> _lowers = [];
    private readonly string? _tempRoot;

    public ModelWorld(ModelConfiguration configuration, IReadOnlyList<Dictionary<string, ModelEntry>> layers)
    {
        if (configuration.Placement == FixturePlacement.RealDiskReference)
        {
            _tempRoot = Path.Combine(Path.GetTempPath(), "unionfs-model-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(_tempRoot);
            Fs = new FileSystem();
            Root = _tempRoot;
            WriteToDisk(ModelFixture.Merge(layers));
            return;
        }

        var upperStore = Store(configuration.UpperKind);
        var lowerStore = Store(configuration.LowerKind);
        var upper = upperStore.Create("upper");
        var lowerCount = configuration.Placement switch
        {
            FixturePlacement.Upper => 0,
            FixturePlacement.OneLower => 1,
            _ => 3,
        };
        var lowers = Enumerable.Range(1, lowerCount).Select(i => lowerStore.Create("l" + i)).ToList();
        var holders = configuration.Placement switch
        {
            FixturePlacement.Upper => [upper],
            FixturePlacement.UpperAndThreeLowers => [upper, .. lowers],
            _ => lowers,
        };
        for (var i = 0; i < holders.Count; i++) BranchWriter.Write(holders[i], layers[i].OrderBy(e => e.Key, StringComparer.Ordinal).Select(ToLayout));

        var detail = configuration.LowerKind == BranchKind.Memory ? SnapshotDetail.Full : SnapshotDetail.FullWithoutAccessTime;
        var guarded = new List<IBranch>();
        for (var i = 0; i < lowers.Count; i++)
        {
            var guard = new GuardedBranch(lowers[i], "l" + (i + 1));
            _lowers.Add((guard, lowers[i], BranchSnapshot.Take(lowers[i], detail), detail));
            guarded.Add(guard);
        }
        Fs = new UnionFileSystem(upper, [.. guarded]);
        Root = "/";
    }

    public IFileSystem Fs { get; }

    /// <summary>Where the model's <c>/</c> is in <see cref="Fs"/>.</summary>
    public string Root { get; }

    /// <summary>A model path (or absolute link target) as <see cref="Fs"/> names it.</summary>
    public string Map(string path) => Root == "/" ? path : Root + path;

    /// <summary>Fails when a write reached a lower, or any lower's paths, kinds, contents or metadata changed.</summary>
    public void AssertLowersUnchanged()
    {
        foreach (var (guard, raw, before, detail) in _lowers)
        {
            if (guard.Violations.Count != 0) throw new InvalidOperationException($"a write reached lower {guard.Name}: {string.Join("; ", guard.Violations)}");
            var after = BranchSnapshot.Take(raw, detail);
            if (!after.SequenceEqual(before))
                throw new InvalidOperationException($"lower {guard.Name} changed:\n  {string.Join("\n  ", after.Except(before))}\nwas:\n  {string.Join("\n  ", before.Except(after))}");
        }
    }

    public void Dispose()
    {
        foreach (var store in _stores) store.Dispose();
        if (_tempRoot is not null) Directory.Delete(_tempRoot, recursive: true);
    }

    private BranchStore Store(BranchKind kind)
    {
        var store = new BranchStore(kind);
        _stores.Add(store);
        return store;
    }

    private static LayoutEntry ToLayout(KeyValuePair<string, ModelEntry> entry) => entry.Value.Kind switch
    {
        ModelKind.Directory => new LayoutEntry(entry.Key, EntryKind.Directory),
        ModelKind.Link => new LayoutEntry(entry.Key, EntryKind.SymbolicLink, LinkTarget: entry.Value.Target),
        _ => new LayoutEntry(entry.Key, EntryKind.File, entry.Value.Content),
    };

    private void WriteToDisk(Dictionary<string, ModelEntry> merged)
    {
        foreach (var (path, entry) in merged.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            var full = Map(path);
            switch (entry.Kind)
            {
                case ModelKind.Directory: Directory.CreateDirectory(full); break;
                case ModelKind.Link: File.CreateSymbolicLink(full, Map(entry.Target!)); break;
                default: File.WriteAllText(full, entry.Content); break;
            }
        }
    }
}
