namespace UnionFs;

/// <summary>One entry as its line describes it, before it is placed in the tree.</summary>
/// <param name="Kind">What the line declares.</param>
/// <param name="Name">The name (for a whiteout, the hidden name; for metadata and the opaque marker, the marker name).</param>
/// <param name="IsDirectory">True when the name was written with a trailing <c>/</c>.</param>
/// <param name="Content">A file's content (<c>name: content</c>); null when none was written.</param>
/// <param name="LinkTarget">A symbolic link's target (<c>name -&gt; target</c>).</param>
internal readonly record struct EntrySpec(TextNodeKind Kind, string Name, bool IsDirectory, byte[]? Content, string? LinkTarget);
