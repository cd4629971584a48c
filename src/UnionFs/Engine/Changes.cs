namespace UnionFs.Engine;

/// <summary>
/// What the upper branch changed relative to the lowers (<c>docker diff</c>): every name the upper holds is
/// compared with what the lowers alone show at that path. A deleted directory is one entry; an added
/// directory lists everything below it; a directory that also exists below is reported as changed, as
/// docker does for the parents of every change. Trees are walked with a work list, not recursion, so a
/// directory chain of any depth is compared without exhausting the stack.
/// </summary>
internal sealed class Changes
{
    private readonly UnionEngine _engine;

    public Changes(UnionEngine engine) => _engine = engine;

    public IReadOnlyList<UnionChange> List()
    {
        var changes = new List<UnionChange>();
        if (_engine.Layers.Upper is null) return changes;
        var pending = new Stack<(string Path, LowerDirectory? Lowers)>();
        pending.Push((BranchPath.Root, _engine.Lookup.Index.Root));
        while (pending.TryPop(out var directory)) Compare(directory.Path, directory.Lowers, changes, pending);
        changes.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return changes;
    }

    /// <summary>
    /// Compares the upper directory at <paramref name="path"/> with the lowers' merged directory there (null: none);
    /// the directories both hold are left in <paramref name="pending"/> to compare next.
    /// </summary>
    private void Compare(string path, LowerDirectory? lowers, List<UnionChange> changes, Stack<(string Path, LowerDirectory? Lowers)> pending)
    {
        var upper = _engine.Layers.Upper!;
        var directory = upper.Stat(path);
        if (directory?.Redirect is not null || directory?.IsOpaque == true)
        {
            // The lowers' old contents are hidden: each visible lower name there is gone, unless the upper has it again.
            foreach (var hidden in lowers is null ? [] : _engine.Readdir.Read(lowers.AsStack))
                if (upper.Stat(BranchPath.Combine(path, hidden.Entry.Name)) is null)
                    changes.Add(new UnionChange(BranchPath.Combine(path, hidden.Entry.Name), ChangeKind.Deleted));
        }

        foreach (var entry in upper.List(path))
        {
            var childPath = BranchPath.Combine(path, entry.Name);
            var below = lowers?.Child(entry.Name) ?? LowerChild.Absent;
            if (entry.Kind == EntryKind.Whiteout)
            {
                if (below.Entry is not null) changes.Add(new UnionChange(childPath, ChangeKind.Deleted));
                continue;
            }

            var hidesLower = directory?.Redirect is not null || directory?.IsOpaque == true;
            var lowerEntry = hidesLower ? null : below.Entry;
            if (lowerEntry is null)
            {
                changes.Add(new UnionChange(childPath, ChangeKind.Added));
                if (entry.Kind == EntryKind.Directory) AddAll(childPath, changes);
                continue;
            }

            changes.Add(new UnionChange(childPath, ChangeKind.Modified));
            if (entry.Kind == EntryKind.Directory)
            {
                if (lowerEntry.Kind == EntryKind.Directory) pending.Push((childPath, below.Directory));
                else AddAll(childPath, changes);
            }
        }
    }

    /// <summary>Lists everything the merged view shows below <paramref name="path"/> as added.</summary>
    private void AddAll(string path, List<UnionChange> changes)
    {
        var pending = new Stack<(string Path, MergeStack Stack)>();
        pending.Push((path, _engine.Lookup.Resolve(path, followFinal: false).Stack));
        while (pending.TryPop(out var directory))
        {
            foreach (var child in _engine.Readdir.Read(directory.Stack))
            {
                var childPath = BranchPath.Combine(directory.Path, child.Entry.Name);
                changes.Add(new UnionChange(childPath, ChangeKind.Added));
                // Looked up from its parent's merge stack, not again from the root: a deep tree costs a step per entry.
                if (child.Entry.Kind == EntryKind.Directory)
                    pending.Push((childPath, _engine.Lookup.LookupChild(directory.Stack, child.Entry.Name).Stack));
            }
        }
    }
}
