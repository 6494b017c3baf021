using System.Text.Json;

namespace Digest.Infrastructure.Hosting.Api;

/// <summary>The subscribe request's JSON shape, field by field; the values are checked by <c>SubscriptionRequest</c>.</summary>
internal sealed record SubscribeBody(string? Email, string? TimeZone, int? Hour, IReadOnlyList<string>? Keywords, IReadOnlyList<string>? Outlets)
{
    private const string Shape = "The body must be a JSON object: {\"email\": \"…\", \"timeZone\": \"Europe/Berlin\", \"hour\": 7, \"keywords\": [\"…\"], \"outlets\": [\"…\"]}; only email is required.";

    /// <summary>An unknown or mistyped field is refused rather than ignored, so a typo never subscribes with defaults.</summary>
    public static bool TryParse(byte[] content, out SubscribeBody body, out string error)
    {
        body = null!;
        error = Shape;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(content, new JsonDocumentOptions { MaxDepth = 4 });
        }
        catch (JsonException)
        {
            return false;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            string? email = null, zone = null;
            int? hour = null;
            IReadOnlyList<string>? keywords = null, outlets = null;
            foreach (var property in document.RootElement.EnumerateObject())
            {
                var value = property.Value;
                var ok = property.Name switch
                {
                    "email" => TryString(value, out email),
                    "timeZone" => TryString(value, out zone),
                    "hour" => TryHour(value, out hour),
                    "keywords" => TryList(value, out keywords),
                    "outlets" => TryList(value, out outlets),
                    _ => false,
                };
                if (!ok)
                {
                    return false;
                }
            }

            if (email is null)
            {
                error = "email is required.";
                return false;
            }

            body = new SubscribeBody(email, zone, hour, keywords, outlets);
            error = "";
            return true;
        }
    }

    private static bool TryString(JsonElement value, out string? text)
    {
        text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        return value.ValueKind is JsonValueKind.String or JsonValueKind.Null;
    }

    private static bool TryHour(JsonElement value, out int? hour)
    {
        hour = null;
        if (value.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        // Out-of-range hours pass here and are refused with their own message by SubscriptionRequest.
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number))
        {
            hour = number;
            return true;
        }

        return false;
    }

    private static bool TryList(JsonElement value, out IReadOnlyList<string>? list)
    {
        list = null;
        if (value.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
        {
            return false;
        }

        list = [.. value.EnumerateArray().Select(e => e.GetString()!)];
        return true;
    }
}
