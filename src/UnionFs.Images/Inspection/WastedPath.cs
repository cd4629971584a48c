namespace UnionFs.Images;

/// <summary>The wasted versions of one path, summed over layers.</summary>
/// <param name="Path">The path.</param>
/// <param name="WastedBytes">The total size of its hidden versions.</param>
/// <param name="Layers">The layers whose version is hidden, base first.</param>
public sealed record WastedPath(string Path, long WastedBytes, IReadOnlyList<int> Layers);
