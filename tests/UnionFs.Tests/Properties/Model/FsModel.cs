namespace UnionFs.Tests.Properties.Model;

/// <summary>
/// The reference: the merged view as a dictionary of physical path to <see cref="ModelEntry"/>, and for each operation
/// what System.IO does on Linux: the change, or the exact exception type it throws (and then nothing changes). Paths
/// are resolved as the kernel walks them: links before the last segment are followed, the last one as the call
/// does, at most 40 links in one walk.
/// </summary>
public sealed class FsModel
{
    private const int MaxSymbolicLinks = 40;

    private readonly Dictionary<string, ModelEntry> _entries = new(StringComparer.Ordinal);

    public FsModel(IEnumerable<KeyValuePair<string, ModelEntry>> initial)
    {
        foreach (var (path, entry) in initial) _entries[path] = entry;
    }

    private enum Errno
    {
        None,
        NoEntry,
        NotDirectory,
        Loop,
    }

    /// <summary>Applies <paramref name="op"/>; returns the exception type System.IO throws, or null when it succeeds.</summary>
    public Type? Apply(ModelOp op) => op switch
    {
        ModelOp.WriteAllText w => Write(w.Path, _ => w.Content),
        ModelOp.AppendAllText a => Write(a.Path, old => (old ?? string.Empty) + a.Content),
        ModelOp.Truncate t => Truncate(t.Path),
        ModelOp.DeleteFile d => DeleteFile(d.Path),
        ModelOp.CreateDirectory c => CreateDirectory(c.Path),
        ModelOp.DeleteDirectory d => DeleteDirectory(d.Path, d.Recursive),
        ModelOp.MoveFile m => MoveFile(m.Source, m.Destination, m.Overwrite),
        ModelOp.MoveDirectory m => MoveDirectory(m.Source, m.Destination),
        ModelOp.CopyFile c => CopyFile(c.Source, c.Destination, c.Overwrite),
        ModelOp.CreateSymbolicLink l => CreateLink(l.Path, l.Target),
        ModelOp.SetLastWriteTime t => SetLastWriteTime(t.Path, t.TimeUtc),
        ModelOp.SetAttributes s => SetAttributes(s.Path),
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
    };

    /// <summary>Sorted dump lines: <c>/d/</c>, <c>/f=content</c> (with <c> mtime=</c> when known), <c>/l-&gt;target</c>.</summary>
    public IReadOnlyList<string> Dump()
    {
        var lines = _entries.Select(e => ModelDump.Line(e.Key, e.Value.Kind, e.Value.Content, e.Value.Target, e.Value.LastWriteTimeUtc)).ToList();
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    /// <summary>True when the model knows the modification time of the file at <paramref name="path"/>.</summary>
    public bool KnowsTime(string path) => _entries.TryGetValue(path, out var e) && e.LastWriteTimeUtc is not null;

    private ModelKind? Kind(string path) => path == "/" ? ModelKind.Directory : _entries.TryGetValue(path, out var e) ? e.Kind : null;

    private bool IsDirectory(string path) => Kind(path) == ModelKind.Directory;

    private bool Exists(string path) => Kind(path) is not null;

    private static string Parent(string path) => path.LastIndexOf('/') == 0 ? "/" : path[..path.LastIndexOf('/')];

    private static string Combine(string directory, string name) => directory == "/" ? "/" + name : directory + "/" + name;

    /// <summary>The kernel's walk: the physical path of the last segment (present or not), or why the walk stopped.</summary>
    private (Errno Error, string Path) Resolve(string path, bool followFinal)
    {
        var links = 0;
        while (true)
        {
            var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
            var current = "/";
            string? next = null;
            for (var i = 0; i < segments.Length; i++)
            {
                var child = Combine(current, segments[i]);
                var last = i == segments.Length - 1;
                var kind = Kind(child);
                if (kind == ModelKind.Link && (!last || followFinal))
                {
                    if (++links > MaxSymbolicLinks) return (Errno.Loop, child);
                    // Targets are absolute: the walk starts again from the root.
                    next = _entries[child].Target + (last ? string.Empty : "/" + string.Join('/', segments[(i + 1)..]));
                    break;
                }
                if (last) return (Errno.None, child);
                if (kind is null) return (Errno.NoEntry, child);
                if (kind != ModelKind.Directory) return (Errno.NotDirectory, child);
                current = child;
            }
            if (next is null) return (Errno.None, "/");
            path = next;
        }
    }

    /// <summary>Where the name itself lives (the last segment not followed).</summary>
    private (Errno Error, string Path) Locate(string path) => Resolve(path, followFinal: false);

    /// <summary>Directory.Exists: the path, following links, is a directory.</summary>
    private bool DirectoryExists(string path) => Resolve(path, followFinal: true) is (Errno.None, var p) && IsDirectory(p);

    /// <summary>How .NET words a failed walk of a path it names: a missing directory, or a link loop.</summary>
    private static Type WalkError(Errno error) => error == Errno.Loop ? typeof(IOException) : typeof(DirectoryNotFoundException);

    /// <summary>ENOENT from an open: a missing file when the directory of the path as written exists, else a missing directory.</summary>
    private Type OpenNotFound(string path) => DirectoryExists(Parent(path)) ? typeof(FileNotFoundException) : typeof(DirectoryNotFoundException);

    /// <summary>open(2) following a final link: the physical file, or the exception.</summary>
    private (Type? Error, string Path) OpenTarget(string path)
    {
        var (error, target) = Resolve(path, followFinal: true);
        return error switch
        {
            Errno.None when IsDirectory(target) => (typeof(UnauthorizedAccessException), target),
            Errno.None => (null, target),
            Errno.NoEntry => (OpenNotFound(path), target),
            Errno.Loop => (typeof(IOException), target),
            _ => (typeof(DirectoryNotFoundException), target),
        };
    }

    /// <summary>WriteAllText and AppendAllText: open with O_CREAT, following a final link.</summary>
    private Type? Write(string path, Func<string?, string> content)
    {
        var (error, target) = OpenTarget(path);
        if (error is not null) return error;
        var old = Kind(target) == ModelKind.File ? _entries[target].Content : null;
        _entries[target] = ModelEntry.File(content(old));
        return null;
    }

    private Type? Truncate(string path)
    {
        var (error, target) = OpenTarget(path);
        if (error is not null) return error;
        if (!Exists(target)) return OpenNotFound(path);
        _entries[target] = ModelEntry.File(string.Empty);
        return null;
    }

    private Type? DeleteFile(string path)
    {
        var (error, name) = Locate(path);
        if (error != Errno.None) return WalkError(error);
        if (IsDirectory(name)) return typeof(UnauthorizedAccessException);
        _entries.Remove(name);
        return null;
    }

    /// <summary>
    /// As .NET: nothing to do for an existing directory; else mkdir(2), whose ENOTDIR is a missing directory and EEXIST
    /// a name taken; on ENOENT the missing ancestors are made one by one from the top.
    /// </summary>
    private Type? CreateDirectory(string path)
    {
        if (DirectoryExists(path)) return null;
        var (error, name) = Locate(path);
        if (error == Errno.NotDirectory) return typeof(DirectoryNotFoundException);
        if (error == Errno.Loop) return typeof(IOException);
        if (error == Errno.None)
        {
            if (Exists(name)) return typeof(IOException);
            _entries[name] = ModelEntry.Directory;
            return null;
        }
        // A name taken on the way (a link that leads nowhere) is passed over: the next mkdir then finds no directory.
        var prefix = "/";
        var steps = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < steps.Length; i++)
        {
            prefix = Combine(prefix, steps[i]);
            if (DirectoryExists(prefix)) continue;
            var (stepError, stepName) = Locate(prefix);
            if (stepError == Errno.Loop) return typeof(IOException);
            if (stepError != Errno.None) return typeof(DirectoryNotFoundException);
            if (Exists(stepName))
            {
                if (i == steps.Length - 1) return typeof(IOException);
                continue;
            }
            _entries[stepName] = ModelEntry.Directory;
        }
        return null;
    }

    private Type? DeleteDirectory(string path, bool recursive)
    {
        var (error, name) = Locate(path);
        if (error != Errno.None) return WalkError(error);
        switch (Kind(name))
        {
            case null:
            case ModelKind.File:
                return typeof(DirectoryNotFoundException);
            case ModelKind.Link:
                // A link to a directory goes as a link; what it points at stays.
                if (!DirectoryExists(path)) return typeof(DirectoryNotFoundException);
                _entries.Remove(name);
                return null;
        }
        if (!recursive && _entries.Keys.Any(k => IsBelow(k, name))) return typeof(IOException);
        RemoveTree(name);
        return null;
    }

    private Type? MoveFile(string source, string destination, bool overwrite)
    {
        // The source must be a file: a link counts, unless it leads to a directory.
        var (sourceError, from) = Locate(source);
        if (sourceError != Errno.None || !Exists(from) || IsDirectory(from) || DirectoryExists(source)) return typeof(FileNotFoundException);
        var (error, to) = Locate(destination);
        if (error != Errno.None) return WalkError(error);
        if (to == from) return null;
        if (overwrite ? IsDirectory(to) : Exists(to)) return typeof(IOException);
        Rename(from, to);
        return null;
    }

    private Type? MoveDirectory(string source, string destination)
    {
        if (source == destination) return typeof(IOException);
        var (sourceError, from) = Locate(source);
        var (error, to) = Locate(destination);
        if (error == Errno.None && Exists(to))
            return sourceError != Errno.None || !Exists(from) ? typeof(DirectoryNotFoundException) : typeof(IOException);
        foreach (var walk in new[] { sourceError, error })
        {
            if (walk == Errno.NoEntry) return typeof(DirectoryNotFoundException);
            if (walk != Errno.None) return typeof(IOException);
        }
        if (!Exists(from)) return typeof(DirectoryNotFoundException);
        if (IsBelow(to, from)) return typeof(IOException);
        Rename(from, to);
        return null;
    }

    private Type? CopyFile(string source, string destination, bool overwrite)
    {
        var (sourceError, from) = OpenTarget(source);
        if (sourceError is not null) return sourceError;
        if (!Exists(from)) return OpenNotFound(source);
        string to;
        if (overwrite)
        {
            var (error, target) = OpenTarget(destination);
            if (error is null && target == from) return typeof(IOException);
            if (error is not null) return error;
            to = target;
        }
        else
        {
            var (error, name) = Locate(destination);
            if (error == Errno.NoEntry) return OpenNotFound(destination);
            if (error != Errno.None) return WalkError(error);
            if (Exists(name)) return typeof(IOException);
            to = name;
        }
        _entries[to] = ModelEntry.File(_entries[from].Content!);
        return null;
    }

    private Type? CreateLink(string path, string target)
    {
        var (error, name) = Locate(path);
        if (error != Errno.None) return WalkError(error);
        if (Exists(name)) return typeof(IOException);
        _entries[name] = ModelEntry.Link(target);
        return null;
    }

    private Type? SetLastWriteTime(string path, DateTime time)
    {
        var (error, name) = Locate(path);
        if (error == Errno.Loop) return typeof(IOException);
        if (error != Errno.None || !Exists(name)) return OpenNotFound(path);
        // utimensat without following: a link's own time changes, which the dump does not show.
        if (Kind(name) == ModelKind.File) _entries[name] = _entries[name] with { LastWriteTimeUtc = time };
        return null;
    }

    private Type? SetAttributes(string path)
    {
        var (error, name) = Locate(path);
        if (error == Errno.Loop) return typeof(IOException);
        return error != Errno.None || !Exists(name) ? OpenNotFound(path) : null;
    }

    private void Rename(string source, string destination)
    {
        var moving = _entries.Where(e => e.Key == source || IsBelow(e.Key, source)).ToList();
        RemoveTree(destination);
        foreach (var (key, _) in moving) _entries.Remove(key);
        foreach (var (key, value) in moving) _entries[destination + key[source.Length..]] = value;
    }

    private void RemoveTree(string path)
    {
        foreach (var key in _entries.Keys.Where(k => k == path || IsBelow(k, path)).ToList()) _entries.Remove(key);
    }

    private static bool IsBelow(string path, string ancestor) => path.StartsWith(ancestor + "/", StringComparison.Ordinal);
}
