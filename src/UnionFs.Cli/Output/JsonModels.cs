namespace UnionFs.Cli.Output;

/// <summary>An entry of <c>ls --json</c> and <c>tree --json</c>.</summary>
/// <param name="Path">The union path.</param>
/// <param name="Type"><c>file</c>, <c>directory</c> or <c>symlink</c>.</param>
/// <param name="Size">A file's size in bytes, a symbolic link's target length, 0 for a directory.</param>
/// <param name="Target">A symbolic link's target as written; omitted otherwise.</param>
internal sealed record EntryJson(string Path, string Type, long Size, string? Target);

/// <summary>The object <c>stat --json</c> prints.</summary>
/// <param name="Path">The union path.</param>
/// <param name="Type"><c>file</c>, <c>directory</c> or <c>symlink</c>.</param>
/// <param name="Size">A file's size in bytes, a symbolic link's target length, 0 for a directory.</param>
/// <param name="Target">A symbolic link's target as written; omitted otherwise.</param>
/// <param name="Mode">The permission bits in octal (<c>0644</c>).</param>
/// <param name="Modified">The last write time, UTC.</param>
/// <param name="Layers">The ids of the layers the entry comes from, topmost first (several for a merged directory).</param>
internal sealed record StatJson(string Path, string Type, long Size, string? Target, string Mode, DateTime Modified, IReadOnlyList<string> Layers);

/// <summary>A line of <c>diff --json</c>.</summary>
/// <param name="Path">The union path.</param>
/// <param name="Kind"><c>added</c>, <c>changed</c> or <c>deleted</c>.</param>
/// <param name="Reasons">With <c>--against</c>, for a changed path: what differs (<c>type</c>, <c>content</c>, <c>mode</c>, <c>target</c>); omitted otherwise.</param>
internal sealed record ChangeJson(string Path, string Kind, IReadOnlyList<string>? Reasons = null);

/// <summary>A layer of <c>layers --json</c>.</summary>
/// <param name="Id">The layer's position from the base layer (<c>0</c>), or <c>upper</c>.</param>
/// <param name="Source">The directory or tar it was read from, or its path inside the image.</param>
/// <param name="Digest">The blob digest of a tar layer; omitted for a directory.</param>
/// <param name="DiffId">The digest of the uncompressed tar; omitted for a directory.</param>
/// <param name="MediaType">The layer's media type; omitted for a directory.</param>
/// <param name="Size">Stored bytes: the (compressed) tar, or the files of a directory.</param>
/// <param name="Entries">Tar entries (whiteouts and markers included), or entries of a directory.</param>
/// <param name="Added">Paths the layer adds: absent from the layers below.</param>
/// <param name="Changed">Paths the layer replaces or changes: present in the layers below.</param>
/// <param name="Hidden">Paths the layer's whiteouts hide.</param>
/// <param name="Opaque">Directories the layer makes opaque: whatever the layers below have in them is hidden.</param>
internal sealed record LayerJson(
    string Id,
    string Source,
    string? Digest,
    string? DiffId,
    string? MediaType,
    long Size,
    int Entries,
    IReadOnlyList<string> Added,
    IReadOnlyList<string> Changed,
    IReadOnlyList<string> Hidden,
    IReadOnlyList<string> Opaque);
