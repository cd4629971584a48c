namespace UnionFs.Conformance.Tests.Infrastructure;

/// <summary>One kind of path argument, over <see cref="StandardTree"/>: existing, missing, relative, through links, malformed.</summary>
/// <param name="Label">How test names show it.</param>
/// <param name="Make">The path for a sandbox (null for the null argument).</param>
public sealed record PathSituation(string Label, Func<Subject, string?> Make)
{
    /// <summary>Every situation the member matrices run through.</summary>
    public static readonly PathSituation[] All =
    [
        new("file", s => s.At("f.txt")),
        new("directory", s => s.At("d")),
        new("empty directory", s => s.At("e")),
        new("missing", s => s.At("missing.txt")),
        new("missing parent", s => s.At("nodir/x.txt")),
        new("file as parent", s => s.At("f.txt/x")),
        new("file with separator", s => s.At("f.txt/")),
        new("directory with separator", s => s.At("d/")),
        new("missing with separator", s => s.At("missing/")),
        new("link to directory with separator", s => s.At("ld/")),
        new("relative file", _ => "f.txt"),
        new("relative directory", _ => "d"),
        new("relative missing", _ => "new.txt"),
        new("relative nested", _ => "d/c.txt"),
        new("dot-dot", s => s.At("d/../g.txt")),
        new("dot", _ => "."),
        new("link to file", s => s.At("lf")),
        new("link to directory", s => s.At("ld")),
        new("dangling link", s => s.At("dangling")),
        new("file through linked directory", s => s.At("ld/c.txt")),
        new("trailing dot", s => s.At("x.")),
        new("empty", _ => ""),
        new("blank", _ => "  "),
        new("null", _ => null),
        new("NUL", s => s.At("a\0b")),
    ];

    /// <inheritdoc />
    public override string ToString() => Label;
}
