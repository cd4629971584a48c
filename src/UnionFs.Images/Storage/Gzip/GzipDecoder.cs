using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace UnionFs.Images.Storage.Gzip;

/// <summary>
/// Decodes gzip (RFC 1952, any number of members) with its own raw-deflate inflater (RFC 1951), reading the
/// compressed bytes through <see cref="ByteSource.ReadAt"/> in 64 KiB blocks. Unlike GZipStream it can
/// record <see cref="GzipCheckpoint"/>s while it decodes and start again at any of them, which is what lets
/// a later reader enter a big layer in the middle. Not thread-safe: one decoder is one cursor.
/// </summary>
/// <remarks>
/// A decoder that starts at a checkpoint inside a member cannot check that member's CRC-32 (it did not see
/// its beginning); its length (ISIZE) is still checked, and every later member is checked fully.
/// </remarks>
internal sealed class GzipDecoder
{
    /// <summary>How far back a deflate back reference reaches.</summary>
    public const int WindowSize = 32 * 1024;
    private const int InputSize = 64 * 1024;
    private const int OutputChunk = 256 * 1024;
    private const int MaxMatch = 258;

    /// <summary>Room after the last match: a back reference is copied eight bytes at a time and may write up to 7 bytes past its end.</summary>
    private const int CopySlack = 8;

    private static readonly ushort[] LengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
    private static readonly byte[] LengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
    private static readonly ushort[] DistanceBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
    private static readonly byte[] DistanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
    private static readonly byte[] CodeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];
    private static readonly Lazy<(HuffmanTable Literals, HuffmanTable Distances)> FixedTables = new(BuildFixedTables);

    private readonly ByteSource _source;
    private readonly long _sourceBits;

    // Compressed input: a block of the source, and a bit buffer in front of it.
    private readonly byte[] _in = new byte[InputSize];
    private long _inStart;
    private int _inPos;
    private int _inLength;
    private long _phantom;
    private ulong _bits;
    private int _bitCount;

    // Output: the window (at least the last 32 KiB of output, when there is that much) followed by new bytes.
    private readonly byte[] _out = new byte[WindowSize + OutputChunk + MaxMatch + CopySlack];
    private long _outStart;
    private int _written;
    private int _taken;

    private State _state;
    private bool _lastBlock;
    private int _storedLeft;
    private long _memberStart;
    private bool _crcKnown;
    private uint _crc;
    private uint _headerCrc;
    private int _crcFrom;
    private int _members;
    private HuffmanTable? _literals;
    private HuffmanTable? _distances;
    private HuffmanTable? _codeLengths;
    private HuffmanTable? _dynamicLiterals;
    private HuffmanTable? _dynamicDistances;
    private long _lastCheckpoint = long.MinValue / 2;
    private byte _blockType;
    private byte[] _blockCodeLengths = [];
    private int _literalCount;

    private enum State
    {
        MemberHeader,
        BlockHeader,
        Stored,
        Huffman,
        Trailer,
        End,
    }

    /// <summary>A decoder from the start of <paramref name="source"/>.</summary>
    public GzipDecoder(ByteSource source)
    {
        _source = source;
        _sourceBits = source.Length * 8;
        _state = State.MemberHeader;
    }

    /// <summary>A decoder that starts at <paramref name="checkpoint"/>, recorded earlier over the same bytes.</summary>
    public GzipDecoder(ByteSource source, GzipCheckpoint checkpoint)
        : this(source)
    {
        _inStart = checkpoint.BitPosition >> 3;
        var skip = (int)(checkpoint.BitPosition & 7);
        if (skip > 0)
        {
            Refill();
            Drop(skip);
        }
        checkpoint.Window.CopyTo(_out, 0);
        _written = _taken = _crcFrom = checkpoint.Window.Length;
        _outStart = checkpoint.Output - checkpoint.Window.Length;
        _memberStart = checkpoint.Output - checkpoint.MemberOutput;
        _members = checkpoint.AtMemberStart ? 0 : 1;
        _state = checkpoint.AtMemberStart ? State.MemberHeader : State.BlockHeader;
        if (checkpoint.BlockType != 0)
        {
            _lastBlock = checkpoint.LastBlock;
            _blockType = checkpoint.BlockType;
            if (checkpoint.BlockType == 1) (_literals, _distances) = FixedTables.Value;
            else if (!UseDynamicTables(checkpoint.CodeLengths, checkpoint.LiteralCount)) throw new InvalidDataException("corrupt gzip checkpoint");
            _state = State.Huffman;
        }
        _lastCheckpoint = checkpoint.Output;
    }

    /// <summary>Where the next byte <see cref="Read"/> returns lies in the uncompressed data.</summary>
    public long Position => _outStart + _taken;

    /// <summary>True once the last member has ended and every byte was read.</summary>
    public bool IsAtEnd => _state == State.End && _taken == _written;

    /// <summary>How many compressed bytes the decoder has asked its source for (for tests and measurements).</summary>
    public long CompressedBytesRead { get; private set; }

    /// <summary>How many stored, fixed and dynamic blocks were decoded (indexed by block type; for tests).</summary>
    public int[] BlockCounts { get; } = new int[3];

    /// <summary>When set, a checkpoint is added at the first block boundary after every this many output bytes.</summary>
    public long CheckpointSpacing { get; init; }

    /// <summary>Receives each checkpoint (when <see cref="CheckpointSpacing"/> is positive); the window array is the receiver's.</summary>
    public Action<GzipCheckpoint>? CheckpointRecorded { get; init; }

    /// <summary>Reads uncompressed bytes; 0 only at the end of the data.</summary>
    /// <exception cref="InvalidDataException">The data is corrupt or truncated.</exception>
    public int Read(Span<byte> buffer)
    {
        while (true)
        {
            if (_taken < _written)
            {
                var count = Math.Min(buffer.Length, _written - _taken);
                _out.AsSpan(_taken, count).CopyTo(buffer);
                _taken += count;
                return count;
            }
            if (_state == State.End || buffer.IsEmpty) return 0;
            Produce();
        }
    }

    /// <summary>Skips <paramref name="count"/> uncompressed bytes; returns how many there were.</summary>
    public long Skip(long count)
    {
        long skipped = 0;
        while (skipped < count)
        {
            if (_taken < _written)
            {
                var step = (int)Math.Min(count - skipped, _written - _taken);
                _taken += step;
                skipped += step;
                continue;
            }
            if (_state == State.End) break;
            Produce();
        }
        return skipped;
    }

    /// <summary>Decodes until new output is there or the state changes; all earlier output has been taken.</summary>
    private void Produce()
    {
        if (_written > WindowSize + OutputChunk - MaxMatch) Slide();
        switch (_state)
        {
            case State.MemberHeader:
                MemberHeader();
                break;
            case State.BlockHeader:
                BlockHeader();
                break;
            case State.Stored:
                Stored();
                break;
            case State.Huffman:
                Huffman();
                break;
            case State.Trailer:
                Trailer();
                break;
        }
        if (Overrun) throw Truncated();
    }

    /// <summary>Keeps the last 32 KiB of output at the front of the buffer (every byte before them was taken).</summary>
    private void Slide()
    {
        UpdateCrc();
        var keep = Math.Min(WindowSize, _written);
        Buffer.BlockCopy(_out, _written - keep, _out, 0, keep);
        _outStart += _written - keep;
        _written = _taken = _crcFrom = keep;
    }

    private void UpdateCrc()
    {
        if (_crcKnown && _crcFrom < _written) _crc = Crc32.Update(_crc, _out.AsSpan(_crcFrom, _written - _crcFrom));
        _crcFrom = _written;
    }

    private long Output => _outStart + _written;

    private bool Overrun => BitPosition > _sourceBits;

    private long BitPosition => ((_inStart + _inPos + _phantom) * 8) - _bitCount;

    private void MemberHeader()
    {
        AlignToByte();
        if (BitPosition >= _sourceBits)
        {
            if (_members == 0 && BitPosition == 0) throw new InvalidDataException("the gzip data is empty");
            _state = State.End;
            return;
        }
        MaybeCheckpoint(atMemberStart: true);
        _headerCrc = 0;
        Span<byte> fixedPart = stackalloc byte[10]; // ID1 ID2 CM FLG MTIME(4) XFL OS
        for (var i = 0; i < fixedPart.Length; i++) fixedPart[i] = HeaderByte();
        var magic = fixedPart[0] == 0x1F && fixedPart[1] == 0x8B;
        if (!magic && _members > 0) throw new InvalidDataException("the data after a gzip member is not another gzip member");
        if (Overrun) throw Truncated();
        if (!magic) throw new InvalidDataException("not gzip data (bad magic)");
        if (fixedPart[2] != 8) throw new InvalidDataException("unknown gzip compression method");
        var flags = fixedPart[3];
        if ((flags & 0xE0) != 0) throw new InvalidDataException("reserved gzip header flags are set");
        if ((flags & 0x04) != 0)
        {
            var length = HeaderByte() | (HeaderByte() << 8);
            for (var i = 0; i < length; i++) HeaderByte();
        }
        if ((flags & 0x08) != 0) SkipZeroTerminated();
        if ((flags & 0x10) != 0) SkipZeroTerminated();
        if ((flags & 0x02) != 0)
        {
            // FHCRC: the low 16 bits of the CRC-32 of the header bytes before it.
            var stored = ReadByte() | (ReadByte() << 8);
            if (Overrun) throw Truncated();
            if (stored != (int)(_headerCrc & 0xFFFF)) throw new InvalidDataException("the gzip header's CRC-16 does not match (corrupt header)");
        }
        if (Overrun) throw Truncated();
        _members++;
        _memberStart = Output;
        _crcKnown = true;
        _crc = 0;
        _crcFrom = _written;
        _lastBlock = false;
        _state = State.BlockHeader;
    }

    /// <summary>A header byte, counted into the header's CRC.</summary>
    private byte HeaderByte()
    {
        var value = (byte)ReadByte();
        _headerCrc = Crc32.Update(_headerCrc, [value]);
        return value;
    }

    private void SkipZeroTerminated()
    {
        while (HeaderByte() != 0)
            if (Overrun) throw Truncated();
    }

    private void Trailer()
    {
        UpdateCrc();
        AlignToByte();
        var crc = (uint)(ReadByte() | (ReadByte() << 8) | (ReadByte() << 16) | (ReadByte() << 24));
        var size = (uint)(ReadByte() | (ReadByte() << 8) | (ReadByte() << 16) | (ReadByte() << 24));
        if (Overrun) throw Truncated();
        if (_crcKnown && crc != _crc) throw new InvalidDataException("the gzip member's CRC-32 does not match its data (corrupt data)");
        if (size != (uint)(Output - _memberStart)) throw new InvalidDataException("the gzip member's length does not match its data (corrupt data)");
        _state = State.MemberHeader;
    }

    private void BlockHeader()
    {
        if (_lastBlock)
        {
            _state = State.Trailer;
            return;
        }
        MaybeCheckpoint(atMemberStart: false);
        Need(3);
        _lastBlock = (_bits & 1) != 0;
        var type = (int)(_bits >> 1) & 3;
        Drop(3);
        if (type < 3) BlockCounts[type]++;
        switch (type)
        {
            case 0:
                AlignToByte();
                var length = ReadByte() | (ReadByte() << 8);
                var complement = ReadByte() | (ReadByte() << 8);
                if (Overrun) throw Truncated();
                if ((length ^ 0xFFFF) != complement) throw new InvalidDataException("a stored deflate block has a bad length");
                _storedLeft = length;
                _state = State.Stored;
                break;
            case 1:
                _blockType = 1;
                (_literals, _distances) = FixedTables.Value;
                _state = State.Huffman;
                break;
            case 2:
                _blockType = 2;
                ReadDynamicTables();
                _state = State.Huffman;
                break;
            default:
                throw Corrupt("a deflate block has the reserved type 3");
        }
    }

    private void MaybeCheckpoint(bool atMemberStart, bool insideBlock = false)
    {
        if (CheckpointRecorded is null || CheckpointSpacing <= 0 || Output - _lastCheckpoint < CheckpointSpacing) return;
        var windowLength = atMemberStart ? 0 : (int)Math.Min(WindowSize, Output - _memberStart);
        var window = _out.AsSpan(_written - windowLength, windowLength).ToArray();
        var checkpoint = new GzipCheckpoint(BitPosition, Output, atMemberStart ? 0 : Output - _memberStart, atMemberStart, window);
        if (insideBlock)
        {
            checkpoint = checkpoint with
            {
                BlockType = _blockType,
                LastBlock = _lastBlock,
                CodeLengths = _blockType == 2 ? _blockCodeLengths : [],
                LiteralCount = _blockType == 2 ? _literalCount : 0,
            };
        }
        CheckpointRecorded(checkpoint);
        _lastCheckpoint = Output;
    }

    private void Stored()
    {
        var room = _out.Length - _written;
        while (_storedLeft > 0 && room > 0)
        {
            // Whole bytes still in the bit buffer come first, then straight from the input block.
            if (_bitCount >= 8)
            {
                _out[_written++] = (byte)_bits;
                Drop(8);
            }
            else
            {
                // Bits above the (now empty) bit buffer are copies of input bytes this copy consumes: they must go.
                _bits = 0;
                _bitCount = 0;
                if (_inPos == _inLength && !Fill()) throw Truncated();
                var count = Math.Min(Math.Min(_storedLeft, room), _inLength - _inPos);
                _in.AsSpan(_inPos, count).CopyTo(_out.AsSpan(_written));
                _inPos += count;
                _written += count;
                _storedLeft -= count;
                room -= count;
                continue;
            }
            _storedLeft--;
            room--;
        }
        if (_storedLeft == 0) _state = State.BlockHeader;
    }

    private void ReadDynamicTables()
    {
        Need(14);
        var literalCount = (int)(_bits & 31) + 257;
        var distanceCount = (int)((_bits >> 5) & 31) + 1;
        var codeLengthCount = (int)((_bits >> 10) & 15) + 4;
        Drop(14);
        if (literalCount > 286 || distanceCount > 30) throw Corrupt("a dynamic deflate block declares too many codes");
        Span<byte> codeLengths = stackalloc byte[19];
        codeLengths.Clear();
        for (var i = 0; i < codeLengthCount; i++)
        {
            Need(3);
            codeLengths[CodeLengthOrder[i]] = (byte)(_bits & 7);
            Drop(3);
        }
        var codeLengthTable = _codeLengths ??= new HuffmanTable();
        if (!codeLengthTable.Build(codeLengths)) throw Corrupt("over-subscribed code length code");
        Span<byte> lengths = stackalloc byte[286 + 30];
        var total = literalCount + distanceCount;
        var n = 0;
        while (n < total)
        {
            Need(15 + 7);
            var symbol = DecodeSlow(codeLengthTable);
            if (symbol < 16)
            {
                lengths[n++] = (byte)symbol;
                continue;
            }
            int repeat;
            byte value = 0;
            if (symbol == 16)
            {
                if (n == 0) throw Corrupt("a dynamic deflate block repeats a code length before the first one");
                value = lengths[n - 1];
                repeat = 3 + (int)(_bits & 3);
                Drop(2);
            }
            else if (symbol == 17)
            {
                repeat = 3 + (int)(_bits & 7);
                Drop(3);
            }
            else
            {
                repeat = 11 + (int)(_bits & 127);
                Drop(7);
            }
            if (n + repeat > total) throw Corrupt("a dynamic deflate block's code lengths run past their count");
            lengths.Slice(n, repeat).Fill(value);
            n += repeat;
        }
        if (lengths[256] == 0) throw Corrupt("a dynamic deflate block has no end-of-block code");
        if (!UseDynamicTables(lengths[..total], literalCount)) throw Corrupt("over-subscribed Huffman code");
    }

    /// <summary>Builds the block's tables and keeps the code lengths (a checkpoint inside the block needs them).</summary>
    private bool UseDynamicTables(ReadOnlySpan<byte> lengths, int literalCount)
    {
        _dynamicLiterals ??= new HuffmanTable();
        _dynamicDistances ??= new HuffmanTable();
        _blockCodeLengths = lengths.ToArray();
        _literalCount = literalCount;
        _literals = _dynamicLiterals;
        _distances = _dynamicDistances;
        return _dynamicLiterals.Build(lengths[..literalCount]) && _dynamicDistances.Build(lengths[literalCount..]);
    }

    /// <summary>Decodes one symbol; the bit buffer holds at least 15 bits.</summary>
    private int DecodeSlow(HuffmanTable table)
    {
        var entry = Lookup(table.Entries, _bits);
        var length = (int)(entry >> 16) & 0xF;
        if (length == 0) throw Corrupt("an invalid Huffman code");
        Drop(length);
        return (int)(entry & 0xFFFF);
    }

    /// <summary>
    /// The table entry for the next bits. Unchecked indexing: the primary index is masked to 10 bits and a link
    /// points at a sub-table that <see cref="HuffmanTable.Build"/> allocated whole, so both stay inside the array.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Lookup(uint[] entries, ulong bits)
    {
        ref var first = ref MemoryMarshal.GetArrayDataReference(entries);
        var entry = Unsafe.Add(ref first, (int)(bits & ((1 << HuffmanTable.PrimaryBits) - 1)));
        if ((entry & HuffmanTable.LinkFlag) != 0)
        {
            var subBits = (int)(entry >> 16) & 0xF;
            entry = Unsafe.Add(ref first, (int)(entry & 0xFFFF) + (int)((bits >> HuffmanTable.PrimaryBits) & ((1u << subBits) - 1)));
        }
        return entry;
    }

    /// <summary>The hot loop: literals and back references until the block ends or the output chunk is full.</summary>
    private void Huffman()
    {
        var literals = _literals!.Entries;
        var distances = _distances!.Entries;
        var output = _out;
        var written = _written;
        var limit = output.Length - MaxMatch - CopySlack;
        // Stop where a checkpoint is due, to record one inside the block (at a symbol boundary).
        var recording = CheckpointRecorded is not null && CheckpointSpacing > 0;
        if (recording) limit = (int)Math.Clamp(_lastCheckpoint + CheckpointSpacing - _outStart, written + 1, limit);
        // Back references may reach the start of the member, not before (nor before the buffer, which holds 32 KiB).
        var memberFloor = _memberStart - _outStart;
        var bits = _bits;
        var count = _bitCount;
        var input = _in;
        ref var outputStart = ref MemoryMarshal.GetArrayDataReference(output);
        while (written < limit)
        {
            if (count < 48)
            {
                if (_inLength - _inPos >= 8)
                {
                    bits |= BinaryPrimitives.ReadUInt64LittleEndian(input.AsSpan(_inPos)) << count;
                    _inPos += (63 - count) >> 3;
                    count |= 56;
                }
                else
                {
                    _bits = bits;
                    _bitCount = count;
                    Refill();
                    bits = _bits;
                    count = _bitCount;
                }
            }
            var entry = Lookup(literals, bits);
            var length = (int)(entry >> 16) & 0xF;
            if (length == 0) throw Fail(bits, count, written, "an invalid literal/length code");
            bits >>= length;
            count -= length;
            var symbol = (int)(entry & 0xFFFF);
            if (symbol < 256)
            {
                // Unchecked: written < limit, and the limit leaves room for a whole match.
                Unsafe.Add(ref outputStart, written++) = (byte)symbol;
                continue;
            }
            if (symbol == 256)
            {
                _state = State.BlockHeader;
                break;
            }
            symbol -= 257;
            if (symbol >= 29) throw Fail(bits, count, written, "an invalid length symbol");
            int extra = LengthExtra[symbol];
            var matchLength = LengthBase[symbol] + (int)(bits & ((1u << extra) - 1));
            bits >>= extra;
            count -= extra;
            entry = Lookup(distances, bits);
            length = (int)(entry >> 16) & 0xF;
            if (length == 0) throw Fail(bits, count, written, "an invalid distance code");
            bits >>= length;
            count -= length;
            symbol = (int)(entry & 0xFFFF);
            if (symbol >= 30) throw Fail(bits, count, written, "an invalid distance symbol");
            extra = DistanceExtra[symbol];
            var distance = DistanceBase[symbol] + (int)(bits & ((1u << extra) - 1));
            bits >>= extra;
            count -= extra;
            var from = written - distance;
            if (from < memberFloor || from < 0) throw Fail(bits, count, written, "a back reference reaches before the start of the data");
            if (distance >= CopySlack)
            {
                // Eight bytes at a time: each chunk reads bytes at least 8 behind the ones it writes, so overlapping
                // references come out right; the last chunk may write into the slack past the match.
                ref var source = ref Unsafe.Add(ref outputStart, from);
                ref var target = ref Unsafe.Add(ref outputStart, written);
                for (var i = 0; i < matchLength; i += 8)
                    Unsafe.WriteUnaligned(ref Unsafe.Add(ref target, i), Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref source, i)));
                written += matchLength;
            }
            else
            {
                // An overlapping copy repeats the last `distance` bytes: byte by byte, in order.
                for (var i = 0; i < matchLength; i++) output[written + i] = output[from + i];
                written += matchLength;
            }
        }
        _bits = bits;
        _bitCount = count;
        _written = written;
        if (recording && _state == State.Huffman) MaybeCheckpoint(atMemberStart: false, insideBlock: true);
    }

    private InvalidDataException Fail(ulong bits, int count, int written, string message)
    {
        _bits = bits;
        _bitCount = count;
        _written = written;
        return Corrupt(message);
    }

    private InvalidDataException Corrupt(string message) =>
        Overrun ? Truncated() : new InvalidDataException($"the deflate data is corrupt ({message})");

    private static InvalidDataException Truncated() => new("the gzip data ends before its last member is complete (truncated)");

    private void Need(int bits)
    {
        if (_bitCount < bits) Refill();
    }

    private void Drop(int bits)
    {
        _bits >>= bits;
        _bitCount -= bits;
    }

    private void AlignToByte() => Drop(_bitCount & 7);

    private int ReadByte()
    {
        Need(8);
        var value = (int)(_bits & 0xFF);
        Drop(8);
        return value;
    }

    /// <summary>Tops the bit buffer up to at least 56 bits; past the end of the source it adds zeros, counted as overrun.</summary>
    private void Refill()
    {
        while (_bitCount <= 56)
        {
            if (_inPos == _inLength && !Fill())
            {
                _phantom++;
                _bitCount += 8;
                continue;
            }
            _bits |= (ulong)_in[_inPos++] << _bitCount;
            _bitCount += 8;
        }
    }

    /// <summary>Reads the next block of the source behind what is left of the input buffer; false at the end.</summary>
    private bool Fill()
    {
        var left = _inLength - _inPos;
        if (left > 0) Buffer.BlockCopy(_in, _inPos, _in, 0, left);
        _inStart += _inPos;
        _inPos = 0;
        _inLength = left;
        while (_inLength < _in.Length)
        {
            var read = _source.ReadAt(_inStart + _inLength, _in.AsSpan(_inLength));
            if (read <= 0) break;
            CompressedBytesRead += read;
            _inLength += read;
        }
        return _inLength > left;
    }

    private static (HuffmanTable, HuffmanTable) BuildFixedTables()
    {
        Span<byte> lengths = stackalloc byte[288];
        lengths[..144].Fill(8);
        lengths[144..256].Fill(9);
        lengths[256..280].Fill(7);
        lengths[280..].Fill(8);
        var literals = new HuffmanTable();
        _ = literals.Build(lengths);
        Span<byte> distances = stackalloc byte[30];
        distances.Fill(5);
        var distanceTable = new HuffmanTable();
        _ = distanceTable.Build(distances);
        return (literals, distanceTable);
    }
}
