namespace UnionFs.Images.Storage.Gzip;

/// <summary>The compressed input: a bit buffer over positional reads of the source, and the errors a malformed stream gives.</summary>
internal sealed partial class GzipDecoder
{
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
}
