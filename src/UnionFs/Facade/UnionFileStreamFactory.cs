using System.IO.Abstractions;
using Microsoft.Win32.SafeHandles;
using UnionFs.Engine;

namespace UnionFs.Facade;

/// <summary><see cref="IFileStreamFactory"/>: every constructor shape comes down to the union's one way of opening a file.</summary>
internal sealed class UnionFileStreamFactory(UnionFileSystem fs) : IFileStreamFactory
{
    public IFileSystem FileSystem => fs;

    public FileSystemStream New(string path, FileMode mode) =>
        New(path, mode, mode == FileMode.Append ? FileAccess.Write : FileAccess.ReadWrite);

    public FileSystemStream New(string path, FileMode mode, FileAccess access) => New(path, mode, access, FileShare.Read);

    public FileSystemStream New(string path, FileMode mode, FileAccess access, FileShare share) => fs.File.Open(path, mode, access, share);

    public FileSystemStream New(string path, FileMode mode, FileAccess access, FileShare share, int bufferSize) =>
        New(path, mode, access, share, bufferSize, FileOptions.None);

    public FileSystemStream New(string path, FileMode mode, FileAccess access, FileShare share, int bufferSize, bool useAsync) =>
        New(path, mode, access, share, bufferSize, useAsync ? FileOptions.Asynchronous : FileOptions.None);

    public FileSystemStream New(string path, FileMode mode, FileAccess access, FileShare share, int bufferSize, FileOptions options) =>
        ((UnionFile)fs.File).OpenFileStream(path, mode, access, share, bufferSize, options);

    public FileSystemStream New(string path, FileStreamOptions options) => fs.File.Open(path, options);

    public FileSystemStream New(SafeFileHandle handle, FileAccess access) => throw UnionErrors.NeedsOsHandle("FileStream(SafeFileHandle)");

    public FileSystemStream New(SafeFileHandle handle, FileAccess access, int bufferSize) => throw UnionErrors.NeedsOsHandle("FileStream(SafeFileHandle)");

    public FileSystemStream New(SafeFileHandle handle, FileAccess access, int bufferSize, bool isAsync) => throw UnionErrors.NeedsOsHandle("FileStream(SafeFileHandle)");

    public FileSystemStream Wrap(FileStream fileStream) =>
        throw new NotSupportedException("A FileStream of the host file system cannot become part of a union; open the file through the union instead.");
}
