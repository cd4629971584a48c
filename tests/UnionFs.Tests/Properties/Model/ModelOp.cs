namespace UnionFs.Tests.Properties.Model;

/// <summary>One operation of a generated sequence, named after the System.IO member it calls.</summary>
public abstract record ModelOp
{
    public sealed record WriteAllText(string Path, string Content) : ModelOp;

    public sealed record AppendAllText(string Path, string Content) : ModelOp;

    /// <summary><c>File.Open(path, FileMode.Truncate)</c>.</summary>
    public sealed record Truncate(string Path) : ModelOp;

    public sealed record DeleteFile(string Path) : ModelOp;

    public sealed record CreateDirectory(string Path) : ModelOp;

    public sealed record DeleteDirectory(string Path, bool Recursive) : ModelOp;

    public sealed record MoveFile(string Source, string Destination, bool Overwrite) : ModelOp;

    public sealed record MoveDirectory(string Source, string Destination) : ModelOp;

    public sealed record CopyFile(string Source, string Destination, bool Overwrite) : ModelOp;

    public sealed record CreateSymbolicLink(string Path, string Target) : ModelOp;

    /// <summary><c>File.SetLastWriteTimeUtc</c>: a metadata change, which copies a lower file up.</summary>
    public sealed record SetLastWriteTime(string Path, DateTime TimeUtc) : ModelOp;

    /// <summary><c>File.SetAttributes(path, Normal)</c>: changes nothing visible, but copies a lower file up.</summary>
    public sealed record SetAttributes(string Path) : ModelOp;
}
