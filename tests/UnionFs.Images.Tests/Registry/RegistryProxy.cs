using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace UnionFs.Images.Tests.Registry;

/// <summary>
/// A small HTTP/1.1 proxy on 127.0.0.1 in front of the real registry, for what a registry does not let a test
/// arrange: it counts the body bytes served, and can ignore Range (answer 200 with the whole blob), demand a
/// bearer token from its own token service, drop the connection once in the middle of a blob, or change one
/// byte of a blob. GET and HEAD only (images are pushed to the registry directly).
/// </summary>
public sealed class RegistryProxy : IDisposable
{
    public const string TokenService = "test";

    private readonly TcpListener _listener;
    private readonly HttpClient _upstream;
    private readonly string _registry;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentBag<Task> _connections = [];
    private readonly string _token = "tok-" + Guid.NewGuid().ToString("N");
    private long _bodyBytes;
    private int _tokenRequests;
    private string? _dropDigest;
    private long _dropAt;
    private int _cutsPending;
    private bool _cutsWaitForDrop;
    private int _cuts;

    public RegistryProxy(string registryHost)
    {
        _registry = registryHost;
        _upstream = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, AutomaticDecompression = DecompressionMethods.None });
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = Task.Run(AcceptLoop);
    }

    public int Port { get; }

    /// <summary><c>127.0.0.1:PORT</c>: the registry as the code under test sees it.</summary>
    public string Host => $"127.0.0.1:{Port}";

    /// <summary>Body bytes served for <c>/v2/</c> requests since the last <see cref="Reset"/>.</summary>
    public long BodyBytes => Interlocked.Read(ref _bodyBytes);

    /// <summary>Every <c>/v2/</c> request served: method, path, Range header and status.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>How many times the token service was asked.</summary>
    public int TokenRequests => _tokenRequests;

    /// <summary>Answer Range requests with 200 and the whole blob, as some registries do.</summary>
    public bool IgnoreRange { get; set; }

    /// <summary>Demand a bearer token from <c>/token</c>, given only for these basic credentials; null: anonymous access.</summary>
    public (string User, string Password)? RequireToken { get; set; }

    /// <summary>Demand these basic credentials on every request (a Basic challenge, no token service); null: no such demand.</summary>
    public (string User, string Password)? RequireBasic { get; set; }

    /// <summary>A blob digest whose bytes are changed (each byte of <see cref="TamperOffsets"/> inverted) as they are served.</summary>
    public string? TamperDigest { get; set; }

    /// <summary>Invert the first byte of every manifest served.</summary>
    public bool TamperManifests { get; set; }

    /// <summary>The blob offsets <see cref="TamperDigest"/> changes.</summary>
    public long[] TamperOffsets { get; set; } = [];

    /// <summary>Once: close the connection when a GET of <paramref name="digest"/> reaches blob offset <paramref name="offset"/>.</summary>
    public void DropOnce(string digest, long offset)
    {
        _dropAt = offset;
        Volatile.Write(ref _dropDigest, digest);
    }

    /// <summary>True once the drop asked for has happened.</summary>
    public bool Dropped { get; private set; }

    /// <summary>
    /// Answer the next <paramref name="count"/> blob GETs with half a status line and close the connection (as a
    /// restarting registry or a load balancer may); with <paramref name="afterDrop"/>, only the GETs that come after
    /// the <see cref="DropOnce"/> drop. HttpClient does not send a request again once part of an answer came.
    /// </summary>
    public void CutAnswers(int count, bool afterDrop = false)
    {
        _cutsWaitForDrop = afterDrop;
        Volatile.Write(ref _cutsPending, count);
    }

    /// <summary>How many answers <see cref="CutAnswers"/> has cut.</summary>
    public int Cuts => Volatile.Read(ref _cuts);

    public void Reset()
    {
        Interlocked.Exchange(ref _bodyBytes, 0);
        Requests.Clear();
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        try
        {
            Task.WaitAll([.. _connections], TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // connections end with errors when the listener stops
        }
        _upstream.Dispose();
        _stop.Dispose();
    }

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                return;
            }
            _connections.Add(Task.Run(() => Serve(client)));
        }
    }

    private async Task Serve(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    var head = await ReadHead(stream);
                    if (head is null) return;
                    if (!await Answer(stream, head)) return;
                }
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // the client went away
            }
        }
    }

    private sealed record RequestHead(string Method, string Path, Dictionary<string, string> Headers);

    private async Task<RequestHead?> ReadHead(NetworkStream stream)
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (true)
        {
            if (await stream.ReadAsync(one, _stop.Token) == 0) return null;
            bytes.Add(one[0]);
            var n = bytes.Count;
            if (n >= 4 && bytes[n - 4] == '\r' && bytes[n - 3] == '\n' && bytes[n - 2] == '\r' && bytes[n - 1] == '\n') break;
            if (n > 65536) return null;
        }
        var lines = Encoding.ASCII.GetString([.. bytes]).Split("\r\n");
        var parts = lines[0].Split(' ');
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':');
            if (colon > 0) headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }
        return new RequestHead(parts[0], parts[1], headers);
    }

    /// <summary>Answers one request; false when the connection must close.</summary>
    private async Task<bool> Answer(NetworkStream stream, RequestHead request)
    {
        if (request.Method == "GET" && request.Path.Contains("/blobs/", StringComparison.Ordinal) && TakeCut())
        {
            await stream.WriteAsync("HTTP/1.1 20"u8.ToArray());
            return false; // closes the connection in the middle of the status line
        }
        if (request.Path.StartsWith("/token", StringComparison.Ordinal)) return await AnswerToken(stream, request);
        if (RequireToken is not null && !(request.Headers.TryGetValue("Authorization", out var auth) && auth == "Bearer " + _token))
        {
            var repository = request.Path.StartsWith("/v2/", StringComparison.Ordinal) && request.Path.IndexOf("/manifests/", StringComparison.Ordinal) is var m and > 0
                ? request.Path[4..m]
                : request.Path.IndexOf("/blobs/", StringComparison.Ordinal) is var b and > 4 ? request.Path[4..b] : "";
            var challenge = $"Bearer realm=\"http://{Host}/token\",service=\"{TokenService}\",scope=\"repository:{repository}:pull\"";
            var refusal = """{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}"""u8.ToArray();
            await WriteHead(stream, 401, "Unauthorized", [("WWW-Authenticate", challenge), ("Content-Type", "application/json"), ("Content-Length", refusal.Length.ToString())]);
            if (request.Method != "HEAD") await stream.WriteAsync(refusal);
            Requests.Enqueue($"{request.Method} {request.Path} 401");
            return true;
        }

        if (RequireBasic is { } basic && !(request.Headers.TryGetValue("Authorization", out var given) && given == BasicHeader(basic)))
        {
            await WriteHead(stream, 401, "Unauthorized", [("WWW-Authenticate", "Basic realm=\"test registry\""), ("Content-Length", "0")]);
            Requests.Enqueue($"{request.Method} {request.Path} 401");
            return true;
        }

        using var upstreamRequest = new HttpRequestMessage(new HttpMethod(request.Method), $"http://{_registry}{request.Path}");
        if (request.Headers.TryGetValue("Accept", out var accept)) upstreamRequest.Headers.TryAddWithoutValidation("Accept", accept);
        request.Headers.TryGetValue("Range", out var range);
        if (range is not null && !IgnoreRange) upstreamRequest.Headers.TryAddWithoutValidation("Range", range);
        using var response = await _upstream.SendAsync(upstreamRequest, HttpCompletionOption.ResponseHeadersRead, _stop.Token);
        var status = (int)response.StatusCode;
        Requests.Enqueue($"{request.Method} {request.Path} {range ?? "-"} {status}");
        var headers = new List<(string, string)>();
        foreach (var name in (string[])["Docker-Content-Digest", "Docker-Distribution-Api-Version", "Location", "WWW-Authenticate"])
            if (response.Headers.TryGetValues(name, out var values)) headers.Add((name, string.Join(", ", values)));
        if (!IgnoreRange && response.Headers.AcceptRanges.Count > 0) headers.Add(("Accept-Ranges", string.Join(", ", response.Headers.AcceptRanges)));
        var content = response.Content.Headers;
        if (content.ContentType is not null) headers.Add(("Content-Type", content.ContentType.ToString()));
        if (content.ContentRange is not null) headers.Add(("Content-Range", content.ContentRange.ToString()));
        var length = content.ContentLength;
        headers.Add(("Content-Length", (length ?? 0).ToString()));
        await WriteHead(stream, status, response.ReasonPhrase ?? "", headers);
        if (request.Method == "HEAD" || length is null or 0) return true;

        var digest = request.Path.Contains("/blobs/", StringComparison.Ordinal) ? request.Path[(request.Path.LastIndexOf('/') + 1)..] : null;
        var offset = content.ContentRange?.From ?? 0;
        var end = offset + length.Value;
        long? dropAt = null;
        if (digest is not null && Volatile.Read(ref _dropDigest) == digest && _dropAt >= offset && _dropAt < end && Interlocked.Exchange(ref _dropDigest, null) == digest)
            dropAt = _dropAt;
        using var body = await response.Content.ReadAsStreamAsync(_stop.Token);
        var buffer = new byte[16384];
        while (offset < end)
        {
            var want = (int)Math.Min(buffer.Length, (dropAt ?? end) - offset);
            if (want == 0)
            {
                Dropped = true;
                stream.Socket.LingerState = new LingerOption(true, 0);
                return false; // closes the connection in the middle of the body
            }
            var read = await body.ReadAsync(buffer.AsMemory(0, want), _stop.Token);
            if (read == 0) return false;
            if (digest is not null && digest == TamperDigest)
                foreach (var at in TamperOffsets)
                    if (at >= offset && at < offset + read) buffer[at - offset] ^= 0xFF;
            if (TamperManifests && offset == 0 && request.Path.Contains("/manifests/", StringComparison.Ordinal)) buffer[0] ^= 0xFF;
            // Counted before the write: the client may have the bytes (and a test may read the count) before the write returns.
            Interlocked.Add(ref _bodyBytes, read);
            await stream.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
            offset += read;
        }
        return true;
    }

    private bool TakeCut()
    {
        if (_cutsWaitForDrop && !Dropped) return false;
        while (Volatile.Read(ref _cutsPending) is var pending and > 0)
        {
            if (Interlocked.CompareExchange(ref _cutsPending, pending - 1, pending) != pending) continue;
            Interlocked.Increment(ref _cuts);
            return true;
        }
        return false;
    }

    private async Task<bool> AnswerToken(NetworkStream stream, RequestHead request)
    {
        Interlocked.Increment(ref _tokenRequests);
        var expected = RequireToken is { } creds ? BasicHeader(creds) : null;
        var ok = expected is not null && request.Headers.TryGetValue("Authorization", out var given) && given == expected;
        var body = ok ? Encoding.UTF8.GetBytes($$"""{"token":"{{_token}}","expires_in":300}""") : """{"errors":[{"code":"UNAUTHORIZED","message":"bad credentials"}]}"""u8.ToArray();
        await WriteHead(stream, ok ? 200 : 401, ok ? "OK" : "Unauthorized", [("Content-Type", "application/json"), ("Content-Length", body.Length.ToString())]);
        await stream.WriteAsync(body);
        return true;
    }

    private static string BasicHeader((string User, string Password) creds) =>
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{creds.User}:{creds.Password}"));

    private static async Task WriteHead(NetworkStream stream, int status, string reason, IEnumerable<(string Name, string Value)> headers)
    {
        var text = new StringBuilder($"HTTP/1.1 {status} {reason}\r\n");
        foreach (var (name, value) in headers) text.Append(name).Append(": ").Append(value).Append("\r\n");
        text.Append("\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(text.ToString()));
    }
}
