using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using UnionFs.Images.Readers;
using UnionFs.Images.Storage;

namespace UnionFs.Images.Registry;

/// <summary>
/// A registry repository presented as an OCI image layout, so <see cref="ImageReader"/>'s selection and
/// verification serve registries too: <c>oci-layout</c> and <c>index.json</c> are made up (the index points at
/// the manifest the reference names), <c>blobs/sha256/&lt;hex&gt;</c> of a manifest listed by an index comes
/// from the manifests API (fetched on first read, so listing a 20-platform index costs nothing), and any other
/// blob is a <see cref="RegistryBlobSource"/> read lazily through the blobs API.
/// </summary>
internal sealed class RegistryImageFiles : ImageFiles
{
    private const string BlobsPrefix = "/blobs/sha256/";
    private const string RefNameAnnotation = "org.opencontainers.image.ref.name";

    private readonly RegistryClient _client;
    private readonly byte[] _index;
    private readonly ConcurrentDictionary<string, byte[]> _documents = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long?> _manifestDigests = new(StringComparer.Ordinal);

    private RegistryImageFiles(RegistryClient client, byte[] index)
    {
        _client = client;
        _index = index;
    }

    /// <summary>The digest of the manifest or index the reference named.</summary>
    public string TopDigest { get; private set; } = string.Empty;

    /// <summary>Fetches the manifest the reference names (checking its digest) and wraps the repository.</summary>
    /// <exception cref="RegistryException">The registry cannot be reached, refuses access, or does not know the tag or digest.</exception>
    /// <exception cref="InvalidImageException">The manifest does not match its digest.</exception>
    public static RegistryImageFiles Open(ImageReference reference, RegistryOptions options)
    {
        var client = new RegistryClient(reference, options);
        try
        {
            var manifest = client.GetManifest(reference.ManifestReference)
                ?? throw new RegistryException(
                    $"manifest unknown: {reference} is not in the registry {reference.Registry} (no {(reference.Digest is null ? "tag" : "manifest")} '{reference.ManifestReference}' in {reference.Repository}).",
                    System.Net.HttpStatusCode.NotFound);
            var digest = Digests.Of(manifest.Bytes);
            if (reference.Digest is { } pinned && pinned != digest)
                throw new InvalidImageException(null, pinned, $"the manifest {client.Host} sent for {reference} has the digest {digest}.");
            if (manifest.DockerContentDigest is { } claimed && Digests.TryParse(claimed, out _) && claimed != digest)
                throw new InvalidImageException(null, claimed, $"the manifest {client.Host} sent for {reference} has the digest {digest}, its Docker-Content-Digest header says {claimed}.");
            var mediaType = MediaTypeOf(manifest);
            var files = new RegistryImageFiles(client, SynthesiseIndex(reference, digest, mediaType, manifest.Bytes.Length)) { TopDigest = digest };
            files.Remember(digest, manifest.Bytes);
            return files;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    public override ByteSource? Open(string relativePath)
    {
        var path = Normalise(relativePath);
        if (path == "/oci-layout") return MemorySource.FromArray("{\"imageLayoutVersion\":\"1.0.0\"}"u8.ToArray());
        if (path == "/index.json") return MemorySource.FromArray(_index);
        if (path is null || !path.StartsWith(BlobsPrefix, StringComparison.Ordinal)) return null;
        var digest = Digests.Sha256Prefix + path[BlobsPrefix.Length..];
        if (!Digests.TryParse(digest, out _)) return null;
        if (_documents.TryGetValue(digest, out var bytes)) return MemorySource.FromArray(bytes);
        if (_manifestDigests.TryGetValue(digest, out var size))
        {
            // Listing an index asks whether each manifest exists: with the size the index gives, nothing is fetched yet.
            if (size is { } known)
                return new DeferredSource(known, () => FetchManifest(digest) ?? throw new InvalidImageException(null, digest, $"the manifest is not in {_client.Host}."));
            return FetchManifest(digest) is { } fetched ? MemorySource.FromArray(fetched) : null;
        }
        var length = _client.GetBlobLength(digest);
        return length is { } found ? new RegistryBlobSource(_client, digest, found) : null;
    }

    public override void Dispose()
    {
        _client.Dispose();
        base.Dispose();
    }

    /// <summary>Fetches a manifest listed by an index through the manifests API and checks its digest; null when absent.</summary>
    private byte[]? FetchManifest(string digest)
    {
        if (_documents.TryGetValue(digest, out var known)) return known;
        var manifest = _client.GetManifest(digest);
        if (manifest is null) return null;
        var actual = Digests.Of(manifest.Bytes);
        if (actual != digest) throw new InvalidImageException(null, digest, $"the manifest {_client.Host} sent has the digest {actual}.");
        Remember(digest, manifest.Bytes);
        return manifest.Bytes;
    }

    /// <summary>Keeps a fetched document; when it is an index, its manifests are served by the manifests API.</summary>
    private void Remember(string digest, byte[] bytes)
    {
        _documents[digest] = bytes;
        try
        {
            using var document = JsonDocument.Parse(bytes, JsonHelpers.DocumentOptions);
            foreach (var descriptor in JsonHelpers.Array(document.RootElement, "manifests"))
                if (JsonHelpers.String(descriptor, "digest") is { } child && Digests.TryParse(child, out _))
                    _manifestDigests.TryAdd(child, JsonHelpers.Long(descriptor, "size") is { } size and >= 0 and <= JsonHelpers.MaxDocumentSize ? size : null);
        }
        catch (JsonException)
        {
            // The reader reports a malformed document with its name.
        }
    }

    private static string MediaTypeOf(ManifestResponse manifest)
    {
        string? declared = null;
        try
        {
            using var document = JsonDocument.Parse(manifest.Bytes, JsonHelpers.DocumentOptions);
            declared = JsonHelpers.String(document.RootElement, "mediaType");
        }
        catch (JsonException)
        {
            // Left to the reader, which names the document.
        }
        var type = declared ?? manifest.MediaType;
        if (type is not null && type.StartsWith("application/vnd.docker.distribution.manifest.v1", StringComparison.Ordinal))
            throw new InvalidImageException(null, "manifest", "Docker schema 1 manifests are not supported (only OCI and Docker schema 2 ones are).");
        return MediaTypes.IsIndex(type) || MediaTypes.IsManifest(type) ? type! : MediaTypes.OciManifest;
    }

    private static byte[] SynthesiseIndex(ImageReference reference, string digest, string mediaType, long size)
    {
        var descriptor = new JsonObject
        {
            ["mediaType"] = mediaType,
            ["digest"] = digest,
            ["size"] = size,
            ["annotations"] = new JsonObject { [RefNameAnnotation] = reference.ToString() },
        };
        var index = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = MediaTypes.OciIndex,
            ["manifests"] = new JsonArray(descriptor),
        };
        return System.Text.Encoding.UTF8.GetBytes(index.ToJsonString());
    }
}
