using System.IO.Abstractions;
using Microsoft.Win32.SafeHandles;
using UnionFs.Engine;

namespace UnionFs.Facade;

/// <summary>The members of <see cref="IFile"/> that need an operating-system handle, which a union file does not have.</summary>
internal sealed partial class UnionFile
{
    // ---- members that need an operating-system handle ----

    public void Decrypt(string path) => throw new PlatformNotSupportedException("File encryption is not supported on this platform.");

    public void Encrypt(string path) => throw new PlatformNotSupportedException("File encryption is not supported on this platform.");

    public SafeFileHandle OpenHandle(string path, FileMode mode = FileMode.Open, FileAccess access = FileAccess.Read, FileShare share = FileShare.Read, FileOptions options = FileOptions.None, long preallocationSize = 0) =>
        throw UnionErrors.NeedsOsHandle(nameof(OpenHandle));

    public FileAttributes GetAttributes(SafeFileHandle fileHandle) => throw UnionErrors.NeedsOsHandle(nameof(GetAttributes));

    public DateTime GetCreationTime(SafeFileHandle fileHandle) => throw UnionErrors.NeedsOsHandle(nameof(GetCreationTime));

    public DateTime GetCreationTimeUtc(SafeFileHandle fileHandle) => throw UnionErrors.NeedsOsHandle(nameof(GetCreationTimeUtc));

    public DateTime GetLastAccessTime(SafeFileHandle fileHandle) => throw UnionErrors.NeedsOsHandle(nameof(GetLastAccessTime));

    public DateTime GetLastAccessTimeUtc(SafeFileHandle fileHandle) => throw UnionErrors.NeedsOsHandle(nameof(GetLastAccessTimeUtc));

    public DateTime GetLastWriteTime(SafeFileHandle fileHandle) => throw UnionErrors.NeedsOsHandle(nameof(GetLastWriteTime));

    public DateTime GetLastWriteTimeUtc(SafeFileHandle fileHandle) => throw UnionErrors.NeedsOsHandle(nameof(GetLastWriteTimeUtc));

    public UnixFileMode GetUnixFileMode(SafeFileHandle fileHandle) => throw UnionErrors.NeedsOsHandle(nameof(GetUnixFileMode));

    public void SetAttributes(SafeFileHandle fileHandle, FileAttributes fileAttributes) => throw UnionErrors.NeedsOsHandle(nameof(SetAttributes));

    public void SetCreationTime(SafeFileHandle fileHandle, DateTime creationTime) => throw UnionErrors.NeedsOsHandle(nameof(SetCreationTime));

    public void SetCreationTimeUtc(SafeFileHandle fileHandle, DateTime creationTimeUtc) => throw UnionErrors.NeedsOsHandle(nameof(SetCreationTimeUtc));

    public void SetLastAccessTime(SafeFileHandle fileHandle, DateTime lastAccessTime) => throw UnionErrors.NeedsOsHandle(nameof(SetLastAccessTime));

    public void SetLastAccessTimeUtc(SafeFileHandle fileHandle, DateTime lastAccessTimeUtc) => throw UnionErrors.NeedsOsHandle(nameof(SetLastAccessTimeUtc));

    public void SetLastWriteTime(SafeFileHandle fileHandle, DateTime lastWriteTime) => throw UnionErrors.NeedsOsHandle(nameof(SetLastWriteTime));

    public void SetLastWriteTimeUtc(SafeFileHandle fileHandle, DateTime lastWriteTimeUtc) => throw UnionErrors.NeedsOsHandle(nameof(SetLastWriteTimeUtc));

    public void SetUnixFileMode(SafeFileHandle fileHandle, UnixFileMode mode) => throw UnionErrors.NeedsOsHandle(nameof(SetUnixFileMode));

}
