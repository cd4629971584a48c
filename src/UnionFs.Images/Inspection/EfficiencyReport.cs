namespace UnionFs.Images;

/// <summary>
/// What <see cref="ImageEfficiency.Analyse(LayerSet)"/> found: the file bytes the layers ship, the part of them no
/// container can see (file versions a later layer overwrites, deletes or hides under an opaque directory), and the
/// score <c>1 − wasted / shipped</c>.
/// </summary>
/// <param name="FileBytes">Every byte of file data the layers ship, all layers together.</param>
/// <param name="WastedBytes">The bytes of every file version a later layer hides.</param>
/// <param name="Layers">Each layer's share, base first.</param>
/// <param name="Files">Every hidden file version, largest first (then by path and layer).</param>
/// <param name="Paths">The same, summed per path, largest first (then by path).</param>
public sealed record EfficiencyReport(
    long FileBytes,
    long WastedBytes,
    IReadOnlyList<LayerEfficiency> Layers,
    IReadOnlyList<WastedFile> Files,
    IReadOnlyList<WastedPath> Paths)
{
    /// <summary><c>1 − wasted / shipped</c>, from 0 to 1; 1 when the layers ship no file bytes.</summary>
    public double Score => FileBytes == 0 ? 1.0 : 1.0 - ((double)WastedBytes / FileBytes);

    /// <summary>The wasted bytes as a percentage of the shipped file bytes (0 to 100); 0 when nothing is shipped.</summary>
    public double WastedPercent => FileBytes == 0 ? 0.0 : 100.0 * WastedBytes / FileBytes;
}
