namespace UnionFs.Images.Storage.Gzip;

/// <summary>
/// The uncompressed bytes of a gzip blob, read anywhere through its <see cref="GzipCheckpointIndex"/>: a read
/// starts decoding at the last checkpoint before it (reading the compressed bytes from there in 64 KiB blocks,
/// never the whole blob). A few decoders are kept as cursors, so reading on where an earlier read stopped (a file
/// read in small pieces, the next tar header) continues instead of starting again. Thread-safe (reads are serialised).
/// </summary>
internal sealed class GzipSeekableSource : ByteSource
{
    private const int MaxCursors = 4;

    private readonly ByteSource _compressed;
    private readonly GzipCheckpointIndex _index;
    private readonly bool _ownsCompressed;
    private readonly List<GzipDecoder> _cursors = [];
    private readonly Lock _gate = new();

    /// <summary>A source over <paramref name="compressed"/>; <paramref name="ownsCompressed"/> disposes it with this one.</summary>
    public GzipSeekableSource(ByteSource compressed, GzipCheckpointIndex index, bool ownsCompressed)
    {
        _compressed = compressed;
        _index = index;
        _ownsCompressed = ownsCompressed;
    }

    /// <inheritdoc />
    public override long Length => _index.UncompressedLength;

    /// <summary>How many decoders were started from a checkpoint (or the beginning) rather than continued.</summary>
    public int Restarts { get; private set; }

    /// <inheritdoc />
    public override int ReadAt(long position, Span<byte> buffer)
    {
        if (position >= Length || buffer.IsEmpty) return 0;
        if (buffer.Length > Length - position) buffer = buffer[..(int)(Length - position)];
        lock (_gate)
        {
            var decoder = Cursor(position);
            var gap = position - decoder.Position;
            if (decoder.Skip(gap) != gap) throw ShortData();
            var total = 0;
            while (total < buffer.Length)
            {
                var read = decoder.Read(buffer[total..]);
                if (read == 0) break;
                total += read;
            }
            if (total < buffer.Length) throw ShortData();
            return total;
        }
    }

    private static InvalidDataException ShortData() => new("the gzip data decodes to fewer bytes than its index says (did the blob change?)");

    /// <summary>
    /// A decoder at or before <paramref name="position"/>: a cursor when one is there and no checkpoint lies between it
    /// and the position (continuing is then never slower than restarting), else a new one from the checkpoint.
    /// </summary>
    private GzipDecoder Cursor(long position)
    {
        var found = _index.Find(position);
        var start = found < 0 ? 0 : _index.OutputAt(found);
        GzipDecoder? best = null;
        foreach (var cursor in _cursors)
            if (cursor.Position <= position && cursor.Position >= start && (best is null || cursor.Position > best.Position)) best = cursor;
        if (best is not null)
        {
            // Most recently used last: the first is evicted.
            _cursors.Remove(best);
            _cursors.Add(best);
            return best;
        }
        Restarts++;
        var created = found < 0 ? new GzipDecoder(_compressed) : new GzipDecoder(_compressed, _index.Checkpoint(found));
        if (_cursors.Count == MaxCursors) _cursors.RemoveAt(0);
        _cursors.Add(created);
        return created;
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing && _ownsCompressed) _compressed.Dispose();
        base.Dispose(disposing);
    }
}
