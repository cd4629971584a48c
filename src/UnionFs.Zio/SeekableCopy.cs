namespace UnionFs.Zio;

/// <summary>
/// Turns a read stream that cannot seek (a zip entry's inflater) into one that can: the union seeks, asks lengths and
/// copies up lazily from an offset. Up to <see cref="ZioBranch.MemoryBufferLimit"/> bytes stay in memory; a larger file
/// continues into a temporary file that is deleted when the stream closes.
/// </summary>
internal static class SeekableCopy
{
    private const int ChunkSize = 81920;

    /// <summary>Reads <paramref name="source"/> to its end (and disposes it) into a seekable, read-only stream.</summary>
    public static Stream Of(Stream source, string path)
    {
        using (source)
        {
            var memory = new MemoryStream();
            var buffer = new byte[ChunkSize];
            int read;
            while ((read = source.Read(buffer, 0, buffer.Length)) > 0)
            {
                memory.Write(buffer, 0, read);
                if (memory.Length > ZioBranch.MemoryBufferLimit) return SpillToTemporaryFile(memory, source, buffer, path);
            }
            return new MemoryStream(memory.GetBuffer(), 0, (int)memory.Length, writable: false);
        }
    }

    private static FileStream SpillToTemporaryFile(MemoryStream head, Stream rest, byte[] buffer, string path)
    {
        var temporary = new FileStream(
            Path.Combine(Path.GetTempPath(), "unionfs-zio-" + Guid.NewGuid().ToString("N")),
            FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, ChunkSize, FileOptions.DeleteOnClose);
        try
        {
            head.Position = 0;
            head.CopyTo(temporary);
            int read;
            while ((read = rest.Read(buffer, 0, buffer.Length)) > 0) temporary.Write(buffer, 0, read);
            temporary.Position = 0;
            return temporary;
        }
        catch (Exception e)
        {
            temporary.Dispose();
            throw new IOException($"'{path}' could not be buffered for reading: {e.Message}", e);
        }
    }
}
