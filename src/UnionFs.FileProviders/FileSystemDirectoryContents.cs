using System.Collections;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.FileProviders.Physical;

namespace UnionFs.FileProviders;

/// <summary>
/// The entries of one directory, like PhysicalDirectoryContents: listed afresh on each enumeration (for a union, the
/// merged listing), excluded entries left out, nothing at all when the directory is gone.
/// </summary>
internal sealed class FileSystemDirectoryContents(System.IO.Abstractions.IFileSystem fileSystem, string directory, ExclusionFilters filters, bool hasPhysicalPath)
    : IDirectoryContents
{
    public bool Exists => fileSystem.Directory.Exists(directory);

    public IEnumerator<IFileInfo> GetEnumerator() => List().GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private IEnumerable<IFileInfo> List()
    {
        IEnumerable<System.IO.Abstractions.IFileSystemInfo> entries;
        try
        {
            entries = fileSystem.DirectoryInfo.New(directory).EnumerateFileSystemInfos();
        }
        catch (IOException)
        {
            return [];
        }
        return entries
            .Where(entry => !Exclusion.IsExcluded(entry, filters))
            .Select(IFileInfo (entry) => entry switch
            {
                System.IO.Abstractions.IDirectoryInfo subdirectory => new FileSystemDirectoryInfo(subdirectory, hasPhysicalPath),
                System.IO.Abstractions.IFileInfo file => new FileSystemFileInfo(file, file.FullName, hasPhysicalPath),
                _ => throw new InvalidOperationException($"Unexpected type of file system info: {entry.GetType()}."),
            });
    }
}
