namespace UnionFs;

/// <summary>
/// The bytes of an in-memory file, kept in fixed-size chunks so that a copy shares every chunk with its
/// source and a write copies only the chunks it touches (chunked copy-on-write). Absent chunks read as
/// zeros, so growing a file is cheap. Thread-safe: every member locks the instance (not a separate lock
/// object: a small file should cost little more than its bytes). A <see cref="MemoryNode"/> is its own file's
/// data (one object per file, not two); a plain instance is a file's bytes outside any branch.
/// </summary>
internal class FileData
{
    /// <summary>Chunk size: a write to a shared file copies at most this many bytes per chunk touched.</summary>
    internal const int ChunkSize = 64 * 1024;

    /// <summary>Files from other kinds of branch at least this long are copied up lazily (<see cref="StartLazyCopy"/>).</summary>
    internal const long LazyCopyThreshold = 16 * ChunkSize;

    // Chunk 0 apart, so a small file needs no array of chunks; chunk i > 0 is Rest[i - 1], in the extension.
    private byte[]? _first;
    private long _length;

    // Which chunks this instance owns (may write in place): a bit per chunk, the first 64 inline.
    private ulong _ownedLow;
    // What only files past one chunk and lazy copies need, apart: a small file costs little more than its bytes.
    // The slot is shared with a subclass that holds no bytes (a directory node keeps its contents there).
    private protected object? _more;

    private Extension? Extended
    {
        get => _more as Extension;
        set => _more = value;
    }

    /// <summary>The chunks past the first, the ownership bits past the first 64 chunks, and the lower file of a lazy copy.</summary>
    private sealed class Extension
    {
        public byte[]?[] Rest = [];

        public ulong[]? OwnedHigh;

        // A lazy copy: a chunk never written reads from the lower file it came from, up to SourceLength.
        public ChunkSource? Source;
        public long SourceLength;
    }

    private byte[]?[] Rest => Extended?.Rest ?? [];

    private ChunkSource? LazySource => Extended?.Source;

    private long LazySourceLength
    {
        get => Extended?.SourceLength ?? 0;
        set
        {
            if (Extended is { } extension) extension.SourceLength = value;
        }
    }

    /// <summary>
    /// Makes this empty file a lazy copy of <paramref name="lowerFile"/> (seekable; the copy keeps it open): no byte
    /// is read until a write needs its chunk or a reader asks for it, so the first write to a large lower file costs one chunk.
    /// </summary>
    public void StartLazyCopy(Stream lowerFile)
    {
        var length = lowerFile.Length;
        lock (Gate)
        {
            _length = length;
            Extended = new Extension { Source = new ChunkSource(lowerFile), SourceLength = length };
            EnsureChunkSlots(length);
        }
    }

    private object Gate => this;

    /// <summary>The length; read without the lock (a 64-bit read is atomic), so stats of one file from many threads do not contend.</summary>
    public long Length => Volatile.Read(ref _length);

    /// <summary>
    /// Makes this empty file share every chunk of <paramref name="source"/>: both sides copy a chunk before they change it.
    /// </summary>
    public void ShareChunksOf(FileData source)
    {
        lock (source.Gate)
        {
            source._ownedLow = 0;
            if (source.Extended is { } extension) extension.OwnedHigh = null;
            _first = source._first;
            _length = source._length;
            var rest = source.Rest;
            if (rest.Length > 0 || source.LazySource is not null)
            {
                Extended = new Extension
                {
                    Rest = rest.Length == 0 ? [] : (byte[]?[])rest.Clone(),
                    Source = source.LazySource,
                    SourceLength = source.LazySourceLength,
                };
            }
        }
    }

    /// <summary>Every byte, copied in one step under the lock.</summary>
    public byte[] ToArray()
    {
        lock (Gate)
        {
            var bytes = GC.AllocateUninitializedArray<byte>(checked((int)_length));
            Read(0, bytes);
            return bytes;
        }
    }

    /// <summary>
    /// Truncates to nothing when there is something and writes <paramref name="bytes"/> at the start, in one step;
    /// false when neither changed anything (an empty file written with nothing).
    /// </summary>
    public bool Replace(ReadOnlySpan<byte> bytes)
    {
        lock (Gate)
        {
            if (_length == 0 && bytes.IsEmpty) return false;
            if (_length != 0) SetLength(0);
            if (!bytes.IsEmpty) Write(0, bytes);
            return true;
        }
    }

    public int Read(long position, Span<byte> buffer)
    {
        lock (Gate)
        {
            if (position >= _length) return 0;
            var count = (int)Math.Min(buffer.Length, _length - position);
            var done = 0;
            while (done < count)
            {
                var index = (int)((position + done) / ChunkSize);
                var offset = (int)((position + done) % ChunkSize);
                var take = Math.Min(count - done, ChunkSize - offset);
                var chunk = Chunk(index);
                var target = buffer.Slice(done, take);
                if (chunk is null && LazySource is not null)
                {
                    var at = (long)index * ChunkSize + offset;
                    var fromSource = (int)Math.Clamp(LazySourceLength - at, 0, take);
                    if (fromSource > 0) LazySource.ReadAt(at, target[..fromSource]);
                    target[fromSource..].Clear();
                    done += take;
                    continue;
                }
                var available = chunk is null ? 0 : Math.Clamp(chunk.Length - offset, 0, take);
                if (available > 0) chunk.AsSpan(offset, available).CopyTo(target);
                target[available..].Clear();
                done += take;
            }
            return count;
        }
    }

    /// <summary>
    /// Gives a new empty file, which no other thread can see yet, its first bytes: the same chunks
    /// <see cref="Write"/> would make, without taking the lock.
    /// </summary>
    public void Fill(ReadOnlySpan<byte> data)
    {
        if (data.Length > ChunkSize || _length != 0 || _more is not null)
        {
            Write(0, data);
            return;
        }
        _first = data.ToArray();
        _ownedLow = 1;
        _length = data.Length;
    }

    public void Write(long position, ReadOnlySpan<byte> data)
    {
        lock (Gate)
        {
            var end = position + data.Length;
            EnsureChunkSlots(end);
            var done = 0;
            while (done < data.Length)
            {
                var index = (int)((position + done) / ChunkSize);
                var offset = (int)((position + done) % ChunkSize);
                var take = Math.Min(data.Length - done, ChunkSize - offset);
                var chunk = WritableChunk(index, offset + take);
                data.Slice(done, take).CopyTo(chunk.AsSpan(offset));
                done += take;
            }
            if (end > _length) _length = end;
        }
    }

    public void SetLength(long length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        lock (Gate)
        {
            if (length < _length)
            {
                // What lies past the new end is gone from the lower copy too: growing again reads zeros.
                LazySourceLength = Math.Min(LazySourceLength, length);
                // Drop whole chunks past the end and zero the tail of the last one, so growing again reads zeros.
                var keep = (int)((length + ChunkSize - 1) / ChunkSize);
                for (var i = keep; i < SlotCount; i++) SetChunk(i, null);
                var tail = (int)(length % ChunkSize);
                if (tail != 0 && Chunk(keep - 1) is { } last && last.Length > tail)
                    WritableChunk(keep - 1, tail).AsSpan(tail).Clear();
            }
            else
            {
                EnsureChunkSlots(length);
            }
            _length = length;
        }
    }

    private void EnsureChunkSlots(long length)
    {
        var needed = (int)((length + ChunkSize - 1) / ChunkSize);
        if (needed <= SlotCount) return;
        var extension = Extended ?? (Extension)(_more = new Extension());
        var size = Math.Max(needed - 1, Math.Min(extension.Rest.Length * 2, needed - 1 + 1024));
        Array.Resize(ref extension.Rest, size);
    }

    private int SlotCount => 1 + Rest.Length;

    private byte[]? Chunk(int index) => index == 0 ? _first : Rest[index - 1];

    private void SetChunk(int index, byte[]? chunk)
    {
        if (index == 0) _first = chunk;
        else Extended!.Rest[index - 1] = chunk;
    }

    private bool IsOwned(int index) =>
        index < 64 ? (_ownedLow & (1UL << index)) != 0 : Extended?.OwnedHigh is { } high && (index - 64) / 64 < high.Length && (high[(index - 64) / 64] & (1UL << (index % 64))) != 0;

    private void MarkOwned(int index)
    {
        if (index < 64)
        {
            _ownedLow |= 1UL << index;
            return;
        }
        var word = (index - 64) / 64;
        var extension = Extended ?? (Extension)(_more = new Extension());
        if (extension.OwnedHigh is null || extension.OwnedHigh.Length <= word) Array.Resize(ref extension.OwnedHigh, Math.Max(word + 1, (SlotCount + 63) / 64));
        extension.OwnedHigh[word] |= 1UL << (index % 64);
    }

    /// <summary>The chunk at <paramref name="index"/>, owned by this instance and at least <paramref name="minLength"/> long.</summary>
    private byte[] WritableChunk(int index, int minLength)
    {
        var chunk = Chunk(index);
        if (chunk is not null && IsOwned(index) && chunk.Length >= minLength) return chunk;
        if (chunk is null && LazySource is not null && (long)index * ChunkSize < LazySourceLength)
        {
            // A chunk of a lazy copy is read from the lower file the first time it is written.
            var start = (long)index * ChunkSize;
            var loaded = new byte[Math.Max(minLength, (int)Math.Min(ChunkSize, LazySourceLength - start))];
            LazySource.ReadAt(start, loaded.AsSpan(0, (int)Math.Min(ChunkSize, LazySourceLength - start)));
            SetChunk(index, loaded);
            MarkOwned(index);
            return loaded;
        }
        // Small files get chunks of their exact size; a chunk that grows doubles, up to the chunk size.
        // (a shared chunk is copied whole, then owned).
        var grown = chunk is null ? 0 : IsOwned(index) ? chunk.Length * 2 : chunk.Length;
        var size = Math.Min(ChunkSize, Math.Max(minLength, grown));
        var fresh = new byte[size];
        chunk?.AsSpan(0, Math.Min(chunk.Length, size)).CopyTo(fresh);
        SetChunk(index, fresh);
        MarkOwned(index);
        return fresh;
    }
}
