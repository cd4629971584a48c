using UnionFs.Engine;

namespace UnionFs.Sandbox;

/// <summary>
/// Writes the union's changes to a target directory, in phases, so that everything is read from the union before
/// anything is removed from the target (the target may be a lower's own directory, whose files the union still
/// reads): conflicts are checked first and nothing is written when there are any; then every new directory is
/// made; then every new file and link is prepared under a temporary name beside its destination; then, in path
/// order, deleted entries are removed and each prepared entry is renamed over its destination; last, directories
/// get their mode and times, deepest first, so writing their entries does not change them again.
/// The caller holds the union's write lock.
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

        var staged = new Dictionary<ApplyStep, string>();
        try
        {
            foreach (var step in steps)
                if (step.NewKind == EntryKind.Directory) target.EnsureDirectory(step.Path);
            foreach (var step in steps) Stage(engine, target, step, staged);
            foreach (var step in steps) Commit(target, step, staged);
        }
        finally
        {
            foreach (var leftOver in staged.Values) target.DropStaged(leftOver);
        }
        for (var i = steps.Count - 1; i >= 0; i--)
            if (steps[i].NewKind == EntryKind.Directory) target.SetDirectoryMetadata(steps[i].Path, steps[i].New!.Entry!);
        return steps.ConvertAll(static step => step.Change);
    }

    private static void Stage(UnionEngine engine, TargetTree target, ApplyStep step, Dictionary<ApplyStep, string> staged)
    {
        switch (step.NewKind)
        {
            case EntryKind.File:
                using (var content = step.OpenNew(engine))
                    staged[step] = target.StageFile(step.Path, content, step.New!.Entry!);
                break;
            case EntryKind.SymbolicLink:
                staged[step] = target.StageLink(step.Path, step.New!.Entry!.LinkTarget!);
                break;
        }
    }

    private static void Commit(TargetTree target, ApplyStep step, Dictionary<ApplyStep, string> staged)
    {
        if (step.NewKind is null)
        {
            target.Remove(step.Path);
        }
        else if (staged.Remove(step, out var prepared))
        {
            try
            {
                target.Commit(prepared, step.Path, step.New!.Entry!);
            }
            catch
            {
                target.DropStaged(prepared);
                throw;
            }
        }
    }
}
