namespace UnionFs;

/// <summary>
/// The lower file a memory file was copied up from, read on demand (lazy copy-up): the chunks a write never
/// touched are never copied. Shared by every copy of that file; reads are serialised on the stream.
/// Lowers are immutable while mounted, so what it reads is what the lower held at copy-up time.
/// </summary>
internal sealed class ChunkSource(Stream stream)
{
    /// <summary>Reads <paramref name="buffer"/>'s length of bytes at <paramref name="position"/>; what the file no longer has reads as zeros.</summary>
    public void ReadAt(long position, Span<byte> buffer)
    {
        var total = 0;
        lock (stream)
        {
            stream.Position = position;
            while (total < buffer.Length)
            {
                var read = stream.Read(buffer[total..]);
                if (read == 0) break;
                total += read;
            }
        }
        buffer[total..].Clear();
    }
}
