using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;

namespace UnionFs.Images.Registry;

/// <summary>A fetched manifest or index: its bytes, the media type the registry gave, and the digest it claims.</summary>
internal sealed record ManifestResponse(byte[] Bytes, string? MediaType, string? DockerContentDigest);

/// <summary>
/// The OCI distribution API calls an image needs (manifests by tag or digest, blob sizes, blob ranges) over
/// one <see cref="HttpClient"/>, answering authentication challenges and turning failures into
/// <see cref="RegistryException"/>s that name the host and what was asked for.
/// </summary>
internal sealed class RegistryClient : IDisposable
{
    /// <summary>Every manifest type read, so a registry that converts answers with one the reader knows.</summary>
    private static readonly string[] ManifestTypes =
        [MediaTypes.OciIndex, MediaTypes.OciManifest, MediaTypes.DockerManifestList, MediaTypes.DockerManifest];

    private readonly HttpClient _http;
    private readonly RegistryAuthenticator _auth;
    private readonly Uri _base;

    public RegistryClient(ImageReference reference, RegistryOptions options)
    {
        Reference = reference;
        Options = options;
        var scheme = options.PlainHttp || reference.IsLoopback ? "http" : "https";
        _base = new Uri($"{scheme}://{reference.ApiHost}/v2/{reference.Repository}/");
        var handler = options.Handler ?? new SocketsHttpHandler
        {
            ConnectTimeout = options.Timeout,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
        };
        _http = new HttpClient(handler, disposeHandler: options.Handler is null) { Timeout = options.Timeout };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("UnionFs.Images", "1"));
        _auth = new RegistryAuthenticator(reference, options);
    }

    public ImageReference Reference { get; }

    public RegistryOptions Options { get; }

    /// <summary>The repository's API root: <c>https://HOST/v2/REPO/</c> (http for loopback hosts or when asked).</summary>
    public Uri BaseUri => _base;

    /// <summary>The host in messages.</summary>
    public string Host => Reference.Registry;

    /// <summary>Fetches the manifest or index named by a tag or digest; null when the registry does not know it.</summary>
    public ManifestResponse? GetManifest(string tagOrDigest)
    {
        using var response = Send(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_base, "manifests/" + tagOrDigest));
            foreach (var type in ManifestTypes) request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
            return request;
        }, $"the manifest {Reference.Repository}:{tagOrDigest}", HttpCompletionOption.ResponseHeadersRead);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        EnsureSuccess(response, $"the manifest {Reference.Repository}:{tagOrDigest}");
        if (response.Content.Headers.ContentLength > JsonHelpers.MaxDocumentSize)
            throw new InvalidImageException(null, tagOrDigest, $"the manifest has {response.Content.Headers.ContentLength} bytes, more than the limit of {JsonHelpers.MaxDocumentSize}.");
        var bytes = ReadLimited(response, tagOrDigest);
        var digest = response.Headers.TryGetValues("Docker-Content-Digest", out var values) ? values.FirstOrDefault() : null;
        return new ManifestResponse(bytes, response.Content.Headers.ContentType?.MediaType, digest);
    }

    /// <summary>The size of a blob (a HEAD request); null when the registry does not have it.</summary>
    public long? GetBlobLength(string digest)
    {
        using var response = Send(() => new HttpRequestMessage(HttpMethod.Head, BlobUri(digest)), $"the blob {digest}", HttpCompletionOption.ResponseHeadersRead);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        EnsureSuccess(response, $"the blob {digest}");
        return response.Content.Headers.ContentLength
            ?? throw new RegistryException($"{Host} gave no Content-Length for the blob {digest}.", response.StatusCode);
    }

    /// <summary>
    /// Asks for the bytes of a blob from <paramref name="from"/> up to <paramref name="to"/> (inclusive; null: to
    /// the end). The answer is 206 with the range, or 200 with the whole blob from a registry that ignores Range.
    /// </summary>
    public HttpResponseMessage GetBlobRange(string digest, long from, long? to)
    {
        var response = Send(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, BlobUri(digest));
            request.Headers.Range = new RangeHeaderValue(from, to);
            return request;
        }, $"the blob {digest}", HttpCompletionOption.ResponseHeadersRead);
        try
        {
            if (response.StatusCode == HttpStatusCode.NotFound)
                throw new InvalidImageException(digest, null, $"the blob is not in {Host}/{Reference.Repository} (404 {RegistryError(response)}).");
            EnsureSuccess(response, $"the blob {digest}");
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    public void Dispose() => _http.Dispose();

    private Uri BlobUri(string digest) => new(_base, "blobs/" + digest);

    /// <summary>Sends a request, answering one authentication challenge and retrying with the new header.</summary>
    private HttpResponseMessage Send(Func<HttpRequestMessage> create, string what, HttpCompletionOption completion)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var request = create();
            var sent = _auth.Current;
            request.Headers.Authorization = sent;
            HttpResponseMessage response;
            try
            {
                response = _http.Send(request, completion);
            }
            catch (HttpRequestException ex)
            {
                throw new RegistryConnectionException($"cannot reach the registry {Host} for {what}: {Describe(ex)}", ex);
            }
            catch (TaskCanceledException ex)
            {
                throw new RegistryException($"the registry {Host} did not answer within {Options.Timeout.TotalSeconds:0.#} s for {what}.", ex);
            }
            if (response.StatusCode != HttpStatusCode.Unauthorized) return response;
            using (response)
            {
                if (attempt == 0 && _auth.TryAnswer(response, sent, _http)) continue;
                var who = Options.Username is null ? "anonymous access" : $"the credentials of '{Options.Username}'";
                throw new RegistryException($"authentication failed: {Host} refused {who} for {what} (401 {RegistryError(response)}).", HttpStatusCode.Unauthorized);
            }
        }
    }

    private void EnsureSuccess(HttpResponseMessage response, string what)
    {
        if (response.IsSuccessStatusCode) return;
        var status = response.StatusCode;
        throw new RegistryException($"{Host} answered {(int)status} {response.ReasonPhrase} for {what} ({RegistryError(response)}).", status);
    }

    /// <summary>The registry's own error code and message from its JSON error body (<c>{"errors":[{"code","message"}]}</c>).</summary>
    internal static string RegistryError(HttpResponseMessage response)
    {
        try
        {
            using var stream = response.Content.ReadAsStream();
            var buffer = new byte[8192];
            var count = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            if (count == 0) return "no details";
            using var document = JsonDocument.Parse(buffer.AsMemory(0, count));
            var errors = JsonHelpers.Array(document.RootElement, "errors")
                .Select(e => $"{JsonHelpers.String(e, "code")}: {JsonHelpers.String(e, "message")}")
                .ToList();
            return errors.Count == 0 ? "no details" : string.Join("; ", errors);
        }
        catch (Exception ex) when (ex is JsonException or IOException or HttpRequestException)
        {
            return "no details";
        }
    }

    private byte[] ReadLimited(HttpResponseMessage response, string what)
    {
        try
        {
            using var stream = response.Content.ReadAsStream();
            using var buffer = new MemoryStream();
            var chunk = new byte[16384];
            int read;
            while ((read = stream.Read(chunk)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > JsonHelpers.MaxDocumentSize)
                    throw new InvalidImageException(null, what, $"the manifest is larger than the limit of {JsonHelpers.MaxDocumentSize} bytes.");
            }
            return buffer.ToArray();
        }
        catch (Exception ex) when (ex is IOException and not InvalidImageException || ex is HttpRequestException)
        {
            throw new RegistryException($"the connection to {Host} dropped while reading the manifest {what}: {ex.Message}", ex);
        }
    }

    private static string Describe(HttpRequestException ex) =>
        ex.InnerException is SocketException socket ? $"{socket.SocketErrorCode} ({socket.Message})" : ex.Message;
}
