namespace UnionFs.Engine;

/// <summary>
/// The one place that builds exceptions: the same types, messages and HResults that System.IO gives on a
/// Linux kernel overlay mount, always naming the union path, never a branch's internal path.
/// </summary>
internal static class UnionErrors
{
    private const int EEXIST = 0x11;
    private const int EXDEV = 0x12;
    private const int EINVAL = 0x16;
    private const int ENOTEMPTY = 0x27;
    private const int EROFS = 0x1E;
    private const int ELOOP = 0x28;
    private const int ENAMETOOLONG = 0x24;
    private const int EISDIR = 0x15;
    private const int ENOTDIR = 0x14;
    private const int AlreadyExistsHResult = unchecked((int)0x80131620);

    public static FileNotFoundException FileNotFound(string path) => new($"Could not find file '{path}'.", path);

    public static DirectoryNotFoundException DirectoryNotFound(string path) => new($"Could not find a part of the path '{path}'.");

    public static UnauthorizedAccessException AccessDenied(string path) => new($"Access to the path '{path}' is denied.");

    public static IOException AlreadyExists(string path) => new($"The file '{path}' already exists.", EEXIST);

    /// <summary>What .NET's Directory.Move says before it renames onto an existing name.</summary>
    public static IOException DestinationExists(string path) =>
        new($"Cannot create '{path}' because a file or directory with the same name already exists.", AlreadyExistsHResult);

    public static IOException CopyTargetIsDirectory(string path) =>
        new($"The target file '{path}' is a directory, not a file.", AlreadyExistsHResult);

    public static IOException NotEmpty(string path) => new($"Directory not empty : '{path}'", ENOTEMPTY);

    public static IOException ReadOnly(string path) => new($"Read-only file system : '{path}'", EROFS);

    public static IOException TooManyLinks(string path) => new($"Too many levels of symbolic links : '{path}'", ELOOP);

    public static IOException InvalidArgument(string path) => new($"Invalid argument : '{path}'", EINVAL);

    public static IOException IsADirectory(string path) => new($"Is a directory : '{path}'", EISDIR);

    public static IOException NotADirectory(string path) => new($"Not a directory : '{path}'", ENOTDIR);

    public static IOException CrossDevice(string path) => new($"Invalid cross-device link : '{path}'", EXDEV);

    public static IOException NameTooLong(string path) => new($"File name too long : '{path}'", ENAMETOOLONG);

    public static NotSupportedException NeedsOsHandle(string member) =>
        new($"{member} needs an operating-system file handle; a UnionFileSystem lives in the process and has none. Use the path-based or stream-based members instead.");
}
