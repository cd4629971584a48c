namespace UnionFs;

/// <summary>
/// One path where writing the union's change out would lose a change the target made on its own: the target
/// is neither as the lowers were (the base the union changed) nor already as the union would write it.
/// </summary>
/// <param name="Path">The union path (the target path is this path under the apply's root).</param>
/// <param name="Kind">What the target did there.</param>
/// <param name="Change">What the union would do there.</param>
public sealed record UnionConflict(string Path, ConflictKind Kind, ChangeKind Change)
{
    /// <summary>A line such as <c>modified in target, changed in union: /src/app.cs</c>.</summary>
    public override string ToString()
    {
        var target = Kind switch { ConflictKind.Added => "added", ConflictKind.Modified => "modified", _ => "deleted" };
        var union = Change switch { ChangeKind.Added => "added", ChangeKind.Modified => "changed", _ => "deleted" };
        return $"{target} in target, {union} in union: {Path}";
    }
}
