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
    private const int EBUSY = 0x10;
    private const int EWOULDBLOCK = 0x0B;

    /// <summary>COR_E_IO: the HResult of an <see cref="IOException"/> .NET raises itself, not for an error number.</summary>
    private const int CorEIo = unchecked((int)0x80131620);

    /// <summary>
    /// The exception System.IO builds for an error number on Linux (Interop.GetExceptionForIoErrno): ENOENT is a
    /// missing file, or with <paramref name="isDirectory"/> a missing directory; ENOTDIR a missing directory;
    /// EPERM denied access; the others an <see cref="IOException"/> whose HResult is the error number.
    /// </summary>
    public static Exception FromErrno(Errno error, string? path, bool isDirectory = false) => path is null ? WithoutPath(error, isDirectory) : error switch
    {
        Errno.ENOENT => isDirectory ? DirectoryNotFound(path) : FileNotFound(path),
        Errno.ENOTDIR => DirectoryNotFound(path),
        Errno.EPERM => AccessDenied(path),
        Errno.EEXIST => AlreadyExists(path),
        Errno.EBUSY => new IOException($"Device or resource busy : '{path}'", EBUSY),
        Errno.EISDIR => IsADirectory(path),
        Errno.EINVAL => InvalidArgument(path),
        Errno.EROFS => ReadOnly(path),
        Errno.ENOTEMPTY => NotEmpty(path),
        Errno.ELOOP => TooManyLinks(path),
        _ => new IOException($"Error {(int)error} : '{path}'", (int)error),
    };

    /// <summary>What .NET throws for an error number it cannot blame on one path (Interop.CheckIo without a path).</summary>
    private static Exception WithoutPath(Errno error, bool isDirectory) => error switch
    {
        Errno.ENOENT when !isDirectory => FileNotFound(),
        Errno.ENOENT or Errno.ENOTDIR => DirectoryNotFound(path: null),
        Errno.EPERM => new UnauthorizedAccessException("Access to the path is denied."),
        Errno.EEXIST => new IOException("File exists", EEXIST),
        Errno.EISDIR => new IOException("Is a directory", EISDIR),
        Errno.EINVAL => new IOException("Invalid argument", EINVAL),
        Errno.EROFS => new IOException("Read-only file system", EROFS),
        Errno.ENOTEMPTY => new IOException("Directory not empty", ENOTEMPTY),
        Errno.ELOOP => new IOException("Too many levels of symbolic links", ELOOP),
        _ => new IOException($"Error {(int)error}", (int)error),
    };

    /// <summary>What a failed lookup throws inside the engine: a missing directory on the way, or a link loop.</summary>
    public static IOException FromLookup(Errno error, string path) =>
        error == Errno.ELOOP ? TooManyLinks(path) : DirectoryNotFound(path);

    public static FileNotFoundException FileNotFound(string path) => new($"Could not find file '{path}'.", path);

    /// <summary>File.Replace's missing destination: .NET names no file.</summary>
    public static FileNotFoundException FileNotFound() => new("Unable to find the specified file.");

    public static DirectoryNotFoundException DirectoryNotFound(string? path) =>
        new(path is null ? "Could not find a part of the path." : $"Could not find a part of the path '{path}'.");

    /// <summary>Directory.Move of a file through a path that is not a directory (rename's ENOTDIR): .NET's own IOException.</summary>
    public static IOException PathNotFound(string path) => new($"Could not find a part of the path '{path}'.", CorEIo);

    /// <summary>File.Replace with a directory as source or destination.</summary>
    public static UnauthorizedAccessException NotAFile(string path) => new($"The specified path '{path}' is not a file.");

    public static IOException SourceAndDestinationSame() => new("Source and destination path must be different.", CorEIo);

    public static IOException ReplaceSameFile(string source, string destination) =>
        new($"The source '{source}' and destination '{destination}' are the same file.", CorEIo);

    /// <summary>
    /// The sharing violation .NET reports (EWOULDBLOCK from its advisory lock) when a file it holds open is opened
    /// again with a conflicting <see cref="FileShare"/>.
    /// </summary>
    public static IOException SharingViolation(string path) =>
        new($"The process cannot access the file '{path}' because it is being used by another process.", EWOULDBLOCK);

    /// <summary>ResolveLinkTarget(returnFinalTarget: true) past 40 links: .NET counts them itself.</summary>
    public static IOException TooManyLinksToResolve(string path) =>
        new($"Too many levels of symbolic links in '{path}'.", CorEIo);

    public static UnauthorizedAccessException AccessDenied(string path) => new($"Access to the path '{path}' is denied.");

    public static IOException AlreadyExists(string path) => new($"The file '{path}' already exists.", EEXIST);

    /// <summary>What .NET's Directory.Move says before it renames onto an existing name.</summary>
    public static IOException DestinationExists(string path) =>
        new($"Cannot create '{path}' because a file or directory with the same name already exists.", CorEIo);

    public static IOException CopyTargetIsDirectory(string path) =>
        new($"The target file '{path}' is a directory, not a file.", CorEIo);

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
