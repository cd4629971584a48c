using System.Net;
using UnionFs.Images.Storage;

namespace UnionFs.Images.Registry;

/// <summary>
/// A registry blob as a <see cref="ByteSource"/>, fetched only where it is read. Two patterns are served well:
/// <list type="bullet">
/// <item>a sequential pass (a read that starts where the previous one ended, or a large read) keeps one response
/// body open over a window that doubles as it is consumed (1 MiB up to 64 MiB), so a whole-layer pass costs a
/// handful of requests, and an abandoned pass wastes at most one window;</item>
/// <item>scattered small reads fetch the aligned block around them with one Range request and keep the most
/// recent blocks (memory is at most <see cref="RegistryOptions.CachedBlocks"/> × <see cref="RegistryOptions.BlockSize"/>).</item>
/// </list>
/// A registry that ignores Range (answers 200 with the whole blob) switches the source to a fallback: the blob
/// is streamed once into a temporary spill file (memory stays bounded), checked against its digest, and served
/// from there. A dropped connection is resumed with a Range request from the byte where it stopped, a few times.
/// The bytes are not otherwise checked here: the image reader verifies every blob it uses against its digest.
/// Reads are serialised by a lock (one network conversation per blob).
/// </summary>
internal sealed class RegistryBlobSource : ByteSource
{
    private const long FirstWindow = 1L << 20;
    private const long LargestWindow = 64L << 20;

    private readonly RegistryClient _client;
    private readonly RegistryOptions _options;
    private readonly Lock _gate = new();
    private readonly BlockCache _cache;
    private BlobBody? _body;
    private long _window = FirstWindow;
    private long _lastEnd = -1;
    private ByteSource? _fallback;
    private long _fetched;
    private int _disposed;

    public RegistryBlobSource(RegistryClient client, string digest, long length)
    {
        _client = client;
        _options = client.Options;
        Digest = digest;
        Length = length;
        _cache = new BlockCache(Math.Clamp(_options.BlockSize, 4 << 10, 16 << 20), Math.Max(0, _options.CachedBlocks));
    }

    public string Digest { get; }

    public override long Length { get; }

    /// <summary>The bytes received from the registry for this blob so far.</summary>
    public long BytesFetched => Interlocked.Read(ref _fetched);

    /// <summary>True once the registry ignored a Range request and the blob is served from a spilled copy.</summary>
    public bool UsesFallback
    {
        get
        {
            lock (_gate) return _fallback is not null;
        }
    }

    public override int ReadAt(long position, Span<byte> buffer)
    {
        if (position >= Length || buffer.IsEmpty) return 0;
        if (buffer.Length > Length - position) buffer = buffer[..(int)(Length - position)];
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed != 0, this);
            var read = ReadLocked(position, buffer);
            _lastEnd = position + read;
            return read;
        }
    }

    private int ReadLocked(long position, Span<byte> buffer)
    {
        if (_fallback is not null) return _fallback.ReadAt(position, buffer);
        var cached = _cache.Read(position, buffer);
        if (cached > 0) return cached;
        // A body already open just before the position: skipping a little is cheaper than a new request.
        if (_body is not null && position >= _body.Position && position - _body.Position <= _cache.BlockSize && position < _body.End)
            return ReadBody(position, buffer);
        if (position == _lastEnd || buffer.Length >= _cache.BlockSize) return ReadBody(position, buffer);
        return ReadBlock(position, buffer);
    }

    /// <summary>Reads from the sequential body, opening (or resuming) it at <paramref name="position"/> as needed.</summary>
    private int ReadBody(long position, Span<byte> buffer)
    {
        var failures = 0;
        var total = 0;
        while (total < buffer.Length)
        {
            try
            {
                if (_body is null || _body.Exhausted || position < _body.Position || position - _body.Position > _cache.BlockSize)
                {
                    if (_body is { Exhausted: true } done && done.End == position) _window = Math.Min(_window * 2, LargestWindow);
                    OpenBody(position);
                    if (_fallback is not null) return total + _fallback.ReadAt(position, buffer[total..]);
                }
                Skip(_body!, position);
                var read = _body!.Read(buffer[total..]);
                Count(read);
                total += read;
                position += read;
                failures = 0;
            }
            catch (IOException ex) when (IsTransient(ex))
            {
                DropBody();
                if (++failures > _options.Retries) throw Dropped(position, ex);
            }
        }
        return total;
    }

    private void Skip(BlobBody body, long position)
    {
        Span<byte> scratch = stackalloc byte[8192];
        while (body.Position < position)
        {
            var read = body.Read(scratch[..(int)Math.Min(scratch.Length, position - body.Position)]);
            Count(read);
        }
    }

    private void OpenBody(long position)
    {
        DropBody();
        var end = Math.Min(Length, position + _window);
        var response = _client.GetBlobRange(Digest, position, end - 1);
        if (response.StatusCode != HttpStatusCode.PartialContent)
        {
            SwitchToFallback(response);
            return;
        }
        CheckRange(response, position, end);
        _body = new BlobBody(response, position, end, _options.Timeout);
    }

    /// <summary>Fetches the aligned block around <paramref name="position"/> into the cache, resuming a dropped transfer.</summary>
    private int ReadBlock(long position, Span<byte> buffer)
    {
        var index = position / _cache.BlockSize;
        var start = index * _cache.BlockSize;
        var bytes = new byte[(int)Math.Min(_cache.BlockSize, Length - start)];
        var filled = 0;
        var failures = 0;
        while (filled < bytes.Length)
        {
            try
            {
                var from = start + filled;
                var response = _client.GetBlobRange(Digest, from, start + bytes.Length - 1);
                if (response.StatusCode != HttpStatusCode.PartialContent)
                {
                    SwitchToFallback(response);
                    return _fallback!.ReadAt(position, buffer);
                }
                CheckRange(response, from, start + bytes.Length);
                using var body = new BlobBody(response, from, start + bytes.Length, _options.Timeout);
                while (!body.Exhausted)
                {
                    var read = body.Read(bytes.AsSpan(filled));
                    Count(read);
                    filled += read;
                    failures = 0;
                }
            }
            catch (IOException ex) when (IsTransient(ex))
            {
                if (++failures > _options.Retries) throw Dropped(start + filled, ex);
            }
        }
        _cache.Add(index, bytes);
        return _cache.Read(position, buffer);
    }

    /// <summary>A 206 must carry the range asked for; anything else would put wrong bytes at a position.</summary>
    private void CheckRange(HttpResponseMessage response, long from, long end)
    {
        var range = response.Content.Headers.ContentRange;
        if (range?.From == from && range.To == end - 1 && (range.Length is null || range.Length == Length)) return;
        response.Dispose();
        throw new RegistryException(
            $"{_client.Host} answered the range {from}-{end - 1} of the blob {Digest} with '{range?.ToString() ?? "no Content-Range"}' (the blob has {Length} bytes).",
            HttpStatusCode.PartialContent);
    }

    /// <summary>
    /// The registry sent the whole blob for a Range request: keep that body, stream it once into a spill
    /// (a temporary file beyond a small memory threshold) while hashing it, and serve every read from the copy.
    /// </summary>
    private void SwitchToFallback(HttpResponseMessage response)
    {
        DropBody();
        _cache.Clear();
        var failures = 0;
        while (true)
        {
            try
            {
                _fallback = BlobSpill.Copy(response, Digest, Length, _client.Host, _options, Count);
                return;
            }
            catch (IOException ex) when (IsTransient(ex))
            {
                if (++failures > _options.Retries) throw Dropped(0, ex);
                // The registry ignores Range, so a dropped whole-blob transfer can only start again.
                response = _client.GetBlobRange(Digest, 0, null);
            }
        }
    }

    private void Count(int read)
    {
        if (read <= 0) return;
        var total = Interlocked.Add(ref _fetched, read);
        _options.Progress?.Report(new BlobFetchProgress(Digest, total, Length));
    }

    /// <summary>
    /// A failure worth another request: a body that stopped short, or a request that got no answer. A registry's
    /// refusal, a wrong range and bad bytes are answers, and another request would get them again.
    /// </summary>
    private static bool IsTransient(IOException ex) =>
        ex is RegistryConnectionException || ex is not (RegistryException or InvalidImageException);

    /// <summary>The failure after the last retry: a request that never got an answer says so, in its own words.</summary>
    private RegistryException Dropped(long position, IOException cause) =>
        cause as RegistryConnectionException ?? new RegistryException(
            $"the connection to {_client.Host} dropped while fetching the blob {Digest} at byte {position} of {Length} ({_options.Retries} retries failed): {cause.Message}", cause);

    private void DropBody()
    {
        _body?.Dispose();
        _body = null;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            lock (_gate)
            {
                if (Interlocked.Exchange(ref _disposed, 1) == 0)
                {
                    DropBody();
                    _fallback?.Dispose();
                    _fallback = null;
                    _cache.Clear();
                }
            }
        }
        base.Dispose(disposing);
    }
}
