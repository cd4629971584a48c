namespace UnionFs.Tests.Infrastructure;

/// <summary>
/// Wraps a branch and counts the reads that reach it, so a test can tell what the union remembered. With
/// <paramref name="supportsRedirect"/> false it also hides the inner branch's redirects (the union then copies a
/// renamed lower directory up whole).
/// </summary>
public sealed class CountingBranch(IBranch inner, bool supportsRedirect = true) : IBranch
{
    private int _stats;
    private int _lists;
    private long _bytesRead;

    /// <summary>Stat calls so far.</summary>
    public int Stats => Volatile.Read(ref _stats);

    /// <summary>List calls so far.</summary>
    public int Lists => Volatile.Read(ref _lists);

    /// <summary>Bytes read through streams this branch handed out.</summary>
    public long BytesRead => Interlocked.Read(ref _bytesRead);

    public bool IsReadOnly => inner.IsReadOnly;

    public bool SupportsRedirect => supportsRedirect && inner.SupportsRedirect;

    public void Reset()
    {
        Volatile.Write(ref _stats, 0);
        Volatile.Write(ref _lists, 0);
        Interlocked.Exchange(ref _bytesRead, 0);
    }

    public BranchEntry? Stat(string path)
    {
        Interlocked.Increment(ref _stats);
        return inner.Stat(path);
    }

    public IEnumerable<BranchEntry> List(string path)
    {
        Interlocked.Increment(ref _lists);
        return inner.List(path);
    }

    public Stream OpenRead(string path) => new CountingStream(inner.OpenRead(path), read => Interlocked.Add(ref _bytesRead, read));

    public Stream OpenWrite(string path) => inner.OpenWrite(path);

    public void CreateFile(string path, Stream? content, EntryMetadata metadata) => inner.CreateFile(path, content, metadata);

    public void CreateDirectory(string path, EntryMetadata metadata, bool opaque) => inner.CreateDirectory(path, metadata, opaque);

    public void CreateSymbolicLink(string path, string target, EntryMetadata metadata) => inner.CreateSymbolicLink(path, target, metadata);

    public void CreateWhiteout(string path) => inner.CreateWhiteout(path);

    public void Remove(string path) => inner.Remove(path);

    public void Rename(string sourcePath, string destinationPath, bool leaveWhiteout = false) => inner.Rename(sourcePath, destinationPath, leaveWhiteout);

    public void SetMetadata(string path, MetadataChange change) => inner.SetMetadata(path, change);

    public void SetOpaque(string path, bool opaque) => inner.SetOpaque(path, opaque);

    public void SetRedirect(string path, string? redirect) => inner.SetRedirect(path, redirect);
}
