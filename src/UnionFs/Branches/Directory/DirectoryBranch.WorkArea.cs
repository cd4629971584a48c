using System.IO.Abstractions;

namespace UnionFs;

/// <summary>
/// The work area of a <see cref="DirectoryBranch"/>: where changes are prepared before an atomic rename, and
/// the journal of directory whiteouts that an interrupted change committed (readers honour it; the next
/// change finishes it). It exists only while a change runs.
/// </summary>
public sealed partial class DirectoryBranch
{
    /// <summary>Writes the journal entry that commits a directory's whiteout; returns its host path.</summary>
    private string CommitPendingWhiteout(string path)
    {
        var temp = NewWorkPath();
        _fs.File.WriteAllText(temp, path);
        var intent = temp + PendingWhiteoutSuffix;
        _fs.File.Move(temp, intent);
        _pendingWhiteouts[path] = intent;
        return intent;
    }

    private void FinishPendingWhiteout(string path, string intent)
    {
        _fs.File.Delete(intent);
        _pendingWhiteouts.TryRemove(path, out _);
    }

    /// <summary>Reads the whiteouts an interrupted change committed, so readers see them before they are redone.</summary>
    private void LoadPendingWhiteouts()
    {
        // Only a work area this branch made counts: a link there (a layer made elsewhere) may point out of the root.
        if (!IsRealDirectory(_fs.FileInfo.New(WorkAreaPath))) return;
        foreach (var intent in _fs.Directory.EnumerateFiles(WorkAreaPath, "*" + PendingWhiteoutSuffix))
        {
            if (_fs.FileInfo.New(intent).LinkTarget is not null) continue;
            var path = _fs.File.ReadAllText(intent);
            // Only a normalised path inside the root counts; anything else is debris.
            if (path.StartsWith('/') && Engine.UnionPath.Normalize(path, BranchPath.Root) == path && path.Length > 1)
                _pendingWhiteouts[path] = intent;
        }
    }

    /// <summary>Finishes the whiteouts an interrupted change committed (called before the work area is cleared).</summary>
    private void RedoPendingWhiteouts()
    {
        foreach (var (path, intent) in _pendingWhiteouts)
        {
            var host = HostPath(path);
            if (_format.WhiteoutBeside(host) is { } beside) CompleteWhiteout(host, beside);
            if (IsPresent(_fs.FileInfo.New(intent))) _fs.File.Delete(intent);
            _pendingWhiteouts.TryRemove(path, out _);
        }
    }

    private string WorkAreaPath => _fs.Path.Join(Root, WorkDirectoryName);

    private string NewWorkPath() => _fs.Path.Join(WorkAreaPath, Guid.NewGuid().ToString("N"));

    /// <summary>
    /// Opens the work area for one change and removes it afterwards, so it never lingers where a kernel
    /// mount of the same directory would show it. What an interrupted change left there is cleared first.
    /// </summary>
    private WorkAreaLease OpenWorkArea()
    {
        lock (_workGate)
        {
            if (_workUsers++ == 0)
            {
                try
                {
                    var existing = _fs.FileInfo.New(WorkAreaPath);
                    if (IsRealDirectory(existing))
                    {
                        RedoPendingWhiteouts();
                        _fs.Directory.Delete(WorkAreaPath, recursive: true);
                    }
                    else if (IsPresent(existing))
                    {
                        // A link or a file at the reserved name is not a work area: it goes as itself, never followed.
                        _fs.File.Delete(WorkAreaPath);
                    }
                    _fs.Directory.CreateDirectory(WorkAreaPath);
                }
                catch
                {
                    _workUsers--;
                    throw;
                }
            }
        }
        return new WorkAreaLease(this);
    }

    /// <summary>
    /// Closes the work area after a change. A change that failed half-way may leave a committed whiteout
    /// pending: finish it now; if that fails too, keep the journal, which readers honour and the next change redoes.
    /// </summary>
    private void CloseWorkArea()
    {
        lock (_workGate)
        {
            if (--_workUsers != 0) return;
            try
            {
                if (!_pendingWhiteouts.IsEmpty) RedoPendingWhiteouts();
                if (IsRealDirectory(_fs.FileInfo.New(WorkAreaPath))) _fs.Directory.Delete(WorkAreaPath, recursive: true);
            }
            catch (IOException)
            {
                // Runs while the change's own exception unwinds: never replace it. The journal stays.
            }
        }
    }

    /// <summary>Keeps the work area open for the duration of one change.</summary>
    private readonly struct WorkAreaLease(DirectoryBranch branch) : IDisposable
    {
        public void Dispose() => branch.CloseWorkArea();
    }
}
