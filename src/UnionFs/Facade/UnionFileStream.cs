using System.IO.Abstractions;

namespace UnionFs.Facade;

/// <summary>
/// The <see cref="FileSystemStream"/> the union hands out. Like a <see cref="FileStream"/>, it buffers reads and
/// writes in a buffer of the size asked for (4096 bytes unless told otherwise; 0 or 1 turn buffering off), so two
/// handles on one file interleave as two real file streams do: what a handle wrote reaches the file when it
/// flushes, at that handle's own position.
/// </summary>
internal sealed class UnionFileStream : FileSystemStream
{
    /// <summary>The buffer size <see cref="FileStream"/> uses when none is given.</summary>
    public const int DefaultBufferSize = 4096;

    public UnionFileStream(FileHandleStream handle, string path, int bufferSize, bool isAsync)
        : base(bufferSize > 1 ? new BufferedHandleStream(handle, bufferSize) : handle, path, isAsync)
    {
    }
}
