using System.IO.Abstractions;

namespace UnionFs.Facade;

/// <summary>
/// The union's one drive: its root. As DriveInfo on Linux, it keeps the name it was asked for, and reports the
/// drive type of the host's root (where a union lives, in the process's memory, is no drive of its own).
/// </summary>
internal sealed class UnionDriveInfo(UnionFileSystem fs, string name) : IDriveInfo
{
    private static readonly Lazy<DriveType> HostRootType = new(() => new DriveInfo("/").DriveType);

    public IFileSystem FileSystem => fs;

    public long AvailableFreeSpace => fs.IsReadOnly ? 0 : long.MaxValue;

    public string DriveFormat => "unionfs";

    public DriveType DriveType => HostRootType.Value;

    public bool IsReady => true;

    public string Name => name;

    public IDirectoryInfo RootDirectory => new UnionDirectoryInfo(fs, UnionFs.BranchPath.Root);

    public long TotalFreeSpace => AvailableFreeSpace;

    public long TotalSize => long.MaxValue;

    [System.Diagnostics.CodeAnalysis.AllowNull]
    public string VolumeLabel
    {
        get => "union";
        set => throw new PlatformNotSupportedException("The volume label of a union cannot be changed.");
    }
}

/// <summary><see cref="IDriveInfoFactory"/>: one drive, the union root.</summary>
internal sealed class UnionDriveInfoFactory(UnionFileSystem fs) : IDriveInfoFactory
{
    public IFileSystem FileSystem => fs;

    public IDriveInfo[] GetDrives() => [new UnionDriveInfo(fs, UnionFs.BranchPath.Root)];

    public IDriveInfo New(string driveName)
    {
        // As DriveInfo on Unix: any non-empty name without a NUL is taken as it is.
        ArgumentNullException.ThrowIfNull(driveName);
        if (driveName.Length == 0) throw new ArgumentException("Drive name must not be empty.", nameof(driveName));
        if (driveName.Contains('\0')) throw new ArgumentException($"Illegal characters in drive name '{driveName}'.", nameof(driveName));
        return new UnionDriveInfo(fs, driveName);
    }

    public IDriveInfo? Wrap(DriveInfo? driveInfo) => driveInfo is null ? null : new UnionDriveInfo(fs, driveInfo.Name);
}
