using UnionFs.Engine;

namespace UnionFs.Sandbox;

/// <summary>
/// The lowers-only view of a union: what the lower branches alone show at a union path, the state before any
/// change. Answers come from the engine's <see cref="LowerIndex"/>, so they are what the union saw when it first
/// looked. Symbolic links are not followed: every ancestor must be a directory of the lowers.
/// </summary>
internal static class LowerView
{
    /// <summary>What the lowers show at <paramref name="path"/> (normalised); <see cref="LowerChild.Absent"/> when nothing.</summary>
    public static LowerChild Find(UnionEngine engine, string path)
    {
        var directory = engine.Lookup.Index.Root;
        var found = LowerChild.Absent;
        foreach (var range in BranchPath.Segments(path))
        {
            if (directory is null) return LowerChild.Absent;
            found = directory.Child(path.AsSpan()[range]);
            directory = found.Directory;
        }
        return found;
    }

    /// <summary>Opens the lowers' file that <paramref name="found"/> describes.</summary>
    public static Stream OpenRead(UnionEngine engine, LowerChild found) =>
        engine.Layers.Branches[found.Layer].OpenRead(found.BranchPath!);

    /// <summary>
    /// The entry for <paramref name="path"/> in the listing of its parent that the union kept from an earlier
    /// enumeration of the lowers, if it kept one and the name was in it: what the union saw when it listed.
    /// </summary>
    public static BranchEntry? Listed(UnionEngine engine, string path)
    {
        var parentPath = BranchPath.GetParent(path);
        if (parentPath is null) return null;
        var parent = parentPath.Length == 1 ? engine.Lookup.Index.Root : Find(engine, parentPath).Directory;
        return parent?.Listing is { } listing ? Search(listing, BranchPath.GetName(path)) : null;
    }

    /// <summary>The entry named <paramref name="name"/> in a listing sorted by ordinal name; null when absent.</summary>
    public static BranchEntry? Search(MergedEntry[] listing, string name)
    {
        int low = 0, high = listing.Length - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            var order = string.CompareOrdinal(listing[middle].Entry.Name, name);
            if (order == 0) return listing[middle].Entry;
            if (order < 0) low = middle + 1;
            else high = middle - 1;
        }
        return null;
    }

    /// <summary>
    /// True when the branch holding <paramref name="found"/> now describes it differently (kind, size, write time or
    /// link target) than the union saw it: when it looked the name up, and when it listed the parent (<paramref name="listed"/>).
    /// </summary>
    public static bool ChangedSinceRead(UnionEngine engine, LowerChild found, BranchEntry? listed)
    {
        var now = engine.Layers.Branches[found.Layer].Stat(found.BranchPath!);
        return now is null || Differs(found.Entry!, now) || (listed is not null && Differs(listed, now));
    }

    private static bool Differs(BranchEntry seen, BranchEntry now) =>
        now.Kind != seen.Kind || now.Length != seen.Length || now.LastWriteTimeUtc != seen.LastWriteTimeUtc || now.LinkTarget != seen.LinkTarget;
}
