using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using UnionFs.Images.Storage;

namespace UnionFs.Images;

/// <summary>How <see cref="OciImageWriter"/> writes an image.</summary>
public sealed record OciImageWriteOptions
{
    /// <summary>
    /// The configuration to start from (typically <see cref="ContainerImage.Config"/> of the image the union was
    /// mounted from). Its <c>rootfs</c> is rewritten for the written layers and one history entry is added per
    /// layer it does not describe; everything else is kept. Null: a minimal configuration for <see cref="Platform"/>.
    /// </summary>
    public ImageConfig? BaseConfig { get; init; }

    /// <summary>The platform of a new configuration (when <see cref="BaseConfig"/> is null); <see cref="ImagePlatform.Current"/> by default.</summary>
    public ImagePlatform? Platform { get; init; }

    /// <summary>The tag, written as the <c>org.opencontainers.image.ref.name</c> annotation of the index entry.</summary>
    public string? Tag { get; init; }

    /// <summary>The compression of every written layer blob (diff digests do not depend on it).</summary>
    public LayerCompression Compression { get; init; } = LayerCompression.Gzip;

    /// <summary>
    /// A fixed time for the entries of exported layers, the configuration's <c>created</c> and new history entries,
    /// for reproducible images. Null: entries keep their times and <c>created</c> is now.
    /// </summary>
    public DateTime? Timestamp { get; init; }

    /// <summary>The <c>created_by</c> of new history entries.</summary>
    public string CreatedBy { get; init; } = "unionfs commit";
}

/// <summary>What <see cref="OciImageWriter.Write"/> wrote.</summary>
/// <param name="ManifestDigest">The manifest's digest.</param>
/// <param name="ConfigDigest">The configuration's digest.</param>
/// <param name="Layers">The layers, base layer first.</param>
public sealed record OciImageWriteResult(string ManifestDigest, string ConfigDigest, IReadOnlyList<LayerExportResult> Layers);

/// <summary>
/// Writes a union as an OCI image layout directory (<c>oci-layout</c>, <c>index.json</c>, <c>blobs/sha256</c>):
/// one layer per lower branch (a <see cref="TarLayerBranch"/> is copied as its tar; any other branch, such as a
/// committed upper, is exported like <see cref="LayerExporter"/> does) plus one for the upper branch.
/// <see cref="ContainerImage.Open"/> reads the result back.
/// </summary>
/// <example>
/// <code>
/// using var image = ContainerImage.Open("base.tar");
/// var fs = image.Mount();
/// fs.File.WriteAllText("/app/config.json", "{}");
/// OciImageWriter.Write("out", fs, new OciImageWriteOptions { BaseConfig = image.Config, Tag = "v2" });
/// </code>
/// </example>
public static class OciImageWriter
{
    private const string RefNameAnnotation = "org.opencontainers.image.ref.name";

    /// <summary>Writes <paramref name="fs"/>'s layers (lowers, then the upper if any) as a new image in <paramref name="directory"/>.</summary>
    /// <param name="directory">A directory that does not exist yet or is empty.</param>
    /// <param name="fs">The union to write.</param>
    /// <param name="options">Base configuration, tag, compression, timestamps.</param>
    /// <returns>The digests of what was written.</returns>
    /// <exception cref="IOException"><paramref name="directory"/> exists and is not empty.</exception>
    public static OciImageWriteResult Write(string directory, UnionFileSystem fs, OciImageWriteOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(fs);
        options ??= new OciImageWriteOptions();
        if (Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory).Any())
            throw new IOException($"'{directory}' is not empty; an image is written into a new or empty directory.");
        var blobs = Path.Combine(directory, "blobs", "sha256");
        Directory.CreateDirectory(blobs);

        var layerOptions = new LayerExportOptions { Compression = options.Compression, Timestamp = options.Timestamp };
        var results = new List<LayerExportResult>();
        var lowers = fs.Lowers;
        for (var i = lowers.Count - 1; i >= 0; i--)
        {
            var lower = lowers[i];
            if (lower is TarLayerBranch tar)
            {
                results.Add(WriteBlob(blobs, output => CopyTar(tar, output, options.Compression)));
            }
            else
            {
                var view = UnionFileSystem.ReadOnly([.. lowers.Skip(i)]);
                results.Add(WriteBlob(blobs, output => LayerExporter.Export(lower, view, output, layerOptions)));
            }
        }
        if (fs.Upper is { } upper) results.Add(WriteBlob(blobs, output => LayerExporter.Export(upper, fs, output, layerOptions)));

        var config = BuildConfig(options, results);
        var configDigest = WriteBytes(blobs, config);
        var manifest = Serialize(w =>
        {
            w.WriteNumber("schemaVersion", 2);
            w.WriteString("mediaType", MediaTypes.OciManifest);
            w.WritePropertyName("config");
            WriteDescriptor(w, MediaTypes.OciConfig, configDigest, config.Length);
            w.WriteStartArray("layers");
            foreach (var layer in results) WriteDescriptor(w, layer.MediaType, layer.Digest, layer.Size);
            w.WriteEndArray();
        });
        var manifestDigest = WriteBytes(blobs, manifest);
        var parsedConfig = ImageConfig.Parse(config);
        var index = Serialize(w =>
        {
            w.WriteNumber("schemaVersion", 2);
            w.WriteString("mediaType", MediaTypes.OciIndex);
            w.WriteStartArray("manifests");
            w.WriteStartObject();
            w.WriteString("mediaType", MediaTypes.OciManifest);
            w.WriteString("digest", manifestDigest);
            w.WriteNumber("size", manifest.Length);
            if (parsedConfig.Platform is { } platform)
            {
                w.WriteStartObject("platform");
                w.WriteString("architecture", platform.Architecture);
                w.WriteString("os", platform.Os);
                if (platform.Variant is not null) w.WriteString("variant", platform.Variant);
                w.WriteEndObject();
            }
            if (options.Tag is not null)
            {
                w.WriteStartObject("annotations");
                w.WriteString(RefNameAnnotation, options.Tag);
                w.WriteEndObject();
            }
            w.WriteEndObject();
            w.WriteEndArray();
        });
        File.WriteAllBytes(Path.Combine(directory, "index.json"), index);
        File.WriteAllBytes(Path.Combine(directory, "oci-layout"), Serialize(w => w.WriteString("imageLayoutVersion", "1.0.0")));
        return new OciImageWriteResult(manifestDigest, configDigest, results);
    }

    private static LayerExportResult CopyTar(TarLayerBranch tar, Stream output, LayerCompression compression)
    {
        using var compressed = new HashingStream(output, leaveOpen: true);
        long uncompressedSize;
        string diffId;
        using (var source = tar.OpenTar())
        {
            Stream? compressor = compression switch
            {
                LayerCompression.Gzip => new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true),
                LayerCompression.Zstd => new ZstdSharp.CompressionStream(compressed, 3, leaveOpen: true),
                _ => null,
            };
            using (var uncompressed = new HashingStream(compressor ?? compressed, leaveOpen: true))
            {
                source.CopyTo(uncompressed);
                diffId = uncompressed.Digest();
                uncompressedSize = uncompressed.Count;
            }
            compressor?.Dispose();
        }
        return new LayerExportResult(diffId, compressed.Digest(), compressed.Count, uncompressedSize, MediaTypes.ForLayer(compression), tar.EntryCount);
    }

    /// <summary>Writes a blob through a temporary file in the blob directory, then names it after its digest.</summary>
    private static LayerExportResult WriteBlob(string blobs, Func<Stream, LayerExportResult> write)
    {
        var temporary = Path.Combine(blobs, ".tmp-" + Guid.NewGuid().ToString("N"));
        try
        {
            LayerExportResult result;
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
                result = write(file);
            var final = Path.Combine(blobs, result.Digest[Digests.Sha256Prefix.Length..]);
            if (File.Exists(final)) File.Delete(temporary);
            else File.Move(temporary, final);
            return result;
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    private static string WriteBytes(string blobs, byte[] bytes)
    {
        var digest = Digests.Format(SHA256.HashData(bytes));
        File.WriteAllBytes(Path.Combine(blobs, digest[Digests.Sha256Prefix.Length..]), bytes);
        return digest;
    }

    private static byte[] BuildConfig(OciImageWriteOptions options, List<LayerExportResult> layers)
    {
        var created = (options.Timestamp ?? DateTime.UtcNow).ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        JsonObject config;
        if (options.BaseConfig is { } baseConfig)
        {
            config = JsonNode.Parse(baseConfig.Json) as JsonObject ?? throw new InvalidImageException(null, "config", "the base configuration is not a JSON object.");
        }
        else
        {
            var platform = options.Platform ?? ImagePlatform.Current;
            config = new JsonObject { ["architecture"] = platform.Architecture, ["os"] = platform.Os };
            if (platform.Variant is not null) config["variant"] = platform.Variant;
            config["config"] = new JsonObject();
        }
        config["created"] = created;
        var diffIds = new JsonArray();
        foreach (var layer in layers) diffIds.Add(layer.DiffId);
        config["rootfs"] = new JsonObject { ["type"] = "layers", ["diff_ids"] = diffIds };

        var history = config["history"] as JsonArray ?? [];
        var described = history.Count(h => h is JsonObject o && !(o["empty_layer"] is JsonValue v && v.TryGetValue<bool>(out var empty) && empty));
        for (var i = described; i < layers.Count; i++)
            history.Add(new JsonObject { ["created"] = created, ["created_by"] = options.CreatedBy });
        config["history"] = history;
        return JsonSerializer.SerializeToUtf8Bytes(config);
    }

    private static byte[] Serialize(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static void WriteDescriptor(Utf8JsonWriter writer, string mediaType, string digest, long size)
    {
        writer.WriteStartObject();
        writer.WriteString("mediaType", mediaType);
        writer.WriteString("digest", digest);
        writer.WriteNumber("size", size);
        writer.WriteEndObject();
    }
}
