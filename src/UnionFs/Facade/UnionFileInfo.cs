using System.IO.Abstractions;
using UnionFs.Engine;

namespace UnionFs.Facade;

/// <summary><see cref="IFileInfo"/> over a union path.</summary>
internal sealed class UnionFileInfo : UnionFileSystemInfo, IFileInfo
{
    public UnionFileInfo(UnionFileSystem fs, string fullName, string? originalPath = null)
        : base(fs, fullName, originalPath)
    {
    }

    /// <summary>A file info for a path as the caller wrote it, as <c>new FileInfo(path)</c>.</summary>
    public static UnionFileInfo For(UnionFileSystem fs, string path, string parameterName = "fileName")
    {
        // As FileInfo: null is checked by name, the rest by Path.GetFullPath ("path").
        ArgumentNullException.ThrowIfNull(path, parameterName);
        return new(fs, UnionFileSystem.Shown(path, fs.Full(path)), path);
    }

    /// <summary>As FileInfo: the last segment of the path as written (empty after a trailing separator).</summary>
    public override string Name => OriginalPath[(OriginalPath.LastIndexOf('/') + 1)..];

    public override bool Exists => Status.Exists && !Status.IsDirectory;

    public IDirectoryInfo? Directory => DirectoryName is { } parent ? new UnionDirectoryInfo(Fs, parent) : null;

    public string? DirectoryName => Path.GetDirectoryName(FullName);

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
        var copy = For(Fs, destFileName, nameof(destFileName));
        Fs.File.Copy(FullName, copy.FullName, overwrite);
        // As FileInfo.CopyTo: the new info is made from the full path.
        return new UnionFileInfo(Fs, copy.FullName);
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
        var destination = For(Fs, destFileName, nameof(destFileName));
        // As FileInfo.MoveTo: the source's directory (of the full name as written) and the source are checked first.
        if (!EntryStatus.DirectoryExists(Fs.Engine, Path.GetDirectoryName(FullName) ?? UnionFs.BranchPath.Root))
            throw UnionErrors.DirectoryNotFound(FullName);
        if (!Exists) throw UnionErrors.FileNotFound(FullName);
        Fs.File.Move(FullName, destination.FullName, overwrite);
        SetPath(destination.FullName, destFileName);
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
        var destination = For(Fs, destinationFileName, nameof(destinationFileName));
        Fs.File.Replace(FullName, destination.FullName, destinationBackupFileName, ignoreMetadataErrors);
        return destination;
    }

    public override IFileSystemInfo? ResolveLinkTarget(bool returnFinalTarget) => Fs.File.ResolveLinkTarget(FullName, returnFinalTarget);
}
