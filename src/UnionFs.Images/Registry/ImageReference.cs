using System.Net;
using System.Text.RegularExpressions;
using UnionFs.Images.Storage;

namespace UnionFs.Images;

/// <summary>
/// A reference to an image in a registry, as the containers tools write it:
/// <c>[docker://]HOST[:PORT]/REPO[:TAG][@sha256:DIGEST]</c>. A first component without a dot, a colon or the
/// name <c>localhost</c> is not a host: <c>busybox</c> means <c>docker.io/library/busybox:latest</c>.
/// </summary>
public sealed partial record ImageReference
{
    /// <summary>The prefix that marks a registry reference on a command line.</summary>
    public const string Scheme = "docker://";

    /// <summary>The tag used when a reference names neither a tag nor a digest.</summary>
    public const string DefaultTag = "latest";

    private const string DockerHub = "docker.io";

    private ImageReference(string registry, string repository, string? tag, string? digest)
    {
        Registry = registry;
        Repository = repository;
        Tag = tag;
        Digest = digest;
    }

    /// <summary>The registry as written: <c>HOST</c> or <c>HOST:PORT</c> (<c>docker.io</c> for a short name).</summary>
    public string Registry { get; }

    /// <summary>The repository path inside the registry (<c>library/busybox</c>, <c>team/app</c>).</summary>
    public string Repository { get; }

    /// <summary>The tag; null when the reference names only a digest.</summary>
    public string? Tag { get; }

    /// <summary>The manifest digest (<c>sha256:…</c>) when the reference pins one; it wins over <see cref="Tag"/>.</summary>
    public string? Digest { get; }

    /// <summary>What the manifest is fetched by: the digest when given, else the tag.</summary>
    public string ManifestReference => Digest ?? Tag!;

    /// <summary>The host and port the API is spoken to (<c>docker.io</c> is served by <c>registry-1.docker.io</c>).</summary>
    public string ApiHost => Registry == DockerHub ? "registry-1." + DockerHub : Registry;

    /// <summary>True for <c>localhost</c> and loopback addresses: those are spoken to over plain HTTP.</summary>
    public bool IsLoopback
    {
        get
        {
            var host = HostName;
            if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)) return true;
            return IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address);
        }
    }

    /// <summary>The host without its port.</summary>
    public string HostName
    {
        get
        {
            if (Registry.StartsWith('['))
            {
                var close = Registry.IndexOf(']', StringComparison.Ordinal);
                return Registry[..(close + 1)];
            }
            var colon = Registry.LastIndexOf(':');
            return colon < 0 ? Registry : Registry[..colon];
        }
    }

    /// <summary>True when <paramref name="text"/> starts with <see cref="Scheme"/>.</summary>
    /// <param name="text">A command-line image argument.</param>
    public static bool HasScheme(string? text) => text is not null && text.StartsWith(Scheme, StringComparison.Ordinal);

    /// <summary>Parses a reference, with or without <see cref="Scheme"/>.</summary>
    /// <param name="text">For example <c>docker://127.0.0.1:5000/team/app:1.0</c> or <c>registry.example/app@sha256:…</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="text"/> is null or empty.</exception>
    /// <exception cref="FormatException"><paramref name="text"/> is not a valid reference; the message says which part is wrong.</exception>
    public static ImageReference Parse(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var rest = HasScheme(text) ? text[Scheme.Length..] : text;
        if (rest.Contains("://", StringComparison.Ordinal))
            throw new FormatException($"'{text}' is not a registry reference: only the docker:// transport is supported.");
        if (rest.Length == 0) throw new FormatException($"'{text}' names no repository.");

        string? digest = null;
        var at = rest.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            digest = rest[(at + 1)..];
            rest = rest[..at];
            if (!Digests.TryParse(digest, out _))
                throw new FormatException($"'{digest}' in '{text}' is not a digest: a reference pins a manifest with @sha256: and 64 lowercase hex digits.");
        }

        var registry = DockerHub;
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0 && LooksLikeHost(rest[..slash]))
        {
            registry = rest[..slash];
            rest = rest[(slash + 1)..];
            CheckHost(registry, text);
        }

        string? tag = null;
        var colon = rest.LastIndexOf(':');
        if (colon >= 0 && colon > rest.LastIndexOf('/'))
        {
            tag = rest[(colon + 1)..];
            rest = rest[..colon];
            if (!TagPattern().IsMatch(tag))
                throw new FormatException($"'{tag}' in '{text}' is not a valid tag (letters, digits, '_', '.' and '-', at most 128, not starting with '.' or '-').");
        }

        if (rest.Length == 0) throw new FormatException($"'{text}' names no repository.");
        foreach (var component in rest.Split('/'))
        {
            if (!ComponentPattern().IsMatch(component))
                throw new FormatException($"'{rest}' in '{text}' is not a valid repository name (lowercase letters and digits, separated by '.', '_', '__', '-' or '/').");
        }
        if (registry == DockerHub && !rest.Contains('/', StringComparison.Ordinal)) rest = "library/" + rest;
        if (tag is null && digest is null) tag = DefaultTag;
        return new ImageReference(registry, rest, tag, digest);
    }

    /// <summary>The reference without <see cref="Scheme"/>: <c>HOST[:PORT]/REPO[:TAG][@DIGEST]</c>.</summary>
    public override string ToString() =>
        $"{Registry}/{Repository}" + (Tag is null ? string.Empty : ":" + Tag) + (Digest is null ? string.Empty : "@" + Digest);

    /// <summary>The containers tools' rule: a first component is a host when it has a dot or a port, or is localhost.</summary>
    private static bool LooksLikeHost(string component) =>
        component.Contains('.', StringComparison.Ordinal) || component.Contains(':', StringComparison.Ordinal)
        || component.StartsWith('[') || component == "localhost";

    private static void CheckHost(string registry, string text)
    {
        var host = registry;
        string? port = null;
        if (registry.StartsWith('['))
        {
            var close = registry.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || !IPAddress.TryParse(registry[1..close], out _))
                throw new FormatException($"'{registry}' in '{text}' is not a valid IPv6 host.");
            if (close + 1 < registry.Length)
            {
                if (registry[close + 1] != ':') throw new FormatException($"'{registry}' in '{text}' is not a valid host.");
                port = registry[(close + 2)..];
            }
            host = "x";
        }
        else if (registry.IndexOf(':', StringComparison.Ordinal) is var colon and >= 0)
        {
            host = registry[..colon];
            port = registry[(colon + 1)..];
        }
        if (!HostPattern().IsMatch(host)) throw new FormatException($"'{registry}' in '{text}' is not a valid registry host.");
        if (port is not null && (!int.TryParse(port, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) || number is < 1 or > 65535))
            throw new FormatException($"'{port}' in '{text}' is not a valid port (1 to 65535).");
    }

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex TagPattern();

    [GeneratedRegex("^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$")]
    private static partial Regex ComponentPattern();

    [GeneratedRegex("^[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$")]
    private static partial Regex HostPattern();
}
