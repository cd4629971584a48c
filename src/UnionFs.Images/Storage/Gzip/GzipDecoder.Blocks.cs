using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace UnionFs.Images.Storage.Gzip;

/// <summary>The deflate blocks (RFC 1951): stored blocks, the fixed and dynamic Huffman tables, and the decoding loop.</summary>
internal sealed partial class GzipDecoder
{
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
