namespace UnionFs;

/// <summary>Emptying a <see cref="DirectoryBranch"/>, for <see cref="UnionFileSystem.Discard"/>.</summary>
public sealed partial class DirectoryBranch
{
    /// <summary>
    /// Removes every entry under the root, markers included, as one change: the work area is opened first (which
    /// finishes what an interrupted change left), each directory is renamed into it before it is deleted so it
    /// vanishes at once, and the journal of pending whiteouts is dropped, since nothing they hide remains.
    /// </summary>
    internal void Clear()
    {
        using var work = OpenWorkArea();
        foreach (var host in _fs.Directory.EnumerateFileSystemEntries(Root).ToList())
        {
            if (_fs.Path.GetFileName(host) != WorkDirectoryName) RemoveHostEntry(host);
        }
        if (_format.IsOpaque(Root, hasWhiteoutBeside: false)) _format.SetOpaque(Root, false);
        _pendingWhiteouts.Clear();
    }
}
