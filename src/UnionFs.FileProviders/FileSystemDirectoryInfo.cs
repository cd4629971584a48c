using Microsoft.Extensions.FileProviders;

namespace UnionFs.FileProviders;

/// <summary>A directory of the file system as an <see cref="IFileInfo"/>, like PhysicalDirectoryInfo: length -1, no stream.</summary>
internal sealed class FileSystemDirectoryInfo(System.IO.Abstractions.IDirectoryInfo info, bool hasPhysicalPath) : IFileInfo
{
    public bool Exists => info.Exists;

    public long Length => -1;

    public string? PhysicalPath => hasPhysicalPath ? info.FullName : null;

    public string Name => info.Name;

    public DateTimeOffset LastModified => info.LastWriteTimeUtc;

    public bool IsDirectory => true;

    public Stream CreateReadStream() => throw new InvalidOperationException("Cannot create a stream for a directory.");
}
