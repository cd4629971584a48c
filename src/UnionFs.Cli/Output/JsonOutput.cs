using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace UnionFs.Cli.Output;

/// <summary>Writes one JSON document and a newline.</summary>
internal static class JsonOutput
{
    public static void Write<T>(TextWriter writer, T value, JsonTypeInfo<T> typeInfo)
    {
        writer.Write(JsonSerializer.Serialize(value, typeInfo));
        writer.WriteLine();
    }
}
