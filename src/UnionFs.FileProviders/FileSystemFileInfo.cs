using Microsoft.Extensions.FileProviders;

namespace UnionFs.FileProviders;

/// <summary>
/// A file of the file system as an <see cref="IFileInfo"/>, like PhysicalFileInfo: never a directory (a directory's
/// path gives a file that does not exist), the length and times of the file, a read stream that shares.
/// <paramref name="path"/> is the full path as the caller named it (a trailing separator kept), which the stream
/// opens, as FileStream would; <paramref name="name"/>, when given, replaces the file's own name.
/// </summary>
internal sealed class FileSystemFileInfo(System.IO.Abstractions.IFileInfo info, string path, bool hasPhysicalPath, string? name = null) : IFileInfo
{
    public bool Exists => info.Exists;

    public long Length => info.Length;

    public string? PhysicalPath => hasPhysicalPath ? path : null;

    public string Name => name ?? info.Name;

    public DateTimeOffset LastModified => info.LastWriteTimeUtc;

    public bool IsDirectory => false;

    public Stream CreateReadStream() =>
        info.FileSystem.FileStream.New(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
}
