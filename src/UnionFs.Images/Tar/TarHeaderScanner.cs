using System.Buffers.Text;
using UnionFs.Images.Storage;

namespace UnionFs.Images.Tar;

/// <summary>
/// Follows a tar as its bytes stream past (the gzip scan pass) and keeps only what the indexer reads: header
/// blocks and the data of PAX and GNU long-name records, not file contents. <see cref="ToSource"/> then gives a
/// source with those bytes in place and zeros elsewhere, so the tar can be indexed without decoding it a second
/// time. The scanner is a fast path, not the judge: the caller compares <see cref="DataOffsets"/> with what the
/// indexer saw and indexes the real bytes when they differ or <see cref="Failed"/> is set.
/// </summary>
internal sealed class TarHeaderScanner
{
    private const int BlockSize = 512;

    private readonly List<(long Offset, byte[] Bytes)> _captured = [];
    private readonly byte[] _header = new byte[BlockSize];
    private int _headerFill;
    private long _position;
    private long _next;
    private byte[]? _record;
    private int _recordFill;
    private long _recordStart;
    private long _recordLeft;
    private byte _recordType;
    private long _paxSize = -1;
    private bool _ended;

    /// <summary>Where each entry's data starts (entries other than metadata records), in order.</summary>
    public List<long> DataOffsets { get; } = [];

    /// <summary>Set when a header could not be followed (the indexer must then read the real bytes).</summary>
    public bool Failed { get; private set; }

    /// <summary>The bytes kept, for measurements.</summary>
    public long CapturedBytes { get; private set; }

    /// <summary>Takes the next uncompressed bytes; never throws (a tar it cannot follow sets <see cref="Failed"/>).</summary>
    public void Feed(ReadOnlySpan<byte> data)
    {
        try
        {
            Follow(data);
        }
        catch (Exception ex) when (ex is ArgumentException or IndexOutOfRangeException or OverflowException or OutOfMemoryException)
        {
            Failed = true;
        }
    }

    private void Follow(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty && !_ended && !Failed)
        {
            // A metadata record's data comes first, then the padding up to the next header is skipped.
            if (_record is not null)
            {
                var take = (int)Math.Min(data.Length, _recordLeft);
                data[..take].CopyTo(_record.AsSpan(_recordFill));
                _recordFill += take;
                data = data[take..];
                _position += take;
                _recordLeft -= take;
                if (_recordLeft == 0) EndRecord();
                continue;
            }
            if (_position < _next)
            {
                var skip = (int)Math.Min(data.Length, _next - _position);
                data = data[skip..];
                _position += skip;
                continue;
            }
            var count = Math.Min(data.Length, BlockSize - _headerFill);
            data[..count].CopyTo(_header.AsSpan(_headerFill));
            data = data[count..];
            _position += count;
            _headerFill += count;
            if (_headerFill == BlockSize)
            {
                _headerFill = 0;
                Header(_position - BlockSize);
            }
        }
    }

    /// <summary>The kept bytes over <paramref name="length"/> bytes of zeros.</summary>
    public ByteSource ToSource(long length) => new SparseSource(_captured, length);

    private void Header(long offset)
    {
        // A zero block ends the archive for the indexer too; what follows is never read as headers.
        if (!_header.AsSpan().ContainsAnyExcept((byte)0))
        {
            _ended = true;
            return;
        }
        Keep(offset, _header.ToArray());
        var type = _header[156];
        if (!TryParseSize(_header.AsSpan(124, 12), out var size))
        {
            Failed = true;
            return;
        }
        var isRecord = type is (byte)'x' or (byte)'g' or (byte)'L' or (byte)'K';
        if (!isRecord && _paxSize >= 0) size = _paxSize;
        if (!isRecord) _paxSize = -1;
        _next = offset + BlockSize + ((size + BlockSize - 1) / BlockSize * BlockSize);
        if (!isRecord)
        {
            DataOffsets.Add(offset + BlockSize);
            return;
        }
        if (size > 64 << 20)
        {
            Failed = true;
            return;
        }
        _recordType = type;
        _recordStart = offset + BlockSize;
        _recordLeft = size;
        _record = new byte[size];
        _recordFill = 0;
        if (size == 0) EndRecord();
    }

    private void EndRecord()
    {
        var bytes = _record!;
        _record = null;
        Keep(_recordStart, bytes);
        if (_recordType == (byte)'x') _paxSize = PaxSize(bytes);
    }

    private void Keep(long offset, byte[] bytes)
    {
        if (bytes.Length == 0) return;
        _captured.Add((offset, bytes));
        CapturedBytes += bytes.Length;
    }

    /// <summary>The <c>size</c> record of a PAX extended header (records are <c>"len key=value\n"</c>, len in bytes); -1 when absent.</summary>
    private long PaxSize(byte[] records)
    {
        var at = 0;
        while (at < records.Length)
        {
            var space = Array.IndexOf(records, (byte)' ', at);
            if (space < 0 || !Utf8Parser.TryParse(records.AsSpan(at, space - at), out int length, out var used) || used != space - at
                || length < space - at + 2 || length > records.Length - at) break;
            var record = records.AsSpan(space + 1, at + length - space - 2); // without the newline
            if (record.StartsWith("size="u8))
            {
                if (Utf8Parser.TryParse(record[5..], out long size, out var digits) && digits == record.Length - 5 && size >= 0) return size;
                Failed = true;
                return -1;
            }
            at += length;
        }
        return -1;
    }

    /// <summary>An octal size (ustar) or a base-256 one (high bit set, GNU and star).</summary>
    private static bool TryParseSize(ReadOnlySpan<byte> field, out long size)
    {
        size = 0;
        if ((field[0] & 0x80) != 0)
        {
            if ((field[0] & 0x40) != 0) return false; // negative
            size = field[0] & 0x3F;
            foreach (var b in field[1..])
            {
                if (size > (long.MaxValue >> 8)) return false;
                size = (size << 8) | b;
            }
            return true;
        }
        var i = 0;
        while (i < field.Length && field[i] is (byte)' ' or 0) i++;
        var digits = 0;
        for (; i < field.Length && field[i] is >= (byte)'0' and <= (byte)'7'; i++, digits++) size = (size * 8) + (field[i] - '0');
        for (; i < field.Length; i++)
            if (field[i] is not ((byte)' ' or 0)) return false;
        return digits > 0 || size == 0;
    }

    /// <summary>Kept byte ranges (in increasing order) over zeros.</summary>
    private sealed class SparseSource(List<(long Offset, byte[] Bytes)> ranges, long length) : ByteSource
    {
        public override long Length => length;

        public override int ReadAt(long position, Span<byte> buffer)
        {
            if (position >= length) return 0;
            if (buffer.Length > length - position) buffer = buffer[..(int)(length - position)];
            buffer.Clear();
            // The first range that ends after the position.
            int low = 0, high = ranges.Count;
            while (low < high)
            {
                var middle = (low + high) >>> 1;
                if (ranges[middle].Offset + ranges[middle].Bytes.Length <= position) low = middle + 1;
                else high = middle;
            }
            for (var i = low; i < ranges.Count && ranges[i].Offset < position + buffer.Length; i++)
            {
                var (offset, bytes) = ranges[i];
                var from = Math.Max(offset, position);
                var to = Math.Min(offset + bytes.Length, position + buffer.Length);
                bytes.AsSpan((int)(from - offset), (int)(to - from)).CopyTo(buffer[(int)(from - position)..]);
            }
            return buffer.Length;
        }
    }
}
