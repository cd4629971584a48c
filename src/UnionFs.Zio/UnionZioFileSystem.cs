using System.IO.Abstractions;
using Zio;
using ZioFileSystemBase = Zio.FileSystems.FileSystem;
using ZioWatcher = Zio.IFileSystemWatcher;

namespace UnionFs.Zio;

/// <summary>
/// A Zio file system over a union (what <see cref="UnionZioExtensions.AsZio"/> returns). Zio's base class validates every
/// path once (absolute, no control characters, no <c>:</c>); each <c>*Impl</c> here first answers Zio's own conditions
/// the way Zio's <c>MemoryFileSystem</c> does (which exception for a missing source, a file in the way, a read-only
/// file), then makes one call on the union. Union paths and Zio paths are the same strings: absolute, <c>/</c>-separated.
/// </summary>
internal sealed partial class UnionZioFileSystem(UnionFileSystem union) : ZioFileSystemBase
{
    private readonly UnionFileSystem _union = union;

    /// <summary>The union behind this view.</summary>
    public UnionFileSystem Union => _union;

    // ----------------------------------------------------------------------------------------------------------
    // Directories
    // ----------------------------------------------------------------------------------------------------------

    protected override void CreateDirectoryImpl(UPath path)
    {
        for (var ancestor = path; ancestor != UPath.Root && !ancestor.IsNull; ancestor = ancestor.GetDirectory())
        {
            if (IsFile(ancestor)) throw new IOException($"Cannot create directory `{path}` on an existing file");
        }
        _union.Directory.CreateDirectory(path.FullName);
    }

    protected override bool DirectoryExistsImpl(UPath path) => _union.Directory.Exists(path.FullName);

    protected override void MoveDirectoryImpl(UPath srcPath, UPath destPath)
    {
        if (destPath.IsInDirectory(srcPath, recursive: true))
            throw new IOException($"Cannot move the source directory `{srcPath}` to a a sub-folder of itself `{destPath}`");
        if (IsFile(srcPath)) throw new IOException($"The source directory `{srcPath}` is a file");
        if (!IsDirectory(srcPath)) throw ZioErrors.DirectoryNotFound(srcPath);
        if (!IsDirectory(destPath.GetDirectory())) throw ZioErrors.DirectoryNotFound(destPath);
        if (Exists(destPath)) throw new IOException($"The destination path `{destPath}` is an existing file");
        _union.Directory.Move(srcPath.FullName, destPath.FullName);
    }

    protected override void DeleteDirectoryImpl(UPath path, bool isRecursive)
    {
        if (IsFile(path)) throw new IOException($"The source directory `{path}` is a file");
        if (!IsDirectory(path)) throw ZioErrors.DirectoryNotFound(path);
        if (!isRecursive && _union.Directory.EnumerateFileSystemEntries(path.FullName).Any())
            throw new IOException($"The directory `{path}` is not empty");
        if (IsReadOnly(path)) throw new IOException($"Access to the path `{path}` is denied");
        if (isRecursive && ContainsReadOnlyFile(path)) throw new UnauthorizedAccessException($"Access to path `{path}` is denied.");
        _union.Directory.Delete(path.FullName, isRecursive);
    }

    // ----------------------------------------------------------------------------------------------------------
    // Files
    // ----------------------------------------------------------------------------------------------------------

    protected override void CopyFileImpl(UPath srcPath, UPath destPath, bool overwrite)
    {
        if (IsDirectory(srcPath)) throw new UnauthorizedAccessException($"Cannot copy file. The path `{srcPath}` is a directory");
        if (!IsFile(srcPath)) throw ZioErrors.FileNotFound(srcPath);
        if (!IsDirectory(destPath.GetDirectory())) throw ZioErrors.DirectoryNotFound(destPath);
        if (IsDirectory(destPath)) throw new IOException($"The target file `{destPath}` is a directory, not a file.");
        if (IsFile(destPath))
        {
            if (!overwrite) throw new IOException($"The destination file path `{destPath}` already exist and overwrite is false");
            if (IsReadOnly(destPath)) throw new UnauthorizedAccessException($"Access to path `{destPath}` is denied.");
            if (srcPath == destPath) throw new IOException($"The file `{srcPath}` is already locked.");
        }
        _union.File.Copy(srcPath.FullName, destPath.FullName, overwrite);
        // Zio keeps the copy's times; System.IO on Linux gives it new ones.
        _union.File.SetLastWriteTimeUtc(destPath.FullName, _union.File.GetLastWriteTimeUtc(srcPath.FullName));
    }

    protected override void ReplaceFileImpl(UPath srcPath, UPath destPath, UPath destBackupPath, bool ignoreMetadataErrors)
    {
        // Zio's base has checked that both files exist and that the backup is not the source.
        if (srcPath == destPath) throw new IOException($"The file `{srcPath}` is already locked.");
        if (!destBackupPath.IsNull)
        {
            if (destBackupPath == destPath) throw new IOException($"The file `{destPath}` is already used for writing by another thread.");
            if (!IsDirectory(destBackupPath.GetDirectory())) throw ZioErrors.DirectoryNotFound(destBackupPath);
        }
        _union.File.Replace(srcPath.FullName, destPath.FullName, destBackupPath.IsNull ? null : destBackupPath.FullName, ignoreMetadataErrors);
    }

    protected override long GetFileLengthImpl(UPath path) =>
        IsFile(path) ? _union.FileInfo.New(path.FullName).Length : throw ZioErrors.FileNotFound(path);

    protected override bool FileExistsImpl(UPath path) => IsFile(path);

    protected override void MoveFileImpl(UPath srcPath, UPath destPath)
    {
        // Zio's memory file system moves a directory here too.
        var isDirectory = IsDirectory(srcPath);
        if (!isDirectory && !IsFile(srcPath)) throw ZioErrors.FileNotFound(srcPath);
        if (!IsDirectory(destPath.GetDirectory())) throw ZioErrors.DirectoryNotFound(destPath);
        if (Exists(destPath)) throw new IOException($"The destination path `{destPath}` is an existing directory");
        if (isDirectory)
        {
            if (destPath.IsInDirectory(srcPath, recursive: true))
                throw new IOException($"Cannot move the source directory `{srcPath}` to a a sub-folder of itself `{destPath}`");
            _union.Directory.Move(srcPath.FullName, destPath.FullName);
        }
        else
        {
            _union.File.Move(srcPath.FullName, destPath.FullName);
        }
    }

    protected override void DeleteFileImpl(UPath path)
    {
        if (IsDirectory(path)) throw new UnauthorizedAccessException($"Access to path `{path}` is denied.");
        if (!IsFile(path)) return; // Zio: deleting a missing file does nothing.
        if (IsReadOnly(path)) throw new UnauthorizedAccessException($"Access to path `{path}` is denied.");
        _union.File.Delete(path.FullName);
    }

    protected override Stream OpenFileImpl(UPath path, FileMode mode, FileAccess access, FileShare share)
    {
        if (mode == FileMode.Append && (access & FileAccess.Read) != 0)
            throw new ArgumentException($"Combining FileMode: {mode} with FileAccess: {access} is invalid.", nameof(access));
        if (path == UPath.Root || !IsDirectory(path.GetDirectory())) throw ZioErrors.DirectoryNotFound(path);
        if (IsDirectory(path)) throw new UnauthorizedAccessException($"Access to the path `{path}` is denied.");
        var exists = IsFile(path);
        var changes = (access & FileAccess.Write) != 0 || mode is FileMode.Create or FileMode.CreateNew or FileMode.Truncate;
        if (exists && changes && IsReadOnly(path)) throw new UnauthorizedAccessException($"Access to the path `{path}` is denied.");
        if (exists && mode == FileMode.CreateNew) throw new IOException($"The destination path `{path}` is an existing file");
        if (!exists && mode is FileMode.Open or FileMode.Truncate) throw ZioErrors.FileNotFound(path);
        if ((access & FileAccess.Write) == 0 && mode is not FileMode.Open)
        {
            // Zio creates or truncates for a read-only open too; System.IO refuses the combination. Do it in two steps.
            if (mode == FileMode.CreateNew || (!exists && mode == FileMode.OpenOrCreate)) mode = FileMode.CreateNew;
            if (mode != FileMode.OpenOrCreate) _union.File.Open(path.FullName, mode, FileAccess.Write, FileShare.ReadWrite).Dispose();
            mode = FileMode.Open;
        }
        return _union.File.Open(path.FullName, mode, access, share);
    }

    // ----------------------------------------------------------------------------------------------------------
    // Links (Zio's memory file system has none; the union has them, as Zio's physical file system does)
    // ----------------------------------------------------------------------------------------------------------

    protected override void CreateSymbolicLinkImpl(UPath path, UPath pathToTarget)
    {
        if (!IsDirectory(path.GetDirectory())) throw ZioErrors.DirectoryNotFound(path);
        if (Exists(path)) throw new IOException($"The destination path `{path}` already exists");
        _union.File.CreateSymbolicLink(path.FullName, pathToTarget.FullName);
    }

    protected override bool TryResolveLinkTargetImpl(UPath linkPath, out UPath resolvedPath)
    {
        resolvedPath = default;
        var target = _union.FileInfo.New(linkPath.FullName).LinkTarget;
        if (target is null || target.Contains('\\', StringComparison.Ordinal)) return false;
        var path = new UPath(target);
        resolvedPath = path.IsAbsolute ? path : (linkPath.GetDirectory() / path);
        return true;
    }

    // ----------------------------------------------------------------------------------------------------------
    // Watching and paths
    // ----------------------------------------------------------------------------------------------------------

    protected override ZioWatcher WatchImpl(UPath path) => new UnionZioWatcher(this, path);

    protected override string ConvertPathToInternalImpl(UPath path) => path.FullName;

    protected override UPath ConvertPathFromInternalImpl(string innerPath) => new(innerPath);

    // ----------------------------------------------------------------------------------------------------------
    // Lookups on the union
    // ----------------------------------------------------------------------------------------------------------

    private IFileSystemInfo Info(UPath path) => _union.FileInfo.New(path.FullName);

    private bool IsFile(UPath path) => _union.File.Exists(path.FullName);

    private bool IsDirectory(UPath path) => path == UPath.Root || _union.Directory.Exists(path.FullName);

    private bool Exists(UPath path) => IsFile(path) || IsDirectory(path);

    private bool IsReadOnly(UPath path) => (Info(path).Attributes & FileAttributes.ReadOnly) != 0;

    private bool ContainsReadOnlyFile(UPath directory) =>
        _union.Directory.EnumerateFiles(directory.FullName, "*", SearchOption.AllDirectories)
            .Any(file => (_union.File.GetAttributes(file) & FileAttributes.ReadOnly) != 0);
}
