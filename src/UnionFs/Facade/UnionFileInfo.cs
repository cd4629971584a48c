using System.IO.Abstractions;
using UnionFs.Engine;

namespace UnionFs.Facade;

/// <summary><see cref="IFileInfo"/> over a union path.</summary>
internal sealed class UnionFileInfo : UnionFileSystemInfo, IFileInfo
{
    public UnionFileInfo(UnionFileSystem fs, string fullPath)
        : base(fs, fullPath)
    {
    }

    public override bool Exists => Status.Exists && !Status.IsDirectory;

    public IDirectoryInfo? Directory => DirectoryName is { } parent ? new UnionDirectoryInfo(Fs, parent) : null;

    public string? DirectoryName => UnionFs.BranchPath.GetParent(FullName);

    public bool IsReadOnly
    {
        get => (Attributes & FileAttributes.ReadOnly) != 0;
        set
        {
            var attributes = Attributes;
            Attributes = value ? attributes | FileAttributes.ReadOnly : attributes & ~FileAttributes.ReadOnly;
        }
    }

    public long Length => CheckedStatus is { Exists: true, IsDirectory: false } status ? status.Length : throw UnionErrors.FileNotFound(FullName);

    public StreamWriter AppendText() => Fs.File.AppendText(FullName);

    public IFileInfo CopyTo(string destFileName) => CopyTo(destFileName, overwrite: false);

    public IFileInfo CopyTo(string destFileName, bool overwrite)
    {
        var destination = Fs.Full(destFileName, nameof(destFileName));
        Fs.File.Copy(FullName, destination, overwrite);
        return new UnionFileInfo(Fs, destination);
    }

    public FileSystemStream Create()
    {
        var stream = Fs.File.Create(FullName);
        Invalidate();
        return stream;
    }

    public StreamWriter CreateText()
    {
        var writer = Fs.File.CreateText(FullName);
        Invalidate();
        return writer;
    }

    public void Decrypt() => Fs.File.Decrypt(FullName);

    public void Encrypt() => Fs.File.Encrypt(FullName);

    public override void Delete()
    {
        Fs.File.Delete(FullName);
        Invalidate();
    }

    public void MoveTo(string destFileName) => MoveTo(destFileName, overwrite: false);

    public void MoveTo(string destFileName, bool overwrite)
    {
        var destination = Fs.Full(destFileName, nameof(destFileName));
        Fs.File.Move(FullName, destination, overwrite);
        FullName = destination;
        Invalidate();
    }

    public FileSystemStream Open(FileMode mode) => Fs.File.Open(FullName, mode);

    public FileSystemStream Open(FileMode mode, FileAccess access) => Fs.File.Open(FullName, mode, access);

    public FileSystemStream Open(FileMode mode, FileAccess access, FileShare share) => Fs.File.Open(FullName, mode, access, share);

    public FileSystemStream Open(FileStreamOptions options) => Fs.File.Open(FullName, options);

    public FileSystemStream OpenRead() => Fs.File.OpenRead(FullName);

    public StreamReader OpenText() => Fs.File.OpenText(FullName);

    public FileSystemStream OpenWrite() => Fs.File.OpenWrite(FullName);

    public IFileInfo Replace(string destinationFileName, string? destinationBackupFileName) =>
        Replace(destinationFileName, destinationBackupFileName, ignoreMetadataErrors: false);

    public IFileInfo Replace(string destinationFileName, string? destinationBackupFileName, bool ignoreMetadataErrors)
    {
        var destination = Fs.Full(destinationFileName, nameof(destinationFileName));
        Fs.File.Replace(FullName, destination, destinationBackupFileName, ignoreMetadataErrors);
        return new UnionFileInfo(Fs, destination);
    }

    public override IFileSystemInfo? ResolveLinkTarget(bool returnFinalTarget) => Fs.File.ResolveLinkTarget(FullName, returnFinalTarget);
}
