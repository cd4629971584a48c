using System.IO.Abstractions;

namespace UnionFs.Facade;

/// <summary>
/// Shared part of <see cref="UnionFileInfo"/> and <see cref="UnionDirectoryInfo"/>. Like FileSystemInfo,
/// the state is read on first use and kept until <see cref="Refresh"/> or a change made through this object.
/// </summary>
internal abstract class UnionFileSystemInfo : IFileSystemInfo
{
    private EntryStatus? _status;

    protected UnionFileSystemInfo(UnionFileSystem fs, string fullPath)
    {
        Fs = fs;
        FullName = fullPath;
    }

    public IFileSystem FileSystem => Fs;

    public string FullName { get; protected set; }

    public string Name => FullName.Length == 1 ? FullName : UnionFs.BranchPath.GetName(FullName);

    public string Extension => Path.GetExtension(FullName);

    public abstract bool Exists { get; }

    public FileAttributes Attributes
    {
        get => CheckedStatus.Attributes;
        set
        {
            Fs.File.SetAttributes(FullName, value);
            Invalidate();
        }
    }

    public DateTime CreationTime { get => CreationTimeUtc.ToLocalTime(); set => CreationTimeUtc = value.ToUniversalTime(); }

    public DateTime CreationTimeUtc
    {
        get => CheckedStatus.CreationTimeUtc;
        set { Fs.File.SetCreationTimeUtc(FullName, value); Invalidate(); }
    }

    public DateTime LastAccessTime { get => LastAccessTimeUtc.ToLocalTime(); set => LastAccessTimeUtc = value.ToUniversalTime(); }

    public DateTime LastAccessTimeUtc
    {
        get => CheckedStatus.LastAccessTimeUtc;
        set { Fs.File.SetLastAccessTimeUtc(FullName, value); Invalidate(); }
    }

    public DateTime LastWriteTime { get => LastWriteTimeUtc.ToLocalTime(); set => LastWriteTimeUtc = value.ToUniversalTime(); }

    public DateTime LastWriteTimeUtc
    {
        get => CheckedStatus.LastWriteTimeUtc;
        set { Fs.File.SetLastWriteTimeUtc(FullName, value); Invalidate(); }
    }

    public string? LinkTarget => Status.LinkTarget;

    public UnixFileMode UnixFileMode
    {
        get => CheckedStatus.UnixMode;
        set { Fs.File.SetUnixFileMode(FullName, value); Invalidate(); }
    }

    protected UnionFileSystem Fs { get; }

    protected EntryStatus Status => _status ??= EntryStatus.Of(Fs.Engine, FullName);

    /// <summary>The status for a value that .NET reads with errors on (a link loop on the way throws; a missing name does not).</summary>
    protected EntryStatus CheckedStatus
    {
        get
        {
            var status = Status;
            status.ThrowIfFailed(FullName);
            return status;
        }
    }

    public void CreateAsSymbolicLink(string pathToTarget)
    {
        Fs.File.CreateSymbolicLink(FullName, pathToTarget);
        Invalidate();
    }

    public abstract void Delete();

    public void Refresh() => Invalidate();

    public abstract IFileSystemInfo? ResolveLinkTarget(bool returnFinalTarget);

    public override string ToString() => FullName;

    protected void Invalidate() => _status = null;
}
