namespace UnionFs;

/// <summary>The metadata that travels with an entry on copy-up and creation.</summary>
/// <param name="Attributes">File attributes (only the settable ones are kept: ReadOnly, Hidden, Archive...).</param>
/// <param name="UnixMode">Unix permission bits.</param>
/// <param name="CreationTimeUtc">Creation time, UTC.</param>
/// <param name="LastAccessTimeUtc">Last access time, UTC.</param>
/// <param name="LastWriteTimeUtc">Last write time, UTC.</param>
public readonly record struct EntryMetadata(
    FileAttributes Attributes,
    UnixFileMode UnixMode,
    DateTime CreationTimeUtc,
    DateTime LastAccessTimeUtc,
    DateTime LastWriteTimeUtc)
{
    /// <summary>Default permissions of a new file (0644), as with a umask of 022.</summary>
    public const UnixFileMode DefaultFileMode =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>Default permissions of a new directory (0755).</summary>
    public const UnixFileMode DefaultDirectoryMode = DefaultFileMode
        | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    /// <summary>Metadata for a new file created now.</summary>
    public static EntryMetadata NewFile(DateTime nowUtc) =>
        new(FileAttributes.Normal, DefaultFileMode, nowUtc, nowUtc, nowUtc);

    /// <summary>Metadata for a new directory created now.</summary>
    public static EntryMetadata NewDirectory(DateTime nowUtc) =>
        new(FileAttributes.Directory, DefaultDirectoryMode, nowUtc, nowUtc, nowUtc);
}
