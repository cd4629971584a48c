namespace UnionFs.Images;

/// <summary>One layer's share of an <see cref="EfficiencyReport"/>.</summary>
/// <param name="LayerIndex">The layer, 0 for the base layer.</param>
/// <param name="FileBytes">The bytes of file data the layer ships (hard links of one file count once).</param>
/// <param name="WastedBytes">The part of <paramref name="FileBytes"/> that later layers hide.</param>
/// <param name="WastedFiles">How many of its file versions later layers hide.</param>
public sealed record LayerEfficiency(int LayerIndex, long FileBytes, long WastedBytes, int WastedFiles);
