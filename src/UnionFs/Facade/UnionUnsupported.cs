using System.IO.Abstractions;
using Microsoft.Win32.SafeHandles;
using UnionFs.Engine;

namespace UnionFs.Facade;

/// <summary><see cref="IRandomAccess"/> works on OS handles, which a union does not have: every member says so.</summary>
internal sealed class UnionRandomAccess(UnionFileSystem fs) : IRandomAccess
{
    public IFileSystem FileSystem => fs;

    public void FlushToDisk(SafeFileHandle handle) => throw UnionErrors.NeedsOsHandle("RandomAccess.FlushToDisk");

    public long GetLength(SafeFileHandle handle) => throw UnionErrors.NeedsOsHandle("RandomAccess.GetLength");

    public int Read(SafeFileHandle handle, Span<byte> buffer, long fileOffset) => throw UnionErrors.NeedsOsHandle("RandomAccess.Read");

    public long Read(SafeFileHandle handle, IReadOnlyList<Memory<byte>> buffers, long fileOffset) => throw UnionErrors.NeedsOsHandle("RandomAccess.Read");

    public ValueTask<int> ReadAsync(SafeFileHandle handle, Memory<byte> buffer, long fileOffset, CancellationToken cancellationToken = default) =>
        throw UnionErrors.NeedsOsHandle("RandomAccess.ReadAsync");

    public ValueTask<long> ReadAsync(SafeFileHandle handle, IReadOnlyList<Memory<byte>> buffers, long fileOffset, CancellationToken cancellationToken = default) =>
        throw UnionErrors.NeedsOsHandle("RandomAccess.ReadAsync");

    public void SetLength(SafeFileHandle handle, long length) => throw UnionErrors.NeedsOsHandle("RandomAccess.SetLength");

    public void Write(SafeFileHandle handle, ReadOnlySpan<byte> buffer, long fileOffset) => throw UnionErrors.NeedsOsHandle("RandomAccess.Write");

    public void Write(SafeFileHandle handle, IReadOnlyList<ReadOnlyMemory<byte>> buffers, long fileOffset) => throw UnionErrors.NeedsOsHandle("RandomAccess.Write");

    public ValueTask WriteAsync(SafeFileHandle handle, ReadOnlyMemory<byte> buffer, long fileOffset, CancellationToken cancellationToken = default) =>
        throw UnionErrors.NeedsOsHandle("RandomAccess.WriteAsync");

    public ValueTask WriteAsync(SafeFileHandle handle, IReadOnlyList<ReadOnlyMemory<byte>> buffers, long fileOffset, CancellationToken cancellationToken = default) =>
        throw UnionErrors.NeedsOsHandle("RandomAccess.WriteAsync");
}

/// <summary>Version resources are Windows PE data; a union file reports the empty version info .NET gives on Unix for such files.</summary>
internal sealed class UnionFileVersionInfoFactory(UnionFileSystem fs) : IFileVersionInfoFactory
{
    public IFileSystem FileSystem => fs;

    public IFileVersionInfo GetVersionInfo(string fileName)
    {
        // As FileVersionInfo.GetVersionInfo: a relative name is made full, then File.Exists decides (its message is
        // the bare path), and the file is opened to read its resources (a broken link fails there).
        ArgumentNullException.ThrowIfNull(fileName, "path");
        var full = fileName.StartsWith('/') ? fileName : fs.Path.GetFullPath(fileName);
        if (!fs.File.Exists(full)) throw new FileNotFoundException(full);
        fs.File.OpenRead(full).Dispose();
        return new UnionFileVersionInfo(full);
    }
}
