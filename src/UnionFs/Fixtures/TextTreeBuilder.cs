namespace UnionFs;

/// <summary>Places parsed entries in their directory, enforcing what a directory can hold.</summary>
internal static class TextTreeBuilder
{
    /// <summary>
    /// Puts the entry <paramref name="spec"/> of line <paramref name="lineNumber"/> in <paramref name="parent"/>
    /// (null: the line is below an entry that holds nothing). Returns the new node, or null for the opaque marker,
    /// which marks <paramref name="parent"/> instead.
    /// </summary>
    public static TextNode? Attach(TextNode? parent, EntrySpec spec, int lineNumber, string line)
    {
        if (parent is null || !parent.CanContain)
            throw TreeTextError.At(lineNumber, line, $"'{parent?.Name ?? EntrySyntax.OpaqueMarker}' cannot contain entries");
        if (spec.Kind == TextNodeKind.OpaqueMarker)
        {
            if (!parent.TryClaim(EntrySyntax.OpaqueMarker)) throw Duplicate(spec, lineNumber, line);
            parent.MarkOpaque();
            return null;
        }
        if (!parent.TryClaim(spec.Name)) throw Duplicate(spec, lineNumber, line);
        var node = new TextNode(spec.Name, spec.Kind)
        {
            Content = spec.Content,
            LinkTarget = spec.LinkTarget,
            Line = lineNumber,
        };
        parent.Add(node);
        return node;
    }

    private static FormatException Duplicate(EntrySpec spec, int lineNumber, string line) =>
        TreeTextError.At(lineNumber, line, $"'{spec.Name}' appears twice in one directory");
}
