using System.Collections.ObjectModel;

namespace UnionFs.Facade;

/// <summary>
/// <see cref="System.IO.Abstractions.IFileSystemWatcher.Filters"/>: name patterns, normalised as .NET does (null, empty and <c>*.*</c>
/// become <c>*</c>). Every change publishes a fresh array, so the thread that raises events reads the patterns
/// without a lock while another thread edits them.
/// </summary>
internal sealed class WatcherFilterCollection : Collection<string>
{
    private volatile string[] _snapshot = [];

    /// <summary>The patterns as they are now; never changed after it is returned.</summary>
    public string[] Snapshot => _snapshot;

    protected override void InsertItem(int index, string item)
    {
        base.InsertItem(index, Normalize(item));
        Publish();
    }

    protected override void SetItem(int index, string item)
    {
        base.SetItem(index, Normalize(item));
        Publish();
    }

    protected override void RemoveItem(int index)
    {
        base.RemoveItem(index);
        Publish();
    }

    protected override void ClearItems()
    {
        base.ClearItems();
        Publish();
    }

    private static string Normalize(string? pattern) => string.IsNullOrEmpty(pattern) || pattern == "*.*" ? "*" : pattern;

    private void Publish() => _snapshot = [.. Items];
}
