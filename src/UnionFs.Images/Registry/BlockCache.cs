namespace UnionFs.Images.Registry;

/// <summary>
/// The most recently used aligned blocks of one blob, at most <c>capacity</c> of them, so scattered small reads
/// (tar headers, a TOC, a file's first bytes) near each other cost one Range request. Not thread-safe: the
/// owning source holds its lock.
/// </summary>
internal sealed class BlockCache(int blockSize, int capacity)
{
    private readonly Dictionary<long, LinkedListNode<(long Index, byte[] Bytes)>> _blocks = [];
    private readonly LinkedList<(long Index, byte[] Bytes)> _recency = new();

    public int BlockSize => blockSize;

    /// <summary>Copies what the cached block holding <paramref name="position"/> has from there (up to its end); 0 on a miss.</summary>
    public int Read(long position, Span<byte> buffer)
    {
        if (!_blocks.TryGetValue(position / blockSize, out var node)) return 0;
        _recency.Remove(node);
        _recency.AddFirst(node);
        var bytes = node.Value.Bytes;
        var within = (int)(position % blockSize);
        if (within >= bytes.Length) return 0;
        var count = Math.Min(buffer.Length, bytes.Length - within);
        bytes.AsSpan(within, count).CopyTo(buffer);
        return count;
    }

    /// <summary>Keeps block <paramref name="index"/>, dropping the least recently used one when full.</summary>
    public void Add(long index, byte[] bytes)
    {
        if (capacity <= 0) return;
        if (_blocks.Remove(index, out var old)) _recency.Remove(old);
        while (_blocks.Count >= capacity && _recency.Last is { } last)
        {
            _blocks.Remove(last.Value.Index);
            _recency.RemoveLast();
        }
        _blocks[index] = _recency.AddFirst((index, bytes));
    }

    public void Clear()
    {
        _blocks.Clear();
        _recency.Clear();
    }
}
