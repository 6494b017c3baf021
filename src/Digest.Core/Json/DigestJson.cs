using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Digest.Core.Json;

/// <summary>One JSON dialect for everything the product stores or prints: camelCase, ISO-8601 dates, nulls omitted.</summary>
public static class DigestJson
{
    public static JsonSerializerOptions Options { get; } = Create(indented: true);

    /// <summary>Single-line output, for JSON Lines.</summary>
    public static JsonSerializerOptions Compact { get; } = Create(indented: false);

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = indented,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            // Keep quotes, apostrophes and non-ASCII letters readable in the archive.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.Converters.Add(new AbsoluteUriConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    public static byte[] SerializeToUtf8(object value, Type type) => JsonSerializer.SerializeToUtf8Bytes(value, type, Options);

    public static byte[] Serialize<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);

    public static T Deserialize<T>(ReadOnlySpan<byte> utf8)
        => JsonSerializer.Deserialize<T>(utf8, Options) ?? throw new JsonException($"Empty JSON for {typeof(T).Name}.");

    public static string SerializeLine<T>(T value) => JsonSerializer.Serialize(value, Compact);
}
