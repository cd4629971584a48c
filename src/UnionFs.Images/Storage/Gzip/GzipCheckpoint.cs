namespace UnionFs.Images.Storage.Gzip;

/// <summary>
/// A place where decoding a gzip file can start again: a deflate block boundary (or the start of a member).
/// </summary>
/// <param name="BitPosition">Where the next block (or member header) starts in the compressed bytes, in bits.</param>
/// <param name="Output">How many uncompressed bytes come before this point.</param>
/// <param name="MemberOutput">How many of those the current member produced (back references cannot reach further).</param>
/// <param name="AtMemberStart">True when a member header starts here (the window is then empty).</param>
/// <param name="Window">The last up to 32 KiB of the member's output, which later back references may copy from.</param>
internal sealed record GzipCheckpoint(long BitPosition, long Output, long MemberOutput, bool AtMemberStart, byte[] Window);
