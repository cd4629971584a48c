using System.Collections.Concurrent;
using System.IO.Abstractions;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.FileProviders.Physical;
using Microsoft.Extensions.FileSystemGlobbing;
using Microsoft.Extensions.Primitives;

namespace UnionFs.FileProviders;

/// <summary>
/// The change tokens of one provider, fired by one watcher of the file system, as PhysicalFilesWatcher does it: a
/// token per exact path or globbing pattern, handed out again until it fires, fired (on the thread pool) by the
/// first change of a matching entry and then forgotten; a renamed directory fires for everything below it too; an
/// error of the watcher fires every exact-path token. The watcher runs only while some token waits.
/// </summary>
internal sealed class FileSystemChangeTokens : IDisposable
{
    private readonly IFileSystem _fileSystem;
    private readonly string _root;
    private readonly string _watchedDirectory;
    private readonly ExclusionFilters _filters;
    private readonly ConcurrentDictionary<string, ChangeTokenEntry> _paths = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, ChangeTokenEntry> _patterns = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _watcherGate = new();
    private IFileSystemWatcher? _watcher;
    private bool _disposed;

    /// <param name="fileSystem">The file system whose watcher raises the changes.</param>
    /// <param name="root">The provider's root, ending with a separator; changes elsewhere are ignored.</param>
    /// <param name="watchedDirectory">The directory to watch (with its subdirectories): the root, or above it.</param>
    /// <param name="filters">Entries whose changes are ignored.</param>
    public FileSystemChangeTokens(IFileSystem fileSystem, string root, string watchedDirectory, ExclusionFilters filters)
    {
        _fileSystem = fileSystem;
        _root = root;
        _watchedDirectory = watchedDirectory;
        _filters = filters;
    }

    /// <summary>
    /// The token for <paramref name="filter"/>, a relative path or globbing pattern (leading separators already
    /// trimmed); <see cref="NullChangeToken"/> for an absolute or escaping filter, or when nothing can be watched.
    /// </summary>
    public IChangeToken Create(string filter)
    {
        filter = filter.Replace('\\', '/');
        if (_fileSystem.Path.IsPathRooted(filter) || ProviderPaths.NavigatesAboveRoot(filter, ProviderPaths.SeparatorsOf(_fileSystem))) return NullChangeToken.Singleton;

        if (!StartWatching()) return NullChangeToken.Singleton;
        var isPattern = filter.Contains('*', StringComparison.Ordinal) || filter.EndsWith('/');
        var entry = isPattern
            ? _patterns.GetOrAdd(filter, static pattern => ChangeTokenEntry.Create(pattern))
            : _paths.GetOrAdd(filter, static _ => ChangeTokenEntry.Create(null));
        StartWatching();
        return entry.Token;
    }

    public void Dispose()
    {
        lock (_watcherGate)
        {
            _disposed = true;
            _watcher?.Dispose();
            _watcher = null;
        }
    }

    /// <summary>Makes sure the watcher runs; false when the file system cannot watch this directory.</summary>
    private bool StartWatching()
    {
        lock (_watcherGate)
        {
            if (_disposed) return false;
            try
            {
                _watcher ??= NewWatcher();
                if (!_watcher.EnableRaisingEvents) _watcher.EnableRaisingEvents = true;
                return true;
            }
            catch (Exception exception) when (exception is NotSupportedException or NotImplementedException or PlatformNotSupportedException or ArgumentException or IOException)
            {
                return false;
            }
        }
    }

    /// <summary>As PhysicalFilesWatcher: when no token waits any more, the watcher is turned off.</summary>
    private void StopWatchingIfIdle()
    {
        lock (_watcherGate)
        {
            if (_watcher is { EnableRaisingEvents: true } && _paths.IsEmpty && _patterns.IsEmpty) _watcher.EnableRaisingEvents = false;
        }
    }

    private IFileSystemWatcher NewWatcher()
    {
        var watcher = _fileSystem.FileSystemWatcher.New(_watchedDirectory);
        watcher.IncludeSubdirectories = true;
        watcher.Created += (_, e) => OnEntryChanged(e.FullPath);
        watcher.Changed += (_, e) => OnEntryChanged(e.FullPath);
        watcher.Deleted += (_, e) => OnEntryChanged(e.FullPath);
        watcher.Renamed += (_, e) => OnRenamed(e);
        watcher.Error += (_, _) => OnError();
        return watcher;
    }

    private void OnRenamed(RenamedEventArgs e)
    {
        OnEntryChanged(e.OldFullPath);
        OnEntryChanged(e.FullPath);
        try
        {
            if (!_fileSystem.Directory.Exists(e.FullPath)) return;
            // Everything below a renamed directory changed its path too.
            foreach (var moved in _fileSystem.Directory.EnumerateFileSystemEntries(e.FullPath, "*", SearchOption.AllDirectories))
            {
                OnEntryChanged(_fileSystem.Path.Combine(e.OldFullPath, moved[(e.FullPath.Length + 1)..]));
                OnEntryChanged(moved);
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // The directory changed again meanwhile; the next event reports that.
        }
    }

    private void OnError()
    {
        foreach (var path in _paths.Keys) Report(path);
    }

    private void OnEntryChanged(string fullPath)
    {
        if (!fullPath.StartsWith(_root, StringComparison.Ordinal)) return;
        try
        {
            if (Exclusion.IsExcluded(_fileSystem.FileInfo.New(fullPath), _filters)) return;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return;
        }
        Report(fullPath[_root.Length..]);
    }

    /// <summary>Fires the token of the exact path and of every pattern that matches <paramref name="relativePath"/>.</summary>
    private void Report(string relativePath)
    {
        if (relativePath.Length == 0) return;
        relativePath = relativePath.Replace('\\', '/');
        var fired = false;
        if (_paths.TryRemove(relativePath, out var exact))
        {
            Fire(exact);
            fired = true;
        }
        foreach (var (pattern, entry) in _patterns)
        {
            if (!entry.Matcher!.Match(relativePath).HasMatches || !_patterns.TryRemove(pattern, out var removed)) continue;
            Fire(removed);
            fired = true;
        }
        if (fired) StopWatchingIfIdle();
    }

    /// <summary>Cancels on the thread pool, so the token's callbacks never hold up the watcher.</summary>
    private static void Fire(ChangeTokenEntry entry)
    {
        if (entry.Source.IsCancellationRequested) return;
        ThreadPool.UnsafeQueueUserWorkItem(static source => source.Cancel(), entry.Source, preferLocal: false);
    }
}
