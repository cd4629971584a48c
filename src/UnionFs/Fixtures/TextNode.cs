namespace UnionFs;

/// <summary>
/// One entry of a tree held as text describes it: what <see cref="TreeText"/> parses into and writes from.
/// The root is a directory with an empty name.
/// </summary>
internal sealed class TextNode(string name, TextNodeKind kind)
{
    private HashSet<string>? _names;

    /// <summary>The entry's name; for a whiteout, the name it hides.</summary>
    public string Name { get; } = name;

    /// <summary>The kind; a bare file becomes a directory when an entry is put in it.</summary>
    public TextNodeKind Kind { get; private set; } = kind;

    /// <summary>A file's content; null when none was given (an empty file that may still become a directory).</summary>
    public byte[]? Content { get; init; }

    /// <summary>A symbolic link's target.</summary>
    public string? LinkTarget { get; init; }

    /// <summary>A directory that hides the same-named directories below it.</summary>
    public bool IsOpaque { get; private set; }

    /// <summary>The entries of a directory, in the order they were added; null until the first one.</summary>
    public List<TextNode>? Children { get; private set; }

    /// <summary>The line this entry was read from (0 when it was not read from text).</summary>
    public int Line { get; init; }

    /// <summary>True when an entry can be put in this one: a directory, metadata, or a bare file (which becomes a directory).</summary>
    public bool CanContain => Kind is TextNodeKind.Directory or TextNodeKind.Metadata
        || (Kind == TextNodeKind.File && Content is null);

    /// <summary>Records <paramref name="claimed"/> as used in this directory; false when it already was.</summary>
    public bool TryClaim(string claimed) => (_names ??= new HashSet<string>(StringComparer.Ordinal)).Add(claimed);

    /// <summary>Makes this entry an opaque directory (a bare file becomes one).</summary>
    public void MarkOpaque()
    {
        if (Kind == TextNodeKind.File) Kind = TextNodeKind.Directory;
        IsOpaque = true;
    }

    /// <summary>Puts <paramref name="child"/> in this entry, turning a bare file into a directory.</summary>
    public void Add(TextNode child)
    {
        if (Kind == TextNodeKind.File) Kind = TextNodeKind.Directory;
        (Children ??= []).Add(child);
    }
}
