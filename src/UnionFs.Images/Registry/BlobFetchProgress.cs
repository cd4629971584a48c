namespace UnionFs.Images;

/// <summary>How much of one blob has been fetched from a registry.</summary>
/// <param name="Digest">The blob's digest (<c>sha256:…</c>).</param>
/// <param name="BytesFetched">The bytes received for it so far (a byte fetched twice counts twice).</param>
/// <param name="Length">The blob's size.</param>
public readonly record struct BlobFetchProgress(string Digest, long BytesFetched, long Length);
