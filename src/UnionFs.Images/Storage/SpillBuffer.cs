using Microsoft.Win32.SafeHandles;

namespace UnionFs.Images.Storage;

/// <summary>
/// A write-once store for decompressed bytes: memory chunks up to a threshold, then a temporary file
/// (opened with <see cref="FileOptions.DeleteOnClose"/>, so it disappears when the source is disposed or the
/// process ends). <see cref="Complete"/> turns it into a <see cref="ByteSource"/>.
/// </summary>
internal sealed class SpillBuffer : IDisposable
{
    private readonly long _memoryThreshold;
    private readonly long _maxLength;
    private readonly string? _tempDirectory;
    private readonly List<byte[]> _chunks = [];
    private SafeFileHandle? _file;
    private long _length;
    private bool _completed;

    public SpillBuffer(long memoryThreshold, long maxLength, string? tempDirectory)
    {
        _memoryThreshold = memoryThreshold;
        _maxLength = maxLength;
        _tempDirectory = tempDirectory;
    }

    public long Length => _length;

    /// <summary>True once the bytes went to a temporary file.</summary>
    public bool Spilled => _file is not null;

    /// <summary>The temporary file's path, while it exists (for tests and diagnostics).</summary>
    public string? TempPath { get; private set; }

    public void Write(ReadOnlySpan<byte> data)
    {
        if (data.Length > _maxLength - _length)
            throw new InvalidDataException($"The uncompressed layer is larger than the limit of {_maxLength} bytes.");
        if (_file is null && _length + data.Length > _memoryThreshold) Spill();
        if (_file is not null)
        {
            RandomAccess.Write(_file, data, _length);
            _length += data.Length;
            return;
        }
        while (!data.IsEmpty)
        {
            var within = (int)(_length % MemorySource.ChunkSize);
            if (within == 0 && _chunks.Count * (long)MemorySource.ChunkSize <= _length) _chunks.Add(new byte[MemorySource.ChunkSize]);
            var count = Math.Min(data.Length, MemorySource.ChunkSize - within);
            data[..count].CopyTo(_chunks[^1].AsSpan(within));
            data = data[count..];
            _length += count;
        }
    }

    /// <summary>Hands the bytes over as a source; the buffer no longer owns them.</summary>
    public ByteSource Complete()
    {
        _completed = true;
        if (_file is not null) return new FileSource(_file, _length, ownsHandle: true);
        // Trim the last chunk so an almost empty layer does not keep a whole chunk alive.
        if (_chunks.Count > 0)
        {
            var used = (int)(_length - ((_chunks.Count - 1) * (long)MemorySource.ChunkSize));
            if (used < MemorySource.ChunkSize) _chunks[^1] = _chunks[^1].AsSpan(0, used).ToArray();
        }
        return new MemorySource([.. _chunks], _length);
    }

    private void Spill()
    {
        var directory = _tempDirectory ?? Path.GetTempPath();
        var path = Path.Combine(directory, "unionfs-layer-" + Guid.NewGuid().ToString("N") + ".tar");
        _file = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, FileOptions.DeleteOnClose);
        TempPath = path;
        long position = 0;
        foreach (var chunk in _chunks)
        {
            var count = (int)Math.Min(chunk.Length, _length - position);
            RandomAccess.Write(_file, chunk.AsSpan(0, count), position);
            position += count;
        }
        _chunks.Clear();
    }

    public void Dispose()
    {
        if (!_completed) _file?.Dispose();
        _chunks.Clear();
    }
}
