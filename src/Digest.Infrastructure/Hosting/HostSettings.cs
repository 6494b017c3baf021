using System.Globalization;
using System.Text.Json;

namespace Digest.Infrastructure.Hosting;

/// <summary>
/// The queue-trigger settings of host.json (<c>extensions.queues</c>) plus <c>functionTimeout</c>. Defaults are those of the
/// Functions host's QueuesOptions, so a missing setting means the same thing locally as on Azure.
/// </summary>
public sealed record QueueHostOptions
{
    /// <summary>Attempts before a message goes to <c>&lt;queue&gt;-poison</c>. Host default 5, minimum 1.</summary>
    public int MaxDequeueCount { get; init; } = 5;

    /// <summary>Delay before a FAILED message becomes visible again. Host default zero: retry at once.</summary>
    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.Zero;

    /// <summary>Messages fetched per receive. Host default 16, range 1..32.</summary>
    public int BatchSize { get; init; } = 16;

    /// <summary>Longest wait between polls of an empty queue. Host default 1 minute, minimum 100 ms.</summary>
    public TimeSpan MaxPollingInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>When the host fetches the next batch; null means the host default (batchSize / 2 × processor count).</summary>
    public int? NewBatchThreshold { get; init; }

    /// <summary>"base64" (host default) or "none". Applies to the Azure adapter; the local queue carries plain text.</summary>
    public string MessageEncoding { get; init; } = "base64";

    /// <summary>Longest run of one invocation; null means unbounded (host.json "-1" or absent).</summary>
    public TimeSpan? FunctionTimeout { get; init; }

    /// <summary>Throws <see cref="InvalidDataException"/> naming the setting when a value is outside what the host accepts.</summary>
    public void Validate()
    {
        Require(MaxDequeueCount >= 1, "extensions.queues.maxDequeueCount", MaxDequeueCount, "at least 1");
        Require(VisibilityTimeout >= TimeSpan.Zero && VisibilityTimeout <= TimeSpan.FromDays(7),
            "extensions.queues.visibilityTimeout", VisibilityTimeout, "between 00:00:00 and 7.00:00:00");
        Require(BatchSize is >= 1 and <= 32, "extensions.queues.batchSize", BatchSize, "between 1 and 32");
        Require(MaxPollingInterval >= TimeSpan.FromMilliseconds(100), "extensions.queues.maxPollingInterval",
            MaxPollingInterval, "at least 00:00:00.1");
        Require(NewBatchThreshold is null or >= 0, "extensions.queues.newBatchThreshold", NewBatchThreshold, "0 or more");
        Require(MessageEncoding is "base64" or "none", "extensions.queues.messageEncoding", MessageEncoding,
            "\"base64\" or \"none\"");
        Require(FunctionTimeout is null || FunctionTimeout > TimeSpan.Zero, "functionTimeout", FunctionTimeout,
            "positive, or -1 for unbounded");
    }

    private static void Require(bool condition, string setting, object? value, string expectation)
    {
        if (!condition)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"host.json: {setting} must be {expectation}; found {value}."));
        }
    }
}

/// <summary>Reads host.json (the same file the Azure Functions host reads) for the local host.</summary>
public static class HostSettings
{
    /// <summary>The Functions host's defaults, for when there is no host.json.</summary>
    public static QueueHostOptions Default { get; } = new();

    /// <summary>Reads <paramref name="path"/>; throws <see cref="FileNotFoundException"/> or <see cref="InvalidDataException"/>.</summary>
    public static QueueHostOptions Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"host.json not found at '{Path.GetFullPath(path)}'.", path);
        }

        return Parse(File.ReadAllBytes(path), path);
    }

    /// <summary>Reads <paramref name="path"/> when it exists, otherwise returns <see cref="Default"/>.</summary>
    public static QueueHostOptions LoadOrDefault(string path) => File.Exists(path) ? Load(path) : Default;

    /// <summary>Parses host.json content (comments and trailing commas allowed, names case-insensitive as in the host).</summary>
    public static QueueHostOptions Parse(ReadOnlySpan<byte> json, string source = "host.json")
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json.ToArray(),
                new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"{source} is not valid JSON: {exception.Message}", exception);
        }

        using (document)
        {
            var rootElement = document.RootElement;
            if (rootElement.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException($"{source} must hold a JSON object.");
            }

            var options = Default;
            if (Property(rootElement, "extensions") is { ValueKind: JsonValueKind.Object } extensions
                && Property(extensions, "queues") is { ValueKind: JsonValueKind.Object } queues)
            {
                options = options with
                {
                    MaxDequeueCount = ReadInt(queues, "maxDequeueCount", source) ?? options.MaxDequeueCount,
                    VisibilityTimeout = ReadTimeSpan(queues, "visibilityTimeout", source) ?? options.VisibilityTimeout,
                    BatchSize = ReadInt(queues, "batchSize", source) ?? options.BatchSize,
                    MaxPollingInterval = ReadTimeSpan(queues, "maxPollingInterval", source) ?? options.MaxPollingInterval,
                    NewBatchThreshold = ReadInt(queues, "newBatchThreshold", source) ?? options.NewBatchThreshold,
                    MessageEncoding = ReadString(queues, "messageEncoding", source)?.ToLowerInvariant() ?? options.MessageEncoding,
                };
            }

            var functionTimeout = ReadTimeSpan(rootElement, "functionTimeout", source);
            options = options with { FunctionTimeout = functionTimeout is { } timeout && timeout > TimeSpan.Zero ? timeout : null };
            options.Validate();
            return options;
        }
    }

    private static JsonElement? Property(JsonElement element, string name)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }

    private static int? ReadInt(JsonElement element, string name, string source)
    {
        switch (Property(element, name))
        {
            case null:
                return null;
            case { ValueKind: JsonValueKind.Number } number when number.TryGetInt32(out var value):
                return value;
            case { ValueKind: JsonValueKind.String } text
                when int.TryParse(text.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed):
                return parsed;
            default:
                throw new InvalidDataException($"{source}: '{name}' must be a whole number.");
        }
    }

    private static string? ReadString(JsonElement element, string name, string source)
        => Property(element, name) switch
        {
            null => null,
            { ValueKind: JsonValueKind.String } text => text.GetString(),
            _ => throw new InvalidDataException($"{source}: '{name}' must be a string."),
        };

    /// <summary>"hh:mm:ss" (or "d.hh:mm:ss"), parsed the way the host's configuration binder parses TimeSpan.</summary>
    private static TimeSpan? ReadTimeSpan(JsonElement element, string name, string source)
    {
        var text = ReadString(element, name, source);
        if (text is null)
        {
            return null;
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InvalidDataException($"{source}: '{name}' must be a time span like \"00:00:30\"; found \"{text}\".");
    }
}
