namespace UnionFs.Images.Storage.Gzip;

/// <summary>The gzip member framing (RFC 1952): the header with its optional fields and CRC, and the CRC-32 and length trailer.</summary>
internal sealed partial class GzipDecoder
{
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
}
