namespace UnionFs.Images.Registry;

/// <summary>
/// The open body of one blob response, read forward from <see cref="Position"/>. A body that stalls longer than
/// the timeout is aborted (its response disposed), so a hung connection fails the read instead of hanging it.
/// </summary>
internal sealed class BlobBody : IDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly Stream _stream;
    private readonly CancellationTokenSource _idle;
    private readonly TimeSpan _timeout;

    public BlobBody(HttpResponseMessage response, long position, long end, TimeSpan timeout)
    {
        _response = response;
        _timeout = timeout;
        Position = position;
        End = end;
        _idle = new CancellationTokenSource(timeout);
        _idle.Token.Register(static state => ((HttpResponseMessage)state!).Dispose(), response);
        try
        {
            _stream = response.Content.ReadAsStream();
        }
        catch
        {
            _idle.Dispose();
            throw;
        }
    }

    /// <summary>The blob offset of the next byte the body gives.</summary>
    public long Position { get; private set; }

    /// <summary>The blob offset just past the body's last byte.</summary>
    public long End { get; }

    /// <summary>True once the body gave every byte it announced.</summary>
    public bool Exhausted => Position >= End;

    /// <summary>Reads up to <c>buffer.Length</c> bytes; a body that ends before <see cref="End"/> throws <see cref="IOException"/>.</summary>
    public int Read(Span<byte> buffer)
    {
        if (Exhausted || buffer.IsEmpty) return 0;
        if (buffer.Length > End - Position) buffer = buffer[..(int)(End - Position)];
        int read;
        try
        {
            read = _stream.Read(buffer);
        }
        catch (ObjectDisposedException ex)
        {
            throw new IOException($"no byte arrived for {_timeout.TotalSeconds:0.#} s", ex);
        }
        if (read <= 0) throw new IOException($"the response ended at byte {Position} of {End}");
        _idle.CancelAfter(_timeout);
        Position += read;
        return read;
    }

    public void Dispose()
    {
        _idle.Dispose();
        _stream.Dispose();
        _response.Dispose();
    }
}
