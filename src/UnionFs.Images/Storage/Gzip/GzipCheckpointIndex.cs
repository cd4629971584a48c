using System.IO.Compression;

namespace UnionFs.Images.Storage.Gzip;

/// <summary>
/// The checkpoints of one gzip blob and its compressed and uncompressed lengths: what a
/// <see cref="GzipSeekableSource"/> needs to read the uncompressed bytes anywhere. Windows are kept
/// deflate-compressed (in memory and on disk), and a checkpoint is only kept while the windows stay within
/// <see cref="WindowBudget"/> of the compressed bytes seen so far, so the index stays a small fraction of the blob
/// however well or badly the data compresses.
/// </summary>
internal sealed class GzipCheckpointIndex
{
    /// <summary>The share of the compressed bytes the stored windows may take (1.2 %; the tar index takes most of the rest of 2 %).</summary>
    public const double WindowBudget = 0.012;

    /// <summary>Windows below this total are always kept (a small blob still gets a few checkpoints).</summary>
    private const long BudgetAllowance = 32 * 1024;

    private const int FormatVersion = 2;

    private readonly List<Entry> _entries;

    private GzipCheckpointIndex(List<Entry> entries, long compressedLength, long uncompressedLength)
    {
        _entries = entries;
        CompressedLength = compressedLength;
        UncompressedLength = uncompressedLength;
    }

    /// <summary>The length of the gzip blob.</summary>
    public long CompressedLength { get; }

    /// <summary>The length of the data it decodes to.</summary>
    public long UncompressedLength { get; }

    /// <summary>How many checkpoints the index keeps.</summary>
    public int Count => _entries.Count;

    /// <summary>The bytes the compressed windows take.</summary>
    public long WindowBytes => _entries.Sum(e => (long)e.Window.Length);

    /// <summary>The number of the last checkpoint at or before <paramref name="position"/>; -1 when decoding must start at the beginning.</summary>
    public int Find(long position)
    {
        int low = 0, high = _entries.Count - 1, found = -1;
        while (low <= high)
        {
            var middle = (low + high) >>> 1;
            if (_entries[middle].Output <= position)
            {
                found = middle;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }
        return found;
    }

    /// <summary>Where checkpoint <paramref name="number"/> lies in the uncompressed data.</summary>
    public long OutputAt(int number) => _entries[number].Output;

    /// <summary>Checkpoint <paramref name="number"/>, its window decompressed.</summary>
    public GzipCheckpoint Checkpoint(int number) => _entries[number].ToCheckpoint();

    /// <summary>Writes the index in its compact binary form.</summary>
    public void WriteTo(BinaryWriter writer)
    {
        writer.Write7BitEncodedInt(FormatVersion);
        writer.Write7BitEncodedInt64(CompressedLength);
        writer.Write7BitEncodedInt64(UncompressedLength);
        writer.Write7BitEncodedInt(_entries.Count);
        long previousBits = 0, previousOutput = 0;
        foreach (var entry in _entries)
        {
            // Deltas: positions grow, so the differences are small numbers.
            writer.Write7BitEncodedInt64(entry.BitPosition - previousBits);
            writer.Write7BitEncodedInt64(entry.Output - previousOutput);
            writer.Write7BitEncodedInt64(entry.MemberOutput);
            writer.Write(entry.AtMemberStart);
            writer.Write7BitEncodedInt(entry.WindowLength);
            writer.Write7BitEncodedInt(entry.Window.Length);
            writer.Write(entry.Window);
            writer.Write(entry.BlockType);
            writer.Write(entry.LastBlock);
            writer.Write7BitEncodedInt(entry.LiteralCount);
            writer.Write7BitEncodedInt(entry.CodeLengths.Length);
            writer.Write(entry.CodeLengths);
            previousBits = entry.BitPosition;
            previousOutput = entry.Output;
        }
    }

    /// <summary>Reads an index <see cref="WriteTo"/> wrote.</summary>
    /// <exception cref="InvalidDataException">The bytes are not such an index.</exception>
    public static GzipCheckpointIndex ReadFrom(BinaryReader reader)
    {
        if (reader.Read7BitEncodedInt() != FormatVersion) throw new InvalidDataException("unknown gzip index version");
        var compressed = reader.Read7BitEncodedInt64();
        var uncompressed = reader.Read7BitEncodedInt64();
        var count = reader.Read7BitEncodedInt();
        if (count < 0 || compressed < 0 || uncompressed < 0) throw new InvalidDataException("corrupt gzip index");
        var entries = new List<Entry>(Math.Min(count, 1 << 16));
        long bits = 0, output = 0;
        for (var i = 0; i < count; i++)
        {
            bits += reader.Read7BitEncodedInt64();
            output += reader.Read7BitEncodedInt64();
            var memberOutput = reader.Read7BitEncodedInt64();
            var atMemberStart = reader.ReadBoolean();
            var windowLength = reader.Read7BitEncodedInt();
            var stored = reader.Read7BitEncodedInt();
            if (windowLength is < 0 or > GzipDecoder.WindowSize || stored < 0 || bits > compressed * 8 || output > uncompressed)
                throw new InvalidDataException("corrupt gzip index");
            var window = reader.ReadBytes(stored);
            if (window.Length != stored) throw new EndOfStreamException();
            var blockType = reader.ReadByte();
            var lastBlock = reader.ReadBoolean();
            var literalCount = reader.Read7BitEncodedInt();
            var codeLengthCount = reader.Read7BitEncodedInt();
            if (blockType > 2 || codeLengthCount is < 0 or > 316 || literalCount < 0 || literalCount > codeLengthCount) throw new InvalidDataException("corrupt gzip index");
            var codeLengths = reader.ReadBytes(codeLengthCount);
            if (codeLengths.Length != codeLengthCount) throw new EndOfStreamException();
            entries.Add(new Entry(bits, output, memberOutput, atMemberStart, windowLength, window)
            {
                BlockType = blockType,
                LastBlock = lastBlock,
                LiteralCount = literalCount,
                CodeLengths = codeLengths,
            });
        }
        return new GzipCheckpointIndex(entries, compressed, uncompressed);
    }

    /// <summary>Collects checkpoints during a decoding pass (give <see cref="Add"/> to the decoder), then <see cref="Complete"/>.</summary>
    public sealed class Builder
    {
        private readonly List<Entry> _entries = [];
        private long _windowBytes;

        /// <summary>Keeps the checkpoint, its window compressed, unless that would take the windows past their budget.</summary>
        public void Add(GzipCheckpoint checkpoint)
        {
            var window = checkpoint.Window.Length == 0 ? [] : Compress(checkpoint.Window);
            var budget = (long)(checkpoint.BitPosition / 8 * WindowBudget) + BudgetAllowance;
            if (_windowBytes + window.Length > budget) return;
            _windowBytes += window.Length;
            _entries.Add(new Entry(checkpoint.BitPosition, checkpoint.Output, checkpoint.MemberOutput, checkpoint.AtMemberStart,
                checkpoint.Window.Length, window)
            {
                BlockType = checkpoint.BlockType,
                LastBlock = checkpoint.LastBlock,
                LiteralCount = checkpoint.LiteralCount,
                CodeLengths = checkpoint.CodeLengths,
            });
        }

        /// <summary>The index, once the pass has decoded all <paramref name="uncompressedLength"/> bytes.</summary>
        public GzipCheckpointIndex Complete(long compressedLength, long uncompressedLength) => new(_entries, compressedLength, uncompressedLength);

        private static byte[] Compress(byte[] window)
        {
            using var buffer = new MemoryStream(window.Length / 2);
            using (var deflate = new DeflateStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true)) deflate.Write(window);
            return buffer.ToArray();
        }
    }

    private sealed record Entry(long BitPosition, long Output, long MemberOutput, bool AtMemberStart, int WindowLength, byte[] Window)
    {
        public byte BlockType { get; init; }

        public bool LastBlock { get; init; }

        public int LiteralCount { get; init; }

        public byte[] CodeLengths { get; init; } = [];

        public GzipCheckpoint ToCheckpoint()
        {
            var window = new byte[WindowLength];
            if (WindowLength > 0)
            {
                using var inflate = new DeflateStream(new MemoryStream(Window), CompressionMode.Decompress);
                inflate.ReadExactly(window);
            }
            return new GzipCheckpoint(BitPosition, Output, MemberOutput, AtMemberStart, window)
            {
                BlockType = BlockType,
                LastBlock = LastBlock,
                LiteralCount = LiteralCount,
                CodeLengths = CodeLengths,
            };
        }
    }
}
