using System.IO.Abstractions;

namespace UnionFs.Facade;

/// <summary><see cref="IFileInfoFactory"/>: file infos for union paths.</summary>
internal sealed class UnionFileInfoFactory(UnionFileSystem fs) : IFileInfoFactory
{
    public IFileSystem FileSystem => fs;

    public IFileInfo New(string fileName) => UnionFileInfo.For(fs, fileName);

    public IFileInfo? Wrap(FileInfo? fileInfo) => fileInfo is null ? null : New(fileInfo.FullName);
}

/// <summary><see cref="IDirectoryInfoFactory"/>: directory infos for union paths.</summary>
internal sealed class UnionDirectoryInfoFactory(UnionFileSystem fs) : IDirectoryInfoFactory
{
    public IFileSystem FileSystem => fs;

    public IDirectoryInfo New(string path) => UnionDirectoryInfo.For(fs, path);

    public IDirectoryInfo? Wrap(DirectoryInfo? directoryInfo) => directoryInfo is null ? null : New(directoryInfo.FullName);
}
