namespace UnionFs.Sandbox;

/// <summary>Empties an upper branch, whatever its type, so the union shows its lowers again.</summary>
internal static class UpperReset
{
    /// <summary>Removes every entry of <paramref name="upper"/> (whiteouts and markers included). The caller holds the union's write lock.</summary>
    public static void Clear(IBranch upper)
    {
        switch (upper)
        {
            case MemoryBranch memory:
                memory.Clear();
                break;
            case DirectoryBranch directory:
                directory.Clear();
                break;
            default:
                RemoveChildren(upper, BranchPath.Root);
                if (upper.Stat(BranchPath.Root)?.IsOpaque == true) upper.SetOpaque(BranchPath.Root, false);
                break;
        }
    }

    /// <summary>Any other branch: depth first through <see cref="IBranch.List"/> and <see cref="IBranch.Remove"/>.</summary>
    private static void RemoveChildren(IBranch branch, string directory)
    {
        foreach (var entry in branch.List(directory).ToList())
        {
            var path = BranchPath.Combine(directory, entry.Name);
            if (entry.Kind == EntryKind.Directory) RemoveChildren(branch, path);
            branch.Remove(path);
        }
    }
}
