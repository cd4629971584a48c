using System.Formats.Tar;
using System.Text;
using System.Text.Json.Nodes;

namespace UnionFs.Cli.Tests.Infrastructure;

/// <summary>Builds whole images in the shapes that docker save, containerd and OCI tools produce (copied from UnionFs.Images.Tests).</summary>
public static class ImageBuilder
{
    public static byte[] Config(IEnumerable<byte[]> uncompressedLayers, string os = "linux", string architecture = "amd64", string? variant = null)
    {
        var config = new JsonObject
        {
            ["architecture"] = architecture,
            ["os"] = os,
            ["config"] = new JsonObject { ["Env"] = new JsonArray("PATH=/usr/bin"), ["Cmd"] = new JsonArray("/bin/sh"), ["WorkingDir"] = "/" },
            ["rootfs"] = new JsonObject { ["type"] = "layers", ["diff_ids"] = new JsonArray(uncompressedLayers.Select(l => (JsonNode)LayerBuilder.Sha256(l)).ToArray()) },
        };
        if (variant is not null) config["variant"] = variant;
        return Encoding.UTF8.GetBytes(config.ToJsonString());
    }

    /// <summary>Docker 24 and older: &lt;id&gt;/layer.tar, &lt;config hex&gt;.json, manifest.json; a repeated layer is a symlink to the first copy.</summary>
    public static byte[] DockerLegacy(IReadOnlyList<byte[]> layers, string tag = "example:latest")
    {
        var config = Config(layers);
        var configName = Hex(config) + ".json";
        var files = new List<(string Name, byte[]? Data, string? Link)>();
        var layerPaths = new List<string>();
        var seen = new Dictionary<string, string>();
        for (var i = 0; i < layers.Count; i++)
        {
            // Docker's v1 ids differ per position even for equal content; the repeated content becomes a link.
            var id = Hex(Encoding.UTF8.GetBytes("layer" + i + LayerBuilder.Sha256(layers[i])));
            files.Add((id + "/", null, null));
            files.Add((id + "/VERSION", Encoding.UTF8.GetBytes("1.0"), null));
            files.Add((id + "/json", Encoding.UTF8.GetBytes("{\"id\":\"" + id + "\"}"), null));
            var digest = LayerBuilder.Sha256(layers[i]);
            if (seen.TryGetValue(digest, out var first)) files.Add((id + "/layer.tar", null, "../" + first + "/layer.tar"));
            else
            {
                files.Add((id + "/layer.tar", layers[i], null));
                seen[digest] = id;
            }
            layerPaths.Add(id + "/layer.tar");
        }
        files.Add((configName, config, null));
        var manifest = new JsonArray(new JsonObject
        {
            ["Config"] = configName,
            ["RepoTags"] = new JsonArray(tag),
            ["Layers"] = new JsonArray(layerPaths.Select(p => (JsonNode)p).ToArray()),
        });
        files.Add(("manifest.json", Encoding.UTF8.GetBytes(manifest.ToJsonString()), null));
        files.Add(("repositories", Encoding.UTF8.GetBytes("{}"), null));
        return Tar(files);
    }

    /// <summary>An OCI layout as a file list: blobs, index.json (optionally through a multi-platform index), oci-layout.</summary>
    public static List<(string Name, byte[]? Data, string? Link)> OciLayout(
        IReadOnlyList<byte[]> layers, LayerCompression compression, string? refName, bool dockerManifest, bool multiPlatform = false,
        string? containerdName = null)
    {
        var files = new List<(string Name, byte[]? Data, string? Link)> { ("blobs/", null, null), ("blobs/sha256/", null, null) };
        var blobs = new Dictionary<string, byte[]>();
        string AddBlob(byte[] data)
        {
            var digest = LayerBuilder.Sha256(data);
            blobs[digest] = data;
            return digest;
        }

        JsonObject Descriptor(string mediaType, byte[] data) => new() { ["mediaType"] = mediaType, ["digest"] = AddBlob(data), ["size"] = data.Length };

        (JsonObject Descriptor, string ConfigDigest, List<string> LayerDigests) Image(string arch, IReadOnlyList<byte[]> imageLayers)
        {
            var config = Config(imageLayers, architecture: arch);
            var layerDescriptors = new JsonArray();
            var layerDigests = new List<string>();
            foreach (var layer in imageLayers)
            {
                var blob = LayerBuilder.Compress(layer, compression);
                var d = Descriptor(MediaTypes.ForLayer(compression), blob);
                layerDigests.Add((string)d["digest"]!);
                layerDescriptors.Add(d);
            }
            var configDescriptor = Descriptor(MediaTypes.OciConfig, config);
            var manifest = new JsonObject
            {
                ["schemaVersion"] = 2,
                ["mediaType"] = MediaTypes.OciManifest,
                ["config"] = configDescriptor,
                ["layers"] = layerDescriptors,
            };
            var descriptor = Descriptor(MediaTypes.OciManifest, Encoding.UTF8.GetBytes(manifest.ToJsonString()));
            descriptor["platform"] = new JsonObject { ["architecture"] = arch, ["os"] = "linux" };
            return (descriptor, (string)configDescriptor["digest"]!, layerDigests);
        }

        var (amd, configDigest, layerDigests) = Image("amd64", layers);
        JsonObject top;
        if (multiPlatform)
        {
            // The arm64 image has one extra layer so the two are told apart by their trees.
            var armLayers = layers.Concat([new LayerBuilder().File("arch", "arm64").Build()]).ToList();
            var (arm, _, _) = Image("arm64", armLayers);
            var attestation = Descriptor(MediaTypes.OciManifest, Encoding.UTF8.GetBytes("{\"schemaVersion\":2}"));
            attestation["platform"] = new JsonObject { ["architecture"] = "unknown", ["os"] = "unknown" };
            attestation["annotations"] = new JsonObject { ["vnd.docker.reference.type"] = "attestation-manifest" };
            var index = new JsonObject { ["schemaVersion"] = 2, ["mediaType"] = MediaTypes.OciIndex, ["manifests"] = new JsonArray(amd, arm, attestation) };
            top = Descriptor(MediaTypes.OciIndex, Encoding.UTF8.GetBytes(index.ToJsonString()));
        }
        else
        {
            top = amd;
        }
        var annotations = new JsonObject();
        if (refName is not null) annotations["org.opencontainers.image.ref.name"] = refName;
        if (containerdName is not null) annotations["io.containerd.image.name"] = containerdName;
        if (annotations.Count > 0) top["annotations"] = annotations;
        var topIndex = new JsonObject { ["schemaVersion"] = 2, ["mediaType"] = MediaTypes.OciIndex, ["manifests"] = new JsonArray(top) };

        foreach (var (digest, data) in blobs.OrderBy(b => b.Key, StringComparer.Ordinal)) files.Add(("blobs/sha256/" + digest[7..], data, null));
        files.Add(("oci-layout", Encoding.UTF8.GetBytes("{\"imageLayoutVersion\":\"1.0.0\"}"), null));
        files.Add(("index.json", Encoding.UTF8.GetBytes(topIndex.ToJsonString()), null));
        if (dockerManifest)
        {
            var manifest = new JsonArray(new JsonObject
            {
                ["Config"] = "blobs/sha256/" + configDigest[7..],
                ["RepoTags"] = new JsonArray(containerdName ?? "example:latest"),
                ["Layers"] = new JsonArray(layerDigests.Select(d => (JsonNode)("blobs/sha256/" + d[7..])).ToArray()),
            });
            files.Add(("manifest.json", Encoding.UTF8.GetBytes(manifest.ToJsonString()), null));
        }
        return files;
    }

    /// <summary>Docker 25 and newer: an OCI layout with uncompressed layers plus manifest.json, in a tar.</summary>
    public static byte[] DockerOci(IReadOnlyList<byte[]> layers) =>
        Tar(OciLayout(layers, LayerCompression.None, "latest", dockerManifest: true, containerdName: "docker.io/library/example:latest"));

    /// <summary>The containerd exporter: an OCI layout with gzip layers behind a multi-platform index, in a tar.</summary>
    public static byte[] Containerd(IReadOnlyList<byte[]> layers) =>
        Tar(OciLayout(layers, LayerCompression.Gzip, null, dockerManifest: false, multiPlatform: true, containerdName: "docker.io/library/example:latest"));

    /// <summary>Writes an OCI layout into a directory.</summary>
    public static void WriteDirectory(string directory, List<(string Name, byte[]? Data, string? Link)> files)
    {
        foreach (var (name, data, link) in files)
        {
            var path = Path.Combine(directory, name);
            if (name.EndsWith('/')) Directory.CreateDirectory(path);
            else if (link is not null) File.CreateSymbolicLink(path, link);
            else
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllBytes(path, data!);
            }
        }
    }

    public static byte[] Tar(IEnumerable<(string Name, byte[]? Data, string? Link)> files)
    {
        using var buffer = new MemoryStream();
        using (var writer = new TarWriter(buffer, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var (name, data, link) in files)
            {
                var type = link is not null ? TarEntryType.SymbolicLink : name.EndsWith('/') ? TarEntryType.Directory : TarEntryType.RegularFile;
                var entry = new PaxTarEntry(type, name) { Mode = type == TarEntryType.Directory ? (UnixFileMode)0x1ED : (UnixFileMode)0x1A4 };
                if (link is not null) entry.LinkName = link;
                if (data is not null) entry.DataStream = new MemoryStream(data);
                writer.WriteEntry(entry);
            }
        }
        return buffer.ToArray();
    }

    private static string Hex(byte[] data) => LayerBuilder.Sha256(data)[7..];
}
