namespace UnionFs.Images;

/// <summary>How <see cref="ContainerImage.OpenRegistry"/> speaks to a registry and which image it opens.</summary>
public sealed record RegistryOptions
{
    /// <summary>The default <see cref="BlockSize"/>: 64 KiB (a table of contents or a footer costs little more than itself).</summary>
    public const int DefaultBlockSize = 64 << 10;

    /// <summary>The shared default options: anonymous, HTTPS (plain HTTP for loopback hosts).</summary>
    public static RegistryOptions Default { get; } = new();

    /// <summary>The user name for basic credentials (sent to the registry or to its token service); null for anonymous access.</summary>
    public string? Username { get; init; }

    /// <summary>The password or access token that goes with <see cref="Username"/>.</summary>
    public string? Password { get; init; }

    /// <summary>Speak plain HTTP instead of HTTPS. Loopback hosts (<c>localhost</c>, <c>127.0.0.1</c>, <c>::1</c>) always use plain HTTP.</summary>
    public bool PlainHttp { get; init; }

    /// <summary>
    /// The HTTP handler to send requests through (a proxy, custom TLS, a test double); not disposed. It must
    /// support synchronous sends, as <see cref="SocketsHttpHandler"/>, <see cref="HttpClientHandler"/> and
    /// delegating handlers over them do, because layers are read through synchronous positional reads.
    /// Null: a handler of the image's own.
    /// </summary>
    public HttpMessageHandler? Handler { get; init; }

    /// <summary>Which image of a multi-platform index, digest verification, and the layer decompression store.</summary>
    public ImageOpenOptions Image { get; init; } = ImageOpenOptions.Default;

    /// <summary>Told the bytes fetched so far of each blob while they are fetched (from the thread that reads).</summary>
    public IProgress<BlobFetchProgress>? Progress { get; init; }

    /// <summary>How long one request may wait for its response headers, and a response body may stall, before it fails.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The size of the aligned blocks scattered reads fetch with one Range request each and keep in a small cache.
    /// Between 4 KiB and 16 MiB.
    /// </summary>
    public int BlockSize { get; init; } = DefaultBlockSize;

    /// <summary>How many blocks each blob keeps cached (memory per open blob is at most this times <see cref="BlockSize"/>).</summary>
    public int CachedBlocks { get; init; } = 16;

    /// <summary>
    /// How many times a blob read resumes a dropped connection (a Range request from the byte where it stopped), or
    /// sends again a request that got no answer, before it fails.
    /// </summary>
    public int Retries { get; init; } = 2;
}
