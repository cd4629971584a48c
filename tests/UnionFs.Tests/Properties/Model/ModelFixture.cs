namespace UnionFs.Tests.Properties.Model;

/// <summary>
/// A generated starting tree: for each of the <see cref="Candidates"/>, a bit mask of the layers that hold it
/// (bit 0 is the topmost fixture layer). Layers are filled in candidate order; an entry that would clash with what a
/// layer already holds (a file where it has a directory, or below one of its files) is left out of that layer.
/// </summary>
public sealed record ModelFixture(int[] Masks)
{
    /// <summary>Files, directories and links, with names that make files and directories collide across layers.</summary>
    public static readonly IReadOnlyList<FixtureEntry> Candidates =
    [
        new("/f", ModelKind.File),
        new("/t", ModelKind.File),
        new("/a/f", ModelKind.File),
        new("/a/g", ModelKind.File),
        new("/b/f", ModelKind.File),
        new("/a/c", ModelKind.File),
        new("/a/c/f", ModelKind.File),
        new("/a/c/e/f", ModelKind.File),
        new("/a/c/e", ModelKind.Directory),
        new("/b/a", ModelKind.Directory),
        new("/b", ModelKind.Directory),
        new("/l", ModelKind.Link, "/a/f"),
        new("/a/l", ModelKind.Link, "/missing/target"),
    ];

    /// <summary>The entries of each layer, topmost first, implied parent directories included.</summary>
    public IReadOnlyList<Dictionary<string, ModelEntry>> Layers(int layerCount, bool withLinks)
    {
        var layers = Enumerable.Range(0, layerCount).Select(_ => new Dictionary<string, ModelEntry>(StringComparer.Ordinal)).ToList();
        for (var c = 0; c < Candidates.Count; c++)
        {
            var candidate = Candidates[c];
            if (candidate.Kind == ModelKind.Link && !withLinks) continue;
            for (var layer = 0; layer < layerCount; layer++)
            {
                if ((Masks[c] & (1 << layer)) == 0) continue;
                var entries = layers[layer];
                if (!Fits(entries, candidate)) continue;
                foreach (var ancestor in Infrastructure.Layout.Ancestors(candidate.Path)) entries[ancestor] = ModelEntry.Directory;
                entries[candidate.Path] = candidate.Kind switch
                {
                    ModelKind.Directory => ModelEntry.Directory,
                    ModelKind.Link => ModelEntry.Link(candidate.Target!),
                    _ => ModelEntry.File($"{candidate.Path}@{layer}"),
                };
            }
        }
        return layers;
    }

    /// <summary>
    /// The merged view of <paramref name="layers"/> (topmost first) by overlayfs's rule: the topmost entry decides;
    /// directories merge with the directories below them until a layer holds something else there.
    /// </summary>
    public static Dictionary<string, ModelEntry> Merge(IReadOnlyList<Dictionary<string, ModelEntry>> layers)
    {
        var merged = new Dictionary<string, ModelEntry>(StringComparer.Ordinal);
        var pending = new Stack<(string Path, List<int> Stack)>();
        pending.Push(("/", Enumerable.Range(0, layers.Count).ToList()));
        while (pending.TryPop(out var directory))
        {
            var prefix = directory.Path == "/" ? "/" : directory.Path + "/";
            var names = directory.Stack
                .SelectMany(l => layers[l].Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal) && k.Length > prefix.Length && k.IndexOf('/', prefix.Length) < 0))
                .Distinct(StringComparer.Ordinal);
            foreach (var child in names)
            {
                var holders = directory.Stack.Where(l => layers[l].ContainsKey(child)).ToList();
                var top = layers[holders[0]][child];
                merged[child] = top;
                if (top.Kind != ModelKind.Directory) continue;
                var stack = holders.TakeWhile(l => layers[l][child].Kind == ModelKind.Directory).ToList();
                pending.Push((child, stack));
            }
        }
        return merged;
    }

    private static bool Fits(Dictionary<string, ModelEntry> entries, FixtureEntry candidate)
    {
        if (Infrastructure.Layout.Ancestors(candidate.Path).Any(a => entries.TryGetValue(a, out var e) && e.Kind != ModelKind.Directory)) return false;
        if (!entries.TryGetValue(candidate.Path, out var existing)) return true;
        return existing.Kind == ModelKind.Directory && candidate.Kind == ModelKind.Directory;
    }

    public override string ToString() =>
        string.Join(", ", Candidates.Select((c, i) => (c, Masks[i])).Where(t => t.Item2 != 0).Select(t => $"{t.c.Path}{(t.c.Kind == ModelKind.Directory ? "/" : t.c.Kind == ModelKind.Link ? "->" + t.c.Target : string.Empty)}@{t.Item2:b}"));
}
