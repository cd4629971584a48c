using System.IO.Abstractions;

namespace UnionFs.Facade;

/// <summary>
/// Shared part of <see cref="UnionFileInfo"/> and <see cref="UnionDirectoryInfo"/>. Like FileSystemInfo,
/// the state is read on first use and kept until <see cref="Refresh"/> or a change made through this object.
/// As FileSystemInfo does, it keeps the path as the caller wrote it (<see cref="ToString"/>) and the full path
/// as Path.GetFullPath gives it (<see cref="FullName"/>, a trailing separator kept).
/// </summary>
internal abstract class UnionFileSystemInfo : IFileSystemInfo
{
    private EntryStatus? _status;
    private string _fullName = null!;
    private string _path = null!;

    /// <param name="fs">The union.</param>
    /// <param name="fullName">The full path as Path.GetFullPath gives it.</param>
    /// <param name="originalPath">The path as the caller wrote it; the full path when null.</param>
    protected UnionFileSystemInfo(UnionFileSystem fs, string fullName, string? originalPath)
    {
        Fs = fs;
        SetPath(fullName, originalPath);
    }

    public IFileSystem FileSystem => Fs;

    public string FullName => _fullName;

    /// <summary>The path as the caller wrote it.</summary>
    protected string OriginalPath { get; private set; } = null!;

    /// <summary>The normalised union path the engine is asked about.</summary>
    protected string UnionPathName => _path;

    public abstract string Name { get; }

    /// <summary>As FileSystemInfo: from the last '.' of the full path's last segment, even when nothing follows it.</summary>
    public string Extension
    {
        get
        {
            for (var i = _fullName.Length - 1; i >= 0 && _fullName[i] != '/'; i--)
                if (_fullName[i] == '.') return _fullName[i..];
            return string.Empty;
        }
    }

    public abstract bool Exists { get; }

    public FileAttributes Attributes
    {
        // As FileSystemInfo: Hidden comes from this object's own name (FileInfo(".") is hidden).
        get => CheckedStatus.AttributesNamed(Name);
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

    /// <summary>readlink(2) of the full name: "name/", "name/." and "name/.." reach through a final link, so they never name one.</summary>
    public string? LinkTarget => NamesNoLink(_fullName) ? null : Status.LinkTarget;

    private static bool NamesNoLink(string fullName) =>
        (fullName.Length > 1 && fullName[^1] == '/') || fullName.EndsWith("/.", StringComparison.Ordinal) || fullName.EndsWith("/..", StringComparison.Ordinal);

    public UnixFileMode UnixFileMode
    {
        get => CheckedStatus.UnixMode;
        set { Fs.File.SetUnixFileMode(FullName, value); Invalidate(); }
    }

    protected UnionFileSystem Fs { get; }

    protected EntryStatus Status => _status ??= EntryStatus.Of(Fs.Engine, _path);

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

    public override string ToString() => OriginalPath;

    protected void Invalidate() => _status = null;

    /// <summary>Points this object at another path (MoveTo), as the caller wrote it and in full.</summary>
    protected void SetPath(string fullName, string? originalPath)
    {
        _fullName = fullName;
        OriginalPath = originalPath ?? fullName;
        _path = UnionFs.Engine.UnionPath.Normalize(fullName, UnionFs.BranchPath.Root);
    }
}
