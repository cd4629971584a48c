namespace UnionFs.Images.Toc;

/// <summary>
/// A small least-recently-used cache of decompressed, verified chunks, bounded in bytes (it always keeps the last
/// chunk added, so a sequential read of a large chunk decompresses it once). Thread-safe.
/// </summary>
internal sealed class ChunkCache(long capacity)
{
    private readonly Dictionary<int, LinkedListNode<(int Key, byte[] Data)>> _map = [];
    private readonly LinkedList<(int Key, byte[] Data)> _order = new();
    private readonly Lock _gate = new();
    private long _bytes;

    /// <summary>The cached bytes of chunk <paramref name="key"/>, marked as just used; null when absent.</summary>
    public byte[]? Get(int key)
    {
        lock (_gate)
        {
            if (!_map.TryGetValue(key, out var node)) return null;
            _order.Remove(node);
            _order.AddFirst(node);
            return node.Value.Data;
        }
    }

    /// <summary>Caches a chunk, evicting the least recently used ones beyond the capacity.</summary>
    public void Add(int key, byte[] data)
    {
        lock (_gate)
        {
            if (_map.ContainsKey(key)) return;
            _map[key] = _order.AddFirst((key, data));
            _bytes += data.Length;
            while (_bytes > capacity && _order.Count > 1)
            {
                var last = _order.Last!;
                _order.RemoveLast();
                _map.Remove(last.Value.Key);
                _bytes -= last.Value.Data.Length;
            }
        }
    }
}
