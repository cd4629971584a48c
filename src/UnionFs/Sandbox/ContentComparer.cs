using System.Buffers;

namespace UnionFs.Sandbox;

/// <summary>Compares two streams byte by byte, a buffer at a time.</summary>
internal static class ContentComparer
{
    private const int BufferSize = 64 * 1024;

    /// <summary>True when both streams hold the same bytes; each is read from its position to its end.</summary>
    public static bool Same(Stream first, Stream second)
    {
        var left = ArrayPool<byte>.Shared.Rent(BufferSize);
        var right = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            while (true)
            {
                var read = first.ReadAtLeast(left.AsSpan(0, BufferSize), BufferSize, throwOnEndOfStream: false);
                // At the first stream's end, one byte more from the second tells whether it ends too.
                var wanted = Math.Max(read, 1);
                var other = second.ReadAtLeast(right.AsSpan(0, wanted), wanted, throwOnEndOfStream: false);
                if (read != other) return false;
                if (read == 0) return true;
                if (!left.AsSpan(0, read).SequenceEqual(right.AsSpan(0, read))) return false;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(left);
            ArrayPool<byte>.Shared.Return(right);
        }
    }
}
