namespace UnionFs.Tests.Properties.Model;

/// <summary>
/// One entry of the reference model: a directory, a file with its content (and its modification time when an
/// operation set one the model can predict), or a symbolic link with its target as written.
/// </summary>
public sealed record ModelEntry(ModelKind Kind, string? Content = null, string? Target = null, DateTime? LastWriteTimeUtc = null)
{
    public static readonly ModelEntry Directory = new(ModelKind.Directory);

    public static ModelEntry File(string content) => new(ModelKind.File, Content: content);

    public static ModelEntry Link(string target) => new(ModelKind.Link, Target: target);
}
