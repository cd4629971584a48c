using Zio;
using ZioFileSystemBase = Zio.FileSystems.FileSystem;

namespace UnionFs.Zio;

/// <summary>
/// Attributes and times. The union keeps what Linux keeps: <see cref="FileAttributes.ReadOnly"/> (as the owner's write
/// bit) and times; Zio's memory file system also stores Hidden, Archive and the like, which the union does not. The
/// union reports names starting with a dot as Hidden (System.IO's Linux rule); Zio does not, so Hidden is never shown.
/// </summary>
internal sealed partial class UnionZioFileSystem
{
    protected override FileAttributes GetAttributesImpl(UPath path)
    {
        if (!Exists(path)) throw ZioErrors.NotFound(path);
        var attributes = _union.File.GetAttributes(path.FullName) & ~FileAttributes.Hidden;
        if (IsDirectory(path)) return (attributes | FileAttributes.Directory) & ~FileAttributes.Normal;
        attributes &= ~FileAttributes.Normal;
        return attributes == 0 ? FileAttributes.Normal : attributes;
    }

    protected override void SetAttributesImpl(UPath path, FileAttributes attributes)
    {
        if (!Exists(path)) throw ZioErrors.NotFound(path);
        attributes = IsDirectory(path) ? attributes | FileAttributes.Directory : attributes & ~FileAttributes.Directory;
        _union.File.SetAttributes(path.FullName, attributes);
    }

    protected override DateTime GetCreationTimeImpl(UPath path) =>
        Exists(path) ? _union.File.GetCreationTime(path.FullName) : ZioFileSystemBase.DefaultFileTime;

    protected override DateTime GetLastAccessTimeImpl(UPath path) =>
        Exists(path) ? _union.File.GetLastAccessTime(path.FullName) : ZioFileSystemBase.DefaultFileTime;

    protected override DateTime GetLastWriteTimeImpl(UPath path) =>
        Exists(path) ? _union.File.GetLastWriteTime(path.FullName) : ZioFileSystemBase.DefaultFileTime;

    protected override void SetCreationTimeImpl(UPath path, DateTime time)
    {
        if (!Exists(path)) throw ZioErrors.NotFound(path);
        if (IsDirectory(path)) _union.Directory.SetCreationTime(path.FullName, time);
        else _union.File.SetCreationTime(path.FullName, time);
    }

    protected override void SetLastAccessTimeImpl(UPath path, DateTime time)
    {
        if (!Exists(path)) throw ZioErrors.NotFound(path);
        if (IsDirectory(path)) _union.Directory.SetLastAccessTime(path.FullName, time);
        else _union.File.SetLastAccessTime(path.FullName, time);
    }

    protected override void SetLastWriteTimeImpl(UPath path, DateTime time)
    {
        if (!Exists(path)) throw ZioErrors.NotFound(path);
        if (IsDirectory(path)) _union.Directory.SetLastWriteTime(path.FullName, time);
        else _union.File.SetLastWriteTime(path.FullName, time);
    }
}
