namespace UnionFs;

/// <summary>How <see cref="UnionFileSystem.ApplyTo(System.IO.Abstractions.IFileSystem, string, ApplyOptions)"/> writes the union's changes out.</summary>
public sealed record ApplyOptions
{
    /// <summary>The defaults: refuse to write when the target conflicts.</summary>
    public static ApplyOptions Default { get; } = new();

    /// <summary>
    /// Write even where the target changed since the union read it: the union's version wins, and a deleted
    /// directory goes with whatever the target added inside it. False (the default) refuses with a
    /// <see cref="UnionConflictException"/> and writes nothing.
    /// </summary>
    public bool Overwrite { get; init; }
}
