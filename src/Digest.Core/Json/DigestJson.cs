using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Digest.Core.Safety;

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

    /// <summary>
    /// One line of JSON, safe to print on a terminal (<c>digest archive --json</c>). The relaxed encoder escapes C0
    /// controls but writes bidi overrides and isolates (U+202E…) raw, which can make a printed line read differently
    /// from what it holds; they are escaped here too. JSON structure is ASCII, so they can only be inside strings,
    /// where "\u202E" is the same string.
    /// </summary>
    public static string SerializeLine<T>(T value) => EscapeInvisible(JsonSerializer.Serialize(value, Compact));

    private static string EscapeInvisible(string json)
    {
        var first = json.AsSpan().IndexOfAny(Invisible);
        if (first < 0)
        {
            return json;
        }

        var builder = new StringBuilder(json.Length + 16).Append(json, 0, first);
        for (var i = first; i < json.Length; i++)
        {
            var c = json[i];
            if (Invisible.Contains(c))
            {
                builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>What <see cref="SafeText.IsUnsafe"/> names, plus the Unicode line and paragraph separators.</summary>
    private static readonly SearchValues<char> Invisible = SearchValues.Create(
        string.Concat(Enumerable.Range(0, 0x10000).Select(i => (char)i).Where(c => SafeText.IsUnsafe(c) || c is '\u2028' or '\u2029')));
}
