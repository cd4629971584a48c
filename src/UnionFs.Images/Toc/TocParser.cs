using System.Globalization;
using System.Text.Json;

namespace UnionFs.Images.Toc;

/// <summary>Reads the JSON of a table of contents (<c>{"version":1,"entries":[…]}</c>) into <see cref="TocEntry"/> values.</summary>
internal static class TocParser
{
    public static List<TocEntry> Parse(byte[] json, string layer)
    {
        try
        {
            using var document = JsonDocument.Parse(json, JsonHelpers.DocumentOptions);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw Invalid(layer, "the table of contents is not a JSON object.");
            if (JsonHelpers.Long(root, "version") is not 1) throw Invalid(layer, "the table of contents' version is not 1.");
            var entries = new List<TocEntry>();
            foreach (var item in JsonHelpers.Array(root, "entries")) entries.Add(Entry(item, layer));
            return entries;
        }
        catch (JsonException ex)
        {
            throw new InvalidImageException(layer, null, $"the table of contents is not valid JSON ({ex.Message})", ex);
        }
    }

    private static TocEntry Entry(JsonElement item, string layer)
    {
        var name = JsonHelpers.String(item, "name") ?? throw Invalid(layer, "a table of contents entry has no name.");
        var type = JsonHelpers.String(item, "type") ?? throw new InvalidImageException(layer, name, "the table of contents entry has no type.");
        return new TocEntry
        {
            Name = name,
            Type = type,
            Size = NonNegative(item, "size", layer, name),
            ModificationTimeUtc = Time(JsonHelpers.String(item, "modtime")),
            LinkName = JsonHelpers.String(item, "linkName"),
            Mode = NonNegative(item, "mode", layer, name),
            Offset = NonNegative(item, "offset", layer, name),
            EndOffset = NonNegative(item, "endOffset", layer, name),
            InnerOffset = NonNegative(item, "innerOffset", layer, name),
            ChunkOffset = NonNegative(item, "chunkOffset", layer, name),
            ChunkSize = NonNegative(item, "chunkSize", layer, name),
            ChunkDigest = JsonHelpers.String(item, "chunkDigest"),
            Digest = JsonHelpers.String(item, "digest"),
            ChunkType = JsonHelpers.String(item, "chunkType"),
        };
    }

    private static long NonNegative(JsonElement item, string field, string layer, string name)
    {
        var value = JsonHelpers.Long(item, field) ?? 0;
        return value >= 0 ? value : throw new InvalidImageException(layer, name, $"the table of contents gives a negative {field}.");
    }

    /// <summary>RFC 3339 as written by Go; a missing or unreadable time is 1970-01-01 (as an out-of-range tar time is).</summary>
    private static DateTime Time(string? text) =>
        text is not null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) && time.UtcDateTime.Year >= 1
            ? time.UtcDateTime
            : DateTime.UnixEpoch;

    private static InvalidImageException Invalid(string layer, string problem) => new(layer, null, problem);
}
