namespace UnionFs.Images.Storage.Gzip;

/// <summary>
/// A place where decoding a gzip file can start again: the start of a member, a deflate block boundary, or a symbol
/// boundary inside a Huffman block (some producers write blocks of many megabytes, so block boundaries alone can
/// lie far apart). Inside a block the checkpoint carries what the block header said.
/// </summary>
/// <param name="BitPosition">Where decoding goes on in the compressed bytes, in bits.</param>
/// <param name="Output">How many uncompressed bytes come before this point.</param>
/// <param name="MemberOutput">How many of those the current member produced (back references cannot reach further).</param>
/// <param name="AtMemberStart">True when a member header starts here (the window is then empty).</param>
/// <param name="Window">The last up to 32 KiB of the member's output, which later back references may copy from.</param>
internal sealed record GzipCheckpoint(long BitPosition, long Output, long MemberOutput, bool AtMemberStart, byte[] Window)
{
    /// <summary>Inside a block: 1 for a fixed-code block, 2 for a dynamic one; 0 at a block boundary.</summary>
    public byte BlockType { get; init; }

    /// <summary>Inside a block: whether it is the member's last block.</summary>
    public bool LastBlock { get; init; }

    /// <summary>Inside a dynamic block: its literal/length code lengths, then its distance code lengths.</summary>
    public byte[] CodeLengths { get; init; } = [];

    /// <summary>Inside a dynamic block: how many of <see cref="CodeLengths"/> are literal/length code lengths.</summary>
    public int LiteralCount { get; init; }
}
