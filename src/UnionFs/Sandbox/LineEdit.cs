namespace UnionFs.Sandbox;

/// <summary>
/// One step of a line diff. <see cref="OldIndex"/> and <see cref="NewIndex"/> are the positions in each text
/// when the step happens: the line's own index in the text it belongs to, the current position in the other.
/// </summary>
internal readonly record struct LineEdit(LineEditKind Kind, int OldIndex, int NewIndex);
