namespace UnionFs.Engine;

/// <summary>
/// Where a merged directory lives in one layer: the layer's index in the stack (0 = topmost) and the path
/// inside that branch (it differs from the union path below a renamed, redirected directory).
/// </summary>
internal readonly record struct LayerDir(int Layer, string BranchPath);

/// <summary>The branches of one union, topmost first: the upper (if any), then the lowers in order.</summary>
internal sealed class LayerStack
{
    public LayerStack(IBranch? upper, IBranch[] lowers)
    {
        Upper = upper;
        Branches = upper is null ? lowers : [upper, .. lowers];
        Root = Enumerable.Range(0, Branches.Length).Select(i => new LayerDir(i, BranchPath.Root)).ToArray();
    }

    /// <summary>The writable branch, or null for a read-only union.</summary>
    public IBranch? Upper { get; }

    /// <summary>Every branch, topmost first; index 0 is the upper when there is one.</summary>
    public IBranch[] Branches { get; }

    /// <summary>The merge stack of the union root: every layer at <c>/</c>.</summary>
    public LayerDir[] Root { get; }

    /// <summary>True when <paramref name="layer"/> is the upper branch.</summary>
    public bool IsUpper(int layer) => layer == 0 && Upper is not null;

    /// <summary>Index of the first lower layer.</summary>
    public int FirstLower => Upper is null ? 0 : 1;
}
