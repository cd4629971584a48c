namespace UnionFs.Cli.Output;

/// <summary>An event of <c>history --json</c>.</summary>
/// <param name="Layer">The layer's id (its position from the base layer, or <c>upper</c>).</param>
/// <param name="Digest">The layer's blob digest; omitted for a directory.</param>
/// <param name="Kind"><c>added</c>, <c>changed</c>, <c>deleted</c> or <c>opaque</c>.</param>
/// <param name="Path">The path asked about, or the ancestor the event is on.</param>
/// <param name="Ancestor">True when <paramref name="Path"/> is an ancestor of the path asked about.</param>
/// <param name="Type">What the layer has there: <c>file</c>, <c>directory</c>, <c>symlink</c> or <c>whiteout</c>.</param>
/// <param name="Size">A file's size, a symbolic link's target length; 0 otherwise.</param>
/// <param name="Target">A symbolic link's target; omitted otherwise.</param>
internal sealed record HistoryJson(string Layer, string? Digest, string Kind, string Path, bool Ancestor, string Type, long Size, string? Target);

/// <summary>A match of <c>find --json</c>.</summary>
/// <param name="Path">The path.</param>
/// <param name="Type"><c>file</c>, <c>directory</c>, <c>symlink</c>, or with <c>--layers</c> <c>whiteout</c>.</param>
/// <param name="Size">A file's size, a symbolic link's target length; 0 otherwise.</param>
/// <param name="Target">A symbolic link's target; omitted otherwise.</param>
/// <param name="Layer">The layer it was found in (in the merged view: the topmost layer that has it).</param>
/// <param name="Opaque">With <c>--layers</c>, true for a directory the layer makes opaque; omitted otherwise.</param>
internal sealed record FoundJson(string Path, string Type, long Size, string? Target, string Layer, bool? Opaque);

/// <summary>The object <c>efficiency --json</c> prints.</summary>
/// <param name="FileBytes">The file bytes all layers ship.</param>
/// <param name="WastedBytes">The bytes of the file versions later layers hide.</param>
/// <param name="WastedPercent">Wasted bytes as a percentage of the shipped file bytes.</param>
/// <param name="Score">The efficiency score, 1 − wasted / shipped.</param>
/// <param name="Layers">Each layer's share, base first.</param>
/// <param name="Paths">Wasted bytes per path, largest first.</param>
/// <param name="Files">Every hidden file version, largest first.</param>
/// <param name="Exceeded">The threshold options the image fails (empty when none was given or all pass).</param>
internal sealed record EfficiencyJson(
    long FileBytes,
    long WastedBytes,
    double WastedPercent,
    double Score,
    IReadOnlyList<LayerEfficiencyJson> Layers,
    IReadOnlyList<WastedPathJson> Paths,
    IReadOnlyList<WastedFileJson> Files,
    IReadOnlyList<string> Exceeded);

/// <summary>A layer of <c>efficiency --json</c>.</summary>
/// <param name="Layer">The layer's id.</param>
/// <param name="Digest">Its blob digest; omitted for a directory.</param>
/// <param name="FileBytes">The file bytes it ships.</param>
/// <param name="WastedBytes">The part later layers hide.</param>
/// <param name="WastedFiles">How many of its file versions later layers hide.</param>
internal sealed record LayerEfficiencyJson(string Layer, string? Digest, long FileBytes, long WastedBytes, int WastedFiles);

/// <summary>A path of <c>efficiency --json</c>.</summary>
/// <param name="Path">The path.</param>
/// <param name="WastedBytes">The total size of its hidden versions.</param>
/// <param name="Layers">The ids of the layers whose version is hidden, base first.</param>
internal sealed record WastedPathJson(string Path, long WastedBytes, IReadOnlyList<string> Layers);

/// <summary>A hidden file version of <c>efficiency --json</c>.</summary>
/// <param name="Path">The path.</param>
/// <param name="Layer">The id of the layer that ships it.</param>
/// <param name="Size">Its size.</param>
/// <param name="HiddenBy">The id of the first later layer that hides it.</param>
/// <param name="Reason"><c>overwritten</c>, <c>deleted</c> or <c>opaque</c>.</param>
internal sealed record WastedFileJson(string Path, string Layer, long Size, string HiddenBy, string Reason);
