using UnionFs.Engine;

namespace UnionFs.Sandbox;

/// <summary>
/// Writes the union's changes to a target directory, all or nothing. Conflicts are checked first and nothing is
/// written when there are any. Then a hidden work area is made under the target's root, and every new file's
/// content is written there: everything is read from the union before anything in the target changes (the target
/// may be a lower's own directory, whose files the union still reads). Then, in path order (parents first), each
/// changed path is committed: what the target holds there and the union no longer shows is set aside (renamed into
/// the work area; a link is remembered by its target), then the new directory is made, the staged file renamed
/// into place or the link created. Last, directories get their mode and times, deepest first, so writing their
/// entries does not change them again. Every change to the target is journaled with its undo; when any step fails
/// the journal is undone in reverse, so the target is as it was, and the original failure is rethrown. The work
/// area goes in either case. The caller holds the union's write lock.
/// </summary>
internal static class UnionApplier
{
    /// <summary>Applies every change; returns them. Throws <see cref="UnionConflictException"/> (having written nothing) on conflicts.</summary>
    public static IReadOnlyList<UnionChange> Apply(UnionEngine engine, TargetTree target, ApplyOptions options)
    {
        var steps = ApplyStep.Plan(engine);
        if (!options.Overwrite)
        {
            var conflicts = ConflictDetector.Find(engine, target, steps);
            if (conflicts.Count > 0) throw new UnionConflictException(conflicts);
        }
        if (steps.Count == 0) return [];

        var undo = new List<Action>();
        target.CreateWorkArea();
        try
        {
            var staged = new Dictionary<ApplyStep, string>();
            foreach (var step in steps)
                if (step.NewKind == EntryKind.File)
                    using (var content = step.OpenNew(engine))
                        staged[step] = target.StageFile(content, step.New!.Entry!);
            foreach (var step in steps) Commit(target, step, staged, undo);
            for (var i = steps.Count - 1; i >= 0; i--)
            {
                if (steps[i].NewKind != EntryKind.Directory) continue;
                undo.Add(target.DirectoryMetadataRestorer(steps[i].Path));
                target.SetDirectoryMetadata(steps[i].Path, steps[i].New!.Entry!);
            }
        }
        catch (Exception failure)
        {
            RollBack(target, undo, failure);
            target.RemoveWorkArea();
            throw;
        }
        // Every change is in place: what is left in the work area (the old entries) is debris, and a work area that
        // cannot be removed even on a second try is left behind rather than failing an apply that is complete.
        target.RemoveWorkArea();
        return steps.ConvertAll(static step => step.Change);
    }

    /// <summary>Makes the target hold at the step's path what the union shows there; journals each change's undo.</summary>
    private static void Commit(TargetTree target, ApplyStep step, Dictionary<ApplyStep, string> staged, List<Action> undo)
    {
        var path = step.Path;
        var found = target.Stat(path);
        if (found.Exists && !Keeps(step, found)) undo.Add(target.SetAside(path, found));
        else if (found.Exists) return;

        switch (step.NewKind)
        {
            case EntryKind.Directory:
                target.CreateDirectory(path);
                undo.Add(() => target.DeleteDirectory(path));
                break;
            case EntryKind.SymbolicLink:
                target.CreateLink(path, step.New!.Entry!.LinkTarget!);
                undo.Add(() => target.DeleteFile(path));
                break;
            case EntryKind.File:
                target.PlaceFile(staged[step], path);
                undo.Add(() => target.DeleteFile(path));
                target.RepairFileMetadata(path, step.New!.Entry!);
                break;
        }
    }

    /// <summary>
    /// True when the target's entry at the step's path stays: a directory where the union shows a directory merged
    /// with the lowers' (its entries are steps of their own), or one the target added where the union adds one. A
    /// directory of the lowers that the union hides (under an opaque or renamed parent) and shows anew goes, since
    /// the union lists none of its old entries.
    /// </summary>
    private static bool Keeps(ApplyStep step, TargetEntry found) =>
        step.NewKind == EntryKind.Directory && found.Kind == EntryKind.Directory
        && (step.Change.Kind != ChangeKind.Added || step.Base.Entry?.Kind != EntryKind.Directory);

    /// <summary>
    /// Undoes the journal, newest first. When an undo fails too, the work area (with whatever is still set aside in
    /// it) is kept and an <see cref="IOException"/> says where.
    /// </summary>
    private static void RollBack(TargetTree target, List<Action> undo, Exception failure)
    {
        List<Exception>? errors = null;
        for (var i = undo.Count - 1; i >= 0; i--)
        {
            try
            {
                undo[i]();
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                (errors ??= [failure]).Add(exception);
            }
        }
        if (errors is not null)
            throw new IOException(
                $"Applying to '{target.Root}' failed ({failure.Message}), and the target could not be fully restored: the entries the apply had set aside are in '{target.WorkArea}'.",
                new AggregateException(errors));
    }
}
