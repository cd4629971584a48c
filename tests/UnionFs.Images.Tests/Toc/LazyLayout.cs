using System.Text.Json.Nodes;
using UnionFs.Images.Storage;

namespace UnionFs.Images.Tests.Toc;

/// <summary>The layers of a converted OCI layout directory (one image): each blob's path, digest and descriptor annotations.</summary>
internal sealed record LazyLayer(string Path, string Digest, string MediaType, Dictionary<string, string> Annotations)
{
    /// <summary>The layers of the one image in <paramref name="layout"/>, base first.</summary>
    public static IReadOnlyList<LazyLayer> Of(string layout)
    {
        var index = JsonNode.Parse(File.ReadAllText(System.IO.Path.Combine(layout, "index.json")))!;
        var manifest = JsonNode.Parse(File.ReadAllText(Blob(layout, (string)index["manifests"]![0]!["digest"]!)))!;
        return [.. manifest["layers"]!.AsArray().Select(l => new LazyLayer(
            Blob(layout, (string)l!["digest"]!),
            (string)l["digest"]!,
            (string)l["mediaType"]!,
            l["annotations"]?.AsObject().ToDictionary(p => p.Key, p => (string)p.Value!, StringComparer.Ordinal) ?? new Dictionary<string, string>(StringComparer.Ordinal)))];
    }

    /// <summary>Opens the blob through <paramref name="wrap"/> as the image reader does (its digest expected, its annotations given).</summary>
    public TarLayerBranch Open(Func<ByteSource, ByteSource>? wrap = null, bool readTableOfContents = true)
    {
        var source = FileSource.Open(Path);
        var raw = wrap is null ? source : wrap(source);
        var options = LayerOpenOptions.Default with { Name = Digest, ReadTableOfContents = readTableOfContents };
        return TarLayerBranch.Open(raw, options, ownsSource: true, expectedDigest: Digest, annotations: Annotations);
    }

    private static string Blob(string layout, string digest) => System.IO.Path.Combine(layout, "blobs", "sha256", digest["sha256:".Length..]);
}
