using System.Text.Json;
using System.Text.Json.Serialization;

namespace Digest.Core.Json;

/// <summary>
/// Writes URIs in their absolute, escaped form. The default converter writes <see cref="Uri.OriginalString"/>, which for
/// a <c>file:</c> URI made from a path is the bare path; read back, that is a relative URI and no longer a link.
/// </summary>
internal sealed class AbsoluteUriConverter : JsonConverter<Uri>
{
    public override Uri? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        return text is null ? null : new Uri(text, UriKind.RelativeOrAbsolute);
    }

    public override void Write(Utf8JsonWriter writer, Uri value, JsonSerializerOptions options)
        => writer.WriteStringValue(value.IsAbsoluteUri ? value.AbsoluteUri : value.OriginalString);
}
