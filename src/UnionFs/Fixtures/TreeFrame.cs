namespace UnionFs;

/// <summary>An open level while a <c>tree</c> text is read: the entry last seen at that depth.</summary>
/// <param name="Node">The entry; null for the opaque marker, which holds a place but no entries.</param>
/// <param name="IsLast">True when it was drawn <c>└──</c>: no sibling can follow it.</param>
internal readonly record struct TreeFrame(TextNode? Node, bool IsLast);
