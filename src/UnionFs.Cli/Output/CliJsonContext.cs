using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace UnionFs.Cli.Output;

/// <summary>Source-generated JSON metadata for every document the tool prints (no reflection, trim-safe).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(EntryJson[]))]
[JsonSerializable(typeof(StatJson))]
[JsonSerializable(typeof(ChangeJson[]))]
[JsonSerializable(typeof(LayerJson[]))]
[JsonSerializable(typeof(HistoryJson[]))]
[JsonSerializable(typeof(FoundJson[]))]
[JsonSerializable(typeof(EfficiencyJson))]
internal sealed partial class CliJsonContext : JsonSerializerContext
{
    /// <summary>The context the tool prints with: the generated options plus unescaped <c>+</c>, <c>&lt;</c> and non-ASCII names.</summary>
    public static CliJsonContext Output { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
