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
internal sealed partial class GzipDecoder
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
}
