using System.Text.Json;

namespace UnionFs.Images;

/// <summary>The parts of an image configuration (OCI or Docker) that a union needs; <see cref="Json"/> has the rest.</summary>
public sealed class ImageConfig
{
    private const string LabelsProperty = "Labels";

    private ImageConfig(string json)
    {
        Json = json;
    }

    /// <summary>The configuration as stored in the image.</summary>
    public string Json { get; }

    /// <summary>The configuration's digest (<c>sha256:…</c> of <see cref="Json"/>'s bytes).</summary>
    public string Digest { get; private init; } = string.Empty;

    /// <summary>The operating system (<c>linux</c>).</summary>
    public string? Os { get; private init; }

    /// <summary>The architecture (<c>amd64</c>).</summary>
    public string? Architecture { get; private init; }

    /// <summary>The architecture variant (<c>v8</c>), if any.</summary>
    public string? Variant { get; private init; }

    /// <summary>The image's platform, when the configuration names one.</summary>
    public ImagePlatform? Platform => Os is not null && Architecture is not null ? new ImagePlatform(Os, Architecture, Variant) : null;

    /// <summary>The diff digests of the layers, base layer first (<c>rootfs.diff_ids</c>).</summary>
    public IReadOnlyList<string> DiffIds { get; private init; } = [];

    /// <summary>Environment variables (<c>NAME=value</c>).</summary>
    public IReadOnlyList<string> Env { get; private init; } = [];

    /// <summary>The entrypoint, if any.</summary>
    public IReadOnlyList<string>? Entrypoint { get; private init; }

    /// <summary>The default command, if any.</summary>
    public IReadOnlyList<string>? Cmd { get; private init; }

    /// <summary>The working directory, if any.</summary>
    public string? WorkingDir { get; private init; }

    /// <summary>The user, if any.</summary>
    public string? User { get; private init; }

    /// <summary>Labels.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; private init; } = new Dictionary<string, string>();

    /// <summary>The creation time, if any.</summary>
    public DateTimeOffset? Created { get; private init; }

    /// <summary>Parses a configuration blob.</summary>
    /// <param name="bytes">The configuration's bytes.</param>
    /// <exception cref="InvalidImageException">The bytes are not a configuration.</exception>
    public static ImageConfig Parse(ReadOnlySpan<byte> bytes)
    {
        var digest = Storage.Digests.Of(bytes);
        if (!System.Text.Unicode.Utf8.IsValid(bytes)) throw new InvalidImageException(null, "config", "the configuration is not valid UTF-8.");
        try
        {
            using var document = JsonDocument.Parse(bytes.ToArray(), JsonHelpers.DocumentOptions);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new InvalidImageException(null, "config", "the configuration is not a JSON object.");
            var config = root.TryGetProperty("config", out var c) && c.ValueKind == JsonValueKind.Object ? c : default;
            var rootfs = root.TryGetProperty("rootfs", out var r) && r.ValueKind == JsonValueKind.Object ? r : default;
            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            if (config.ValueKind == JsonValueKind.Object && config.TryGetProperty(LabelsProperty, out var l) && l.ValueKind == JsonValueKind.Object)
                foreach (var label in l.EnumerateObject())
                    if (label.Value.ValueKind == JsonValueKind.String) labels[label.Name] = label.Value.GetString()!;
            return new ImageConfig(System.Text.Encoding.UTF8.GetString(bytes))
            {
                Digest = digest,
                Os = JsonHelpers.String(root, "os"),
                Architecture = JsonHelpers.String(root, "architecture"),
                Variant = JsonHelpers.String(root, "variant"),
                DiffIds = rootfs.ValueKind == JsonValueKind.Object ? JsonHelpers.Strings(rootfs, "diff_ids") ?? [] : [],
                Env = config.ValueKind == JsonValueKind.Object ? JsonHelpers.Strings(config, "Env") ?? [] : [],
                Entrypoint = config.ValueKind == JsonValueKind.Object ? JsonHelpers.Strings(config, "Entrypoint") : null,
                Cmd = config.ValueKind == JsonValueKind.Object ? JsonHelpers.Strings(config, "Cmd") : null,
                WorkingDir = config.ValueKind == JsonValueKind.Object ? JsonHelpers.String(config, "WorkingDir") : null,
                User = config.ValueKind == JsonValueKind.Object ? JsonHelpers.String(config, "User") : null,
                Labels = labels,
                Created = JsonHelpers.String(root, "created") is { } created && DateTimeOffset.TryParse(created, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var when) ? when : null,
            };
        }
        catch (JsonException ex)
        {
            throw new InvalidImageException(null, "config", $"the configuration is not valid JSON ({ex.Message})", ex);
        }
    }
}
