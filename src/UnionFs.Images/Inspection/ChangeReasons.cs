namespace UnionFs.Images;

/// <summary>Why <see cref="ImageDiff"/> calls a path changed; never a time alone.</summary>
[Flags]
public enum ChangeReasons
{
    /// <summary>No reason: the path was added or deleted.</summary>
    None = 0,

    /// <summary>The type differs (file, directory, symbolic link).</summary>
    Type = 1,

    /// <summary>A file's contents differ (size or bytes; equal bytes are equal content, whatever their times).</summary>
    Content = 2,

    /// <summary>The permission bits differ (for files and directories; a symbolic link's mode carries no meaning).</summary>
    Mode = 4,

    /// <summary>A symbolic link's target differs.</summary>
    LinkTarget = 8,
}
