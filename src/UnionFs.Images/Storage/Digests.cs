using System.Security.Cryptography;

namespace UnionFs.Images.Storage;

/// <summary>OCI content digests (<c>sha256:&lt;64 hex&gt;</c>).</summary>
internal static class Digests
{
    public const string Sha256Prefix = "sha256:";

    public static string Format(ReadOnlySpan<byte> hash) => Sha256Prefix + Convert.ToHexStringLower(hash);

    public static string Of(ReadOnlySpan<byte> data) => Format(SHA256.HashData(data));

    public static string Of(ByteSource source)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 20];
        long position = 0;
        while (position < source.Length)
        {
            var read = source.ReadAt(position, buffer);
            if (read <= 0) throw new EndOfStreamException();
            hash.AppendData(buffer, 0, read);
            position += read;
        }
        return Format(hash.GetHashAndReset());
    }

    /// <summary>True for a well-formed sha256 digest; <paramref name="hex"/> is its lowercase hex part.</summary>
    public static bool TryParse(string? digest, out string hex)
    {
        hex = string.Empty;
        if (digest is null || digest.Length != Sha256Prefix.Length + 64 || !digest.StartsWith(Sha256Prefix, StringComparison.Ordinal)) return false;
        foreach (var c in digest.AsSpan(Sha256Prefix.Length))
            if (c is not ((>= '0' and <= '9') or (>= 'a' and <= 'f'))) return false;
        hex = digest[Sha256Prefix.Length..];
        return true;
    }
}

/// <summary>A pass-through stream that hashes (and counts) every byte read from or written to it.</summary>
internal sealed class HashingStream : Stream
{
    private readonly Stream _inner;
    private readonly bool _leaveOpen;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public HashingStream(Stream inner, bool leaveOpen)
    {
        _inner = inner;
        _leaveOpen = leaveOpen;
    }

    public long Count { get; private set; }

    public string Digest() => Digests.Format(_hash.GetCurrentHash());

    public override bool CanRead => _inner.CanRead;

    public override bool CanSeek => false;

    public override bool CanWrite => _inner.CanWrite;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => Count;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = _inner.Read(buffer);
        _hash.AppendData(buffer[..read]);
        Count += read;
        return read;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _inner.Write(buffer);
        _hash.AppendData(buffer);
        Count += buffer.Length;
    }

    public override void Flush() => _inner.Flush();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
            if (!_leaveOpen) _inner.Dispose();
        }
        base.Dispose(disposing);
    }
}
