namespace UnionFs.Images;

/// <summary>Where a lookup found a path: the topmost entry and every branch that contributes to it.</summary>
/// <param name="Entry">The topmost branch's entry (its metadata is the merged entry's).</param>
/// <param name="Branches">Indexes (topmost first) of the branches whose entry is merged: one for a non-directory.</param>
public sealed record BranchLookupResult(BranchEntry Entry, IReadOnlyList<int> Branches);

/// <summary>
/// Looks a path up through a stack of branches the way overlayfs's <c>namei</c> does, to tell which layers an
/// entry comes from: the first branch that has a name wins; a whiteout or a non-directory stops the search; an
/// opaque directory stops the merge below it; a redirected directory continues at its redirect in the branches
/// below. Symbolic links are not followed (resolve the parents through the merged view first).
/// </summary>
public static class BranchLookup
{
    /// <summary>Finds <paramref name="path"/> (absolute, normalised) in <paramref name="branches"/> (topmost first).</summary>
    /// <returns>The result, or null when the merged view of these branches has no such path.</returns>
    public static BranchLookupResult? Find(IReadOnlyList<IBranch> branches, string path)
    {
        ArgumentNullException.ThrowIfNull(branches);
        ArgumentNullException.ThrowIfNull(path);
        // The branches whose directory merges at the current level, with the directory's path in each of them.
        var level = new List<(int Index, string Path)>();
        BranchEntry? first = null;
        for (var i = 0; i < branches.Count; i++)
        {
            var root = branches[i].Stat(BranchPath.Root);
            if (root is not { IsDirectory: true }) continue;
            first ??= root;
            level.Add((i, BranchPath.Root));
            if (root.IsOpaque) break;
        }
        if (first is null) return null;
        foreach (var segment in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!first.IsDirectory) return null;
            (first, level) = Step(branches, level, segment);
            if (first is null) return null;
        }
        return new BranchLookupResult(first, [.. level.Select(l => l.Index)]);
    }

    private static (BranchEntry? First, List<(int Index, string Path)> Next) Step(
        IReadOnlyList<IBranch> branches, List<(int Index, string Path)> level, string name)
    {
        var next = new List<(int Index, string Path)>();
        BranchEntry? first = null;
        string? redirect = null;
        foreach (var (index, directory) in level)
        {
            var path = redirect ?? BranchPath.Combine(directory, name);
            var entry = branches[index].Stat(path);
            if (entry is null) continue;
            if (entry.IsWhiteout) break;
            if (first is not null && !entry.IsDirectory) break; // a directory does not merge with a non-directory below
            first ??= entry;
            next.Add((index, path));
            if (!entry.IsDirectory || entry.IsOpaque) break;
            if (entry.Redirect is not null) redirect = entry.Redirect;
        }
        return (first, next);
    }
}
