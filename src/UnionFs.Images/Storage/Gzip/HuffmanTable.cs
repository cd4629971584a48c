namespace UnionFs.Images.Storage.Gzip;

/// <summary>
/// A canonical Huffman code (RFC 1951 3.2.2) as a two-level lookup table indexed by the next input bits: a
/// 10-bit primary table answers most codes with one lookup; longer codes (up to 15 bits) go through a small
/// second-level table. An entry holds the symbol in its low 16 bits and the code length in bits 16-19; a
/// second-level link has <see cref="LinkFlag"/> set, the sub-table's index bits in 16-19 and its start below.
/// An entry of 0 is a bit pattern no code uses (an incomplete code), an error when met.
/// </summary>
internal sealed class HuffmanTable
{
    public const int PrimaryBits = 10;
    public const uint LinkFlag = 1u << 31;
    private const int PrimarySize = 1 << PrimaryBits;
    private const int MaxBits = 15;

    private readonly int[] _count = new int[MaxBits + 1];
    private readonly int[] _next = new int[MaxBits + 1];

    /// <summary>The entries: primary table first, second-level tables after it.</summary>
    public uint[] Entries { get; } = new uint[PrimarySize + (PrimarySize << (MaxBits - PrimaryBits))];

    /// <summary>Builds the table from the code lengths of symbols 0..n-1 (0 = symbol unused); false when they over-subscribe the code space.</summary>
    public bool Build(ReadOnlySpan<byte> lengths)
    {
        Array.Clear(_count);
        var maxLength = 0;
        foreach (var length in lengths)
        {
            _count[length]++;
            if (length > maxLength) maxLength = length;
        }
        _count[0] = 0;
        var left = 1;
        for (var len = 1; len <= MaxBits; len++)
        {
            left = (left << 1) - _count[len];
            if (left < 0) return false;
        }
        var code = 0;
        for (var len = 1; len <= MaxBits; len++)
        {
            code = (code + _count[len - 1]) << 1;
            _next[len] = code;
        }
        var entries = Entries;
        Array.Clear(entries, 0, PrimarySize);
        var subBits = Math.Max(0, maxLength - PrimaryBits);
        var subSize = 1 << subBits;
        var nextSub = PrimarySize;
        for (var symbol = 0; symbol < lengths.Length; symbol++)
        {
            int len = lengths[symbol];
            if (len == 0) continue;
            // Deflate packs codes from their most significant bit, the bit reader hands out the least significant first.
            var reversed = Reverse(_next[len]++, len);
            var entry = (uint)symbol | ((uint)len << 16);
            if (len <= PrimaryBits)
            {
                for (var i = reversed; i < PrimarySize; i += 1 << len) entries[i] = entry;
                continue;
            }
            var prefix = reversed & (PrimarySize - 1);
            if ((entries[prefix] & LinkFlag) == 0)
            {
                entries[prefix] = LinkFlag | ((uint)subBits << 16) | (uint)nextSub;
                Array.Clear(entries, nextSub, subSize);
                nextSub += subSize;
            }
            var start = (int)(entries[prefix] & 0xFFFF);
            for (var i = reversed >> PrimaryBits; i < subSize; i += 1 << (len - PrimaryBits)) entries[start + i] = entry;
        }
        return true;
    }

    private static int Reverse(int code, int length)
    {
        var result = 0;
        for (var i = 0; i < length; i++)
        {
            result = (result << 1) | (code & 1);
            code >>= 1;
        }
        return result;
    }
}
