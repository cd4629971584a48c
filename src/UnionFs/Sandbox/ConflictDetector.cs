using UnionFs.Engine;

namespace UnionFs.Sandbox;

/// <summary>
/// Finds where writing the union's changes out would lose a change the target made on its own. At each changed
/// path the target is compared with the new state (already there: fine) and with the base, what the lowers show
/// (untouched since the union read it: fine). Anything else is a conflict. Files compare by length, then bytes;
/// a base file whose branch now describes it differently (size or time) than when the union read it counts as
/// changed, which catches edits made to a lower that is itself the target. Where the union deletes a directory
/// that the target still has, the target's whole tree is compared with the base's, since all of it would go.
/// </summary>
internal sealed class ConflictDetector
{
    private readonly UnionEngine _engine;
    private readonly TargetTree _target;
    private readonly List<UnionConflict> _conflicts = [];

    private ConflictDetector(UnionEngine engine, TargetTree target)
    {
        _engine = engine;
        _target = target;
    }

    /// <summary>Every conflict of <paramref name="steps"/> with <paramref name="target"/>, sorted by path.</summary>
    public static List<UnionConflict> Find(UnionEngine engine, TargetTree target, IEnumerable<ApplyStep> steps)
    {
        var detector = new ConflictDetector(engine, target);
        foreach (var step in steps) detector.Check(step);
        detector._conflicts.Sort(static (a, b) => string.CompareOrdinal(a.Path, b.Path));
        return detector._conflicts;
    }

    private void Check(ApplyStep step)
    {
        var found = _target.Stat(step.Path);
        if (MatchesNew(step, found)) return;
        var lower = step.Base.Entry;
        if (lower is null)
        {
            if (found.Exists) Add(step.Path, ConflictKind.Added, step.Change.Kind);
        }
        else if (!found.Exists)
        {
            Add(step.Path, ConflictKind.Deleted, step.Change.Kind);
        }
        else if (lower.Kind == EntryKind.Directory && found.Kind == EntryKind.Directory)
        {
            // The union shows no directory here any more: the target's tree goes, so all of it must be the base's.
            CompareTree(step.Path, step.Base.Directory, step.Change.Kind);
        }
        else if (!MatchesBase(step.Path, step.Base, step.BaseListed, found))
        {
            Add(step.Path, ConflictKind.Modified, step.Change.Kind);
        }
    }

    private bool MatchesNew(ApplyStep step, TargetEntry found)
    {
        var entry = step.New?.Entry;
        return entry?.Kind switch
        {
            null => !found.Exists,
            EntryKind.Directory => found.Kind == EntryKind.Directory,
            EntryKind.SymbolicLink => found.Kind == EntryKind.SymbolicLink && found.LinkTarget == entry.LinkTarget,
            _ => found.Kind == EntryKind.File && found.Length == entry.Length && SameContent(step.Path, () => step.OpenNew(_engine)),
        };
    }

    /// <summary>True when the target's non-directory entry is the base's, unchanged since the union read it.</summary>
    private bool MatchesBase(string path, LowerChild lower, BranchEntry? listed, TargetEntry found)
    {
        var entry = lower.Entry!;
        if (entry.Kind != found.Kind || LowerView.ChangedSinceRead(_engine, lower, listed)) return false;
        return entry.Kind == EntryKind.SymbolicLink
            ? found.LinkTarget == entry.LinkTarget
            : found.Length == entry.Length && SameContent(path, () => LowerView.OpenRead(_engine, lower));
    }

    /// <summary>Compares the target's directory at <paramref name="path"/>, which the union removes, with the base's.</summary>
    private void CompareTree(string path, LowerDirectory? lowers, ChangeKind change)
    {
        // A listing the union took earlier tells what was there then, so a name added since is caught too.
        var listing = lowers?.Listing;
        foreach (var name in _target.ListNames(path).Order(StringComparer.Ordinal))
        {
            var childPath = BranchPath.Combine(path, name);
            var lower = lowers?.Child(name) ?? LowerChild.Absent;
            var listed = listing is null ? null : LowerView.Search(listing, name);
            var found = _target.Stat(childPath);
            if (lower.Entry is null || (listing is not null && listed is null))
                Add(childPath, ConflictKind.Added, change);
            else if (lower.Entry.Kind == EntryKind.Directory && found.Kind == EntryKind.Directory)
                CompareTree(childPath, lower.Directory, change);
            else if (lower.Entry.Kind == EntryKind.Directory || !MatchesBase(childPath, lower, listed, found))
                Add(childPath, ConflictKind.Modified, change);
        }
    }

    private bool SameContent(string path, Func<Stream> open)
    {
        using var target = _target.OpenRead(path);
        using var other = open();
        return ContentComparer.Same(target, other);
    }

    private void Add(string path, ConflictKind kind, ChangeKind change) => _conflicts.Add(new UnionConflict(path, kind, change));
}
