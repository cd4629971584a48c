using System.IO.Abstractions;

namespace UnionFs.Facade;

/// <summary>The union's one drive: its root.</summary>
internal sealed class UnionDriveInfo(UnionFileSystem fs) : IDriveInfo
{
    public IFileSystem FileSystem => fs;

    public long AvailableFreeSpace => fs.IsReadOnly ? 0 : long.MaxValue;

    public string DriveFormat => "unionfs";

    public DriveType DriveType => DriveType.Ram;

    public bool IsReady => true;

    public string Name => UnionFs.BranchPath.Root;

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

    public IDriveInfo[] GetDrives() => [new UnionDriveInfo(fs)];

    public IDriveInfo New(string driveName)
    {
        ArgumentNullException.ThrowIfNull(driveName);
        return new UnionDriveInfo(fs);
    }

    public IDriveInfo? Wrap(DriveInfo? driveInfo) => driveInfo is null ? null : new UnionDriveInfo(fs);
}
