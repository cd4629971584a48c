using System.Text.Json;
using UnionFs.Images.Storage;

namespace UnionFs.Images.Readers;

/// <summary>What an image reader found: the chosen image's configuration, layers and identity.</summary>
internal sealed record ImageContents(
    ImageFormat Format,
    ImageConfig Config,
    List<ImageLayer> Layers,
    string? ManifestDigest,
    IReadOnlyList<string> Tags);

/// <summary>
/// Reads an image out of its files: an OCI layout (<c>index.json</c>, nested indexes, platform and tag
/// selection) or a Docker 24 <c>manifest.json</c>, verifying digests, sizes and <c>rootfs.diff_ids</c>.
/// </summary>
internal sealed class ImageReader
{
    private const string RefNameAnnotation = "org.opencontainers.image.ref.name";
    private const string ContainerdNameAnnotation = "io.containerd.image.name";
    private const int MaxIndexDepth = 8;

    private readonly ImageFiles _files;
    private readonly ImageOpenOptions _options;
    private readonly bool _archive;

    private ImageReader(ImageFiles files, ImageOpenOptions options, bool archive)
    {
        _files = files;
        _options = options;
        _archive = archive;
    }

    public static ImageContents Read(ImageFiles files, ImageOpenOptions options, bool archive)
    {
        var reader = new ImageReader(files, options, archive);
        if (files.Exists("index.json")) return reader.ReadOciLayout();
        if (files.Exists("manifest.json")) return reader.ReadDockerManifest();
        throw new InvalidImageException(null, null, "neither index.json (OCI image layout) nor manifest.json (docker save) was found.");
    }

    // ---------------------------------------------------------------------------------------------------
    // OCI image layout
    // ---------------------------------------------------------------------------------------------------

    private sealed record Candidate(string Digest, long? Size, string MediaType, ImagePlatform? Platform, string[] Names);

    private ImageContents ReadOciLayout()
    {
        if (ReadDocument("oci-layout", null, null) is { } layout)
        {
            using (layout)
            {
                var version = JsonHelpers.String(layout.RootElement, "imageLayoutVersion");
                if (version is null || !version.StartsWith("1.", StringComparison.Ordinal))
                    throw new InvalidImageException(null, "oci-layout", $"image layout version '{version}' is not supported.");
            }
        }
        using var index = ReadDocument("index.json", null, null)!;
        var candidates = new List<Candidate>();
        Collect(index.RootElement, [], null, candidates, 0);
        var chosen = Choose(candidates);
        var (config, layers) = ReadManifest(chosen.Digest, chosen.Size);
        return new ImageContents(_archive ? ImageFormat.OciArchive : ImageFormat.OciDirectory, config, layers, chosen.Digest, chosen.Names);
    }

    /// <summary>Collects the image manifests an index leads to (through nested indexes), skipping attestations and missing blobs.</summary>
    private void Collect(JsonElement index, string[] names, ImagePlatform? platform, List<Candidate> candidates, int depth)
    {
        if (depth > MaxIndexDepth) throw new InvalidImageException(null, "index.json", "image indexes are nested too deeply.");
        foreach (var descriptor in JsonHelpers.Array(index, "manifests"))
        {
            var mediaType = JsonHelpers.String(descriptor, "mediaType");
            var digest = JsonHelpers.String(descriptor, "digest");
            if (!Digests.TryParse(digest, out _)) throw new InvalidImageException(null, "index.json", $"'{digest}' is not a valid sha256 digest.");
            var annotations = JsonHelpers.Annotations(descriptor);
            if (annotations.TryGetValue("vnd.docker.reference.type", out var refType) && refType == "attestation-manifest") continue;
            var descriptorNames = names;
            foreach (var key in (string[])[RefNameAnnotation, ContainerdNameAnnotation])
                if (annotations.TryGetValue(key, out var name) && !descriptorNames.Contains(name)) descriptorNames = [.. descriptorNames, name];
            var descriptorPlatform = ParsePlatform(descriptor) ?? platform;
            if (descriptorPlatform is { Os: "unknown" }) continue;
            if (!_files.Exists(BlobPath(digest!))) continue; // a single-platform save of a multi-platform index
            var size = JsonHelpers.Long(descriptor, "size");
            if (MediaTypes.IsIndex(mediaType))
            {
                using var nested = ReadBlobDocument(digest!, size);
                Collect(nested.RootElement, descriptorNames, descriptorPlatform, candidates, depth + 1);
            }
            else if (MediaTypes.IsManifest(mediaType) || mediaType is null)
            {
                candidates.Add(new Candidate(digest!, size, mediaType ?? MediaTypes.OciManifest, descriptorPlatform, descriptorNames));
            }
            else
            {
                throw new InvalidImageException(null, digest, $"media type '{mediaType}' is not a manifest or an index.");
            }
        }
    }

    private Candidate Choose(List<Candidate> candidates)
    {
        if (candidates.Count == 0) throw new InvalidImageException(null, "index.json", "the layout has no image manifest whose blob is present.");
        IEnumerable<Candidate> pool = candidates;
        if (_options.Tag is { } tag)
        {
            pool = candidates.Where(c => c.Names.Any(n => TagMatches(n, tag))).ToList();
            if (!pool.Any())
                throw new InvalidImageException(null, "index.json", $"no image is tagged '{tag}'; the tags are: {Describe(candidates.SelectMany(c => c.Names))}.");
        }
        var list = pool.ToList();
        if (_options.Platform is { } wanted)
        {
            list = list.Where(c => (c.Platform ?? PlatformOf(c)) is { } p && wanted.Matches(p)).ToList();
            if (list.Count == 0)
                throw new InvalidImageException(null, "index.json", $"no image is for platform {wanted}; the platforms are: {Describe(pool.Select(c => (c.Platform ?? PlatformOf(c))?.ToString() ?? "unknown"))}.");
        }
        if (list.Count == 1) return list[0];
        if (_options.Platform is null)
        {
            var current = list.Where(c => (c.Platform ?? PlatformOf(c)) is { } p && ImagePlatform.Current.Matches(p)).ToList();
            if (current.Count >= 1 && current.Select(c => c.Digest).Distinct().Count() == 1) return current[0];
        }
        if (list.Select(c => c.Digest).Distinct().Count() == 1) return list[0];
        throw new InvalidImageException(null, "index.json",
            $"the layout holds {list.Count} images; choose one with a tag ({Describe(list.SelectMany(c => c.Names))}) or a platform ({Describe(list.Select(c => (c.Platform ?? PlatformOf(c))?.ToString() ?? "unknown"))}).");
    }

    private ImagePlatform? PlatformOf(Candidate candidate)
    {
        using var manifest = ReadBlobDocument(candidate.Digest, candidate.Size);
        var configDescriptor = manifest.RootElement.TryGetProperty("config", out var c) ? c : default;
        var digest = JsonHelpers.String(configDescriptor, "digest");
        if (!Digests.TryParse(digest, out _)) return null;
        var bytes = ReadBlob(digest!, JsonHelpers.Long(configDescriptor, "size"), verify: true);
        return ImageConfig.Parse(bytes).Platform;
    }

    private (ImageConfig Config, List<ImageLayer> Layers) ReadManifest(string digest, long? size)
    {
        using var manifest = ReadBlobDocument(digest, size);
        var root = manifest.RootElement;
        var mediaType = JsonHelpers.String(root, "mediaType");
        if (mediaType is not null && !MediaTypes.IsManifest(mediaType))
            throw new InvalidImageException(null, digest, $"media type '{mediaType}' is not an image manifest.");
        var configDescriptor = root.TryGetProperty("config", out var c) ? c : default;
        var configDigest = JsonHelpers.String(configDescriptor, "digest");
        if (!Digests.TryParse(configDigest, out _)) throw new InvalidImageException(null, digest, $"the config digest '{configDigest}' is not a valid sha256 digest.");
        var config = ImageConfig.Parse(ReadBlob(configDigest!, JsonHelpers.Long(configDescriptor, "size"), _options.VerifyDigests));
        var layers = new List<ImageLayer>();
        try
        {
            foreach (var descriptor in JsonHelpers.Array(root, "layers"))
            {
                var layerDigest = JsonHelpers.String(descriptor, "digest");
                var layerType = JsonHelpers.String(descriptor, "mediaType");
                if (!Digests.TryParse(layerDigest, out _)) throw new InvalidImageException(layerDigest, null, "the layer digest is not a valid sha256 digest.");
                if (!MediaTypes.IsLayer(layerType)) throw new InvalidImageException(layerDigest, null, $"media type '{layerType}' is not a known layer type.");
                var path = BlobPath(layerDigest!);
                var raw = _files.Open(path) ?? throw new InvalidImageException(layerDigest, null, $"the blob {path} is missing.");
                if (JsonHelpers.Long(descriptor, "size") is { } expected && expected != raw.Length && _options.VerifyDigests)
                {
                    raw.Dispose();
                    throw new InvalidImageException(layerDigest, null, $"the blob has {raw.Length} bytes, the manifest says {expected}.");
                }
                layers.Add(OpenLayer(layers.Count, path, layerType!, raw, layerDigest!, layerDigest, JsonHelpers.Annotations(descriptor)));
            }
            Verify(config, layers);
            return (config, layers);
        }
        catch
        {
            foreach (var layer in layers) layer.Branch.Dispose();
            throw;
        }
    }

    // ---------------------------------------------------------------------------------------------------
    // Docker 24 and older: manifest.json
    // ---------------------------------------------------------------------------------------------------

    private ImageContents ReadDockerManifest()
    {
        using var document = ReadDocument("manifest.json", null, null)!;
        var entries = document.RootElement.ValueKind == JsonValueKind.Array ? document.RootElement.EnumerateArray().ToList() : [];
        if (entries.Count == 0) throw new InvalidImageException(null, "manifest.json", "manifest.json lists no image.");
        var chosen = entries;
        if (_options.Tag is { } tag)
        {
            chosen = entries.Where(e => (JsonHelpers.Strings(e, "RepoTags") ?? []).Any(t => TagMatches(t, tag))).ToList();
            if (chosen.Count == 0)
                throw new InvalidImageException(null, "manifest.json", $"no image is tagged '{tag}'; the tags are: {Describe(entries.SelectMany(e => JsonHelpers.Strings(e, "RepoTags") ?? []))}.");
        }
        if (chosen.Count > 1)
            throw new InvalidImageException(null, "manifest.json", $"the archive holds {chosen.Count} images; choose one with a tag ({Describe(chosen.SelectMany(e => JsonHelpers.Strings(e, "RepoTags") ?? []))}).");
        var entry = chosen[0];
        var configPath = JsonHelpers.String(entry, "Config") ?? throw new InvalidImageException(null, "manifest.json", "the image has no Config.");
        var configSource = _files.Open(configPath) ?? throw new InvalidImageException(null, configPath, "the configuration file is missing.");
        byte[] configBytes;
        using (configSource) configBytes = ReadSmall(configSource, configPath);
        var config = ImageConfig.Parse(configBytes);
        if (_options.VerifyDigests && ExpectedDigestOfPath(configPath) is { } expectedConfig && expectedConfig != config.Digest)
            throw new InvalidImageException(null, configPath, $"the configuration's digest is {config.Digest}, its name says {expectedConfig}.");
        if (_options.Platform is { } wanted && config.Platform is { } actual && !wanted.Matches(actual))
            throw new InvalidImageException(null, "manifest.json", $"the image is for platform {actual}, not {wanted}.");
        var layers = new List<ImageLayer>();
        try
        {
            foreach (var path in JsonHelpers.Strings(entry, "Layers") ?? [])
            {
                var raw = _files.Open(path) ?? throw new InvalidImageException(path, null, "the layer file is missing.");
                var expected = ExpectedDigestOfPath(path);
                var layer = OpenLayer(layers.Count, path, mediaType: null, raw, name: path, expected);
                layers.Add(layer);
            }
            Verify(config, layers);
        }
        catch
        {
            foreach (var layer in layers) layer.Branch.Dispose();
            throw;
        }
        var format = _archive ? ImageFormat.DockerArchive : ImageFormat.DockerDirectory;
        return new ImageContents(format, config, layers, null, JsonHelpers.Strings(entry, "RepoTags") ?? []);
    }

    // ---------------------------------------------------------------------------------------------------
    // Shared
    // ---------------------------------------------------------------------------------------------------

    private ImageLayer OpenLayer(int index, string path, string? mediaType, ByteSource raw, string name, string? expectedDigest,
        IReadOnlyDictionary<string, string>? annotations = null)
    {
        var options = _options.Layers with { Name = name };
        var branch = TarLayerBranch.Open(raw, options, ownsSource: true, expectedDigest: _options.VerifyDigests ? expectedDigest : null, annotations: annotations);
        try
        {
            if (_options.VerifyDigests && expectedDigest is not null && branch.Compression == LayerCompression.None && branch.Digest != expectedDigest)
                throw new InvalidImageException(name, null, $"the blob's digest is {branch.Digest}, not {expectedDigest}.");
            return new ImageLayer(index, path, mediaType ?? branch.MediaType, expectedDigest, branch.Size, branch);
        }
        catch
        {
            branch.Dispose();
            throw;
        }
    }

    private void Verify(ImageConfig config, List<ImageLayer> layers)
    {
        if (!_options.VerifyDigests) return;
        if (config.DiffIds.Count != layers.Count)
            throw new InvalidImageException(null, "config", $"the configuration lists {config.DiffIds.Count} diff_ids for {layers.Count} layers.");
        for (var i = 0; i < layers.Count; i++)
        {
            // A lazy (eStargz, zstd:chunked) layer is checked chunk by chunk as it is read, against a table of contents
            // the manifest's annotation vouches for; its diff digest would need the whole blob.
            if (layers[i].Branch.IsLazy) continue;
            var computed = layers[i].DiffId;
            if (!string.Equals(computed, config.DiffIds[i], StringComparison.Ordinal))
                throw new InvalidImageException(layers[i].Branch.Name, null, $"the layer's diff digest is {computed}, the configuration's rootfs.diff_ids[{i}] is {config.DiffIds[i]}.");
        }
    }

    private static string BlobPath(string digest) => "blobs/sha256/" + digest[Digests.Sha256Prefix.Length..];

    /// <summary>The digest a Docker path implies: <c>blobs/sha256/&lt;hex&gt;</c>, <c>&lt;hex&gt;.json</c>, or null.</summary>
    private static string? ExpectedDigestOfPath(string path)
    {
        var name = path.Split('/', StringSplitOptions.RemoveEmptyEntries) is { Length: > 0 } parts ? parts[^1] : path;
        if (name.EndsWith(".json", StringComparison.Ordinal)) name = name[..^5];
        var digest = Digests.Sha256Prefix + name;
        if (!Digests.TryParse(digest, out _)) return null;
        return path.Contains("blobs/sha256/", StringComparison.Ordinal) || path.EndsWith(".json", StringComparison.Ordinal) ? digest : null;
    }

    private byte[] ReadBlob(string digest, long? size, bool verify)
    {
        var path = BlobPath(digest);
        using var source = _files.Open(path) ?? throw new InvalidImageException(null, digest, $"the blob {path} is missing.");
        if (verify && size is { } expected && expected != source.Length)
            throw new InvalidImageException(null, digest, $"the blob has {source.Length} bytes, its descriptor says {expected}.");
        var bytes = ReadSmall(source, digest);
        if (verify && Digests.Of(bytes) != digest) throw new InvalidImageException(null, digest, $"the blob's digest is {Digests.Of(bytes)}.");
        return bytes;
    }

    private JsonDocument ReadBlobDocument(string digest, long? size) => Parse(ReadBlob(digest, size, _options.VerifyDigests), digest);

    private JsonDocument? ReadDocument(string path, string? digest, long? size)
    {
        using var source = _files.Open(path);
        if (source is null) return null;
        _ = digest;
        _ = size;
        return Parse(ReadSmall(source, path), path);
    }

    private static byte[] ReadSmall(ByteSource source, string what)
    {
        if (source.Length > JsonHelpers.MaxDocumentSize)
            throw new InvalidImageException(null, what, $"the document has {source.Length} bytes, more than the limit of {JsonHelpers.MaxDocumentSize}.");
        var bytes = new byte[source.Length];
        source.ReadExactlyAt(0, bytes);
        return bytes;
    }

    private static JsonDocument Parse(byte[] bytes, string what)
    {
        if (!System.Text.Unicode.Utf8.IsValid(bytes)) throw new InvalidImageException(null, what, "the document is not valid UTF-8.");
        try
        {
            var document = JsonDocument.Parse(bytes, JsonHelpers.DocumentOptions);
            if (document.RootElement.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array))
            {
                document.Dispose();
                throw new InvalidImageException(null, what, "the document is not a JSON object.");
            }
            return document;
        }
        catch (JsonException ex)
        {
            throw new InvalidImageException(null, what, $"the document is not valid JSON ({ex.Message})", ex);
        }
    }

    private static ImagePlatform? ParsePlatform(JsonElement descriptor)
    {
        if (!descriptor.TryGetProperty("platform", out var p) || p.ValueKind != JsonValueKind.Object) return null;
        var os = JsonHelpers.String(p, "os");
        var arch = JsonHelpers.String(p, "architecture");
        return os is null || arch is null ? null : new ImagePlatform(os, arch, JsonHelpers.String(p, "variant"));
    }

    /// <summary>
    /// A tag matches a name when equal, or when the name ends with it after a <c>/</c> or <c>:</c>
    /// (<c>latest</c>, <c>busybox:latest</c> and <c>docker.io/library/busybox:latest</c>); for a full reference
    /// also the other way round (the RepoTag <c>busybox:latest</c> matches <c>docker.io/library/busybox:latest</c>).
    /// </summary>
    internal static bool TagMatches(string name, string tag) =>
        EndsWithReference(name, tag) || (name.Contains(':', StringComparison.Ordinal) && EndsWithReference(tag, name));

    private static bool EndsWithReference(string name, string tag) =>
        name == tag
        || (name.EndsWith(tag, StringComparison.Ordinal) && name.Length > tag.Length && name[name.Length - tag.Length - 1] is '/' or ':');

    private static string Describe(IEnumerable<string> values)
    {
        var list = values.Distinct().ToList();
        return list.Count == 0 ? "none" : string.Join(", ", list);
    }
}
