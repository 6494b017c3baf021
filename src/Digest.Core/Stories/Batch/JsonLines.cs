using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Digest.Core.Stories.Batch;

/// <summary>A line of a JSON Lines input that could not be read; <see cref="Exception.Message"/> names the line.</summary>
public sealed class BatchInputException : Exception
{
    public BatchInputException() { }
    public BatchInputException(string message) : base(message) { }
    public BatchInputException(string message, Exception innerException) : base(message, innerException) { }
}

/// <summary>
/// The JSON dialect of the batch verbs (evaluation tools write it): snake_case fields, ids of any JSON type echoed back
/// verbatim, one object per line, blank lines ignored.
/// </summary>
public static class JsonLines
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>Parses every non-blank line; throws <see cref="BatchInputException"/> naming the first bad line.</summary>
    public static List<T> Parse<T>(string content, Action<T>? validate = null)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(content);
        var items = new List<T>();
        var lineNumber = 0;
        foreach (var rawLine in content.Split('\n'))
        {
            lineNumber++;
            var line = rawLine.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            T? item;
            try
            {
                item = JsonSerializer.Deserialize<T>(line, Options);
            }
            catch (JsonException e)
            {
                throw new BatchInputException($"Line {lineNumber}: not a valid {typeof(T).Name} object: {e.Message}", e);
            }

            if (item is null)
            {
                throw new BatchInputException($"Line {lineNumber}: expected a JSON object, found null.");
            }

            try
            {
                validate?.Invoke(item);
            }
            catch (FormatException e)
            {
                throw new BatchInputException($"Line {lineNumber}: {e.Message}", e);
            }

            items.Add(item);
        }

        return items;
    }

    public static string Serialize<T>(IEnumerable<T> items)
        => string.Concat(items.Select(i => JsonSerializer.Serialize(i, Options) + "\n"));

    /// <summary>The key of an id of any JSON type: the string itself, or the raw JSON of a number.</summary>
    public static string Key(JsonElement id) => id.ValueKind == JsonValueKind.String ? id.GetString()! : id.GetRawText();

    /// <summary>Requires an id: a string or a number.</summary>
    public static void RequireId(JsonElement id, string field)
    {
        if (id.ValueKind is not (JsonValueKind.String or JsonValueKind.Number))
        {
            throw new FormatException($"\"{field}\" is required and must be a string or a number.");
        }
    }

    /// <summary>Parses "YYYY-MM-DD" (or a full ISO-8601 time); null and empty mean unknown.</summary>
    public static DateTimeOffset? ParseDate(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (DateTimeOffset.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date)
            || DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out date))
        {
            return date;
        }

        throw new FormatException($"\"{field}\" must be a date YYYY-MM-DD or null, not \"{value}\".");
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            PropertyNameCaseInsensitive = true,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            NumberHandling = JsonNumberHandling.AllowReadingFromString,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
