using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Digest.Core.Extraction;
using Digest.Core.Feeds;
using Digest.Core.Json;
using Digest.Core.Mail;
using Digest.Core.Safety;
using Digest.Core.Sources;

namespace Digest.Infrastructure.Configuration;

/// <summary>
/// Reads and checks the sources file. Relative source URLs are resolved against the file's own folder, so a corpus
/// on disk (such as <c>samples/</c>) can be moved as a whole.
/// </summary>
/// <remarks>
/// Everything that would otherwise fail late is checked here, before any work: a misspelt field (<c>"urll"</c>) is an
/// error naming it, two sources that would share an id are refused, and the sender address must be valid. A bad
/// subscriber address only drops that subscriber, with a warning, so the others are still served.
/// </remarks>
public static class SourcesFileReader
{
    private static readonly JsonSerializerOptions StrictOptions = new(DigestJson.Options)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private static readonly string[] KnownFields =
    [
        "sources", "subscribers", "from", "defaultNow", "limits", "allowedHosts", "allowedNetworks",
        "name", "url", "keepSelectors", "dropSelectors",
        "maxNewItemsPerSource", "concurrentSources", "concurrentPages", "backdateToleranceHours", "retryDelayMinutes",
        "maxRetryDelayHours", "maxPageAttempts",
    ];

    public static SourcesConfig Read(string path)
    {
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new ConfigurationException($"Sources file not found: {fullPath}");
        }

        return Parse(File.ReadAllBytes(fullPath), fullPath);
    }

    /// <summary>Parses the content of the sources file at <paramref name="fullPath"/> (used for messages and relative URLs).</summary>
    public static SourcesConfig Parse(ReadOnlySpan<byte> content, string fullPath)
    {
        // Editors on Windows save UTF-8 with a byte order mark; it is not part of the JSON.
        if (content.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            content = content[3..];
        }

        var baseUri = new Uri(Path.GetDirectoryName(fullPath) + Path.DirectorySeparatorChar);
        RawSources raw;
        try
        {
            raw = JsonSerializer.Deserialize<RawSources>(content, StrictOptions)
                ?? throw new ConfigurationException($"{fullPath}: the file is empty.");
        }
        catch (JsonException ex)
        {
            throw new ConfigurationException($"{fullPath}: {Describe(ex)}", ex);
        }

        if (raw.Sources is not { Count: > 0 })
        {
            throw new ConfigurationException($"{fullPath}: \"sources\" must list at least one source, e.g. {{\"sources\":[{{\"name\":\"Example News\",\"url\":\"https://example.org/feed.xml\"}}]}}");
        }

        var sources = ReadSources(raw.Sources, baseUri, fullPath);
        var warnings = new List<string>();
        var subscribers = new List<string>();
        foreach (var subscriber in raw.Subscribers ?? [])
        {
            if (MailAddressParser.TryParse(subscriber, out var address, out var error))
            {
                subscribers.Add(address.Address);
            }
            else
            {
                warnings.Add($"{fullPath}: subscriber \"{SafeText.ForTerminal(subscriber)}\" left out: {error}.");
            }
        }

        if (raw.From is not null && !MailAddressParser.TryParse(raw.From, out _, out var fromError))
        {
            throw new ConfigurationException($"{fullPath}: \"from\" (\"{SafeText.ForTerminal(raw.From)}\") is not a mail address: {fromError}.");
        }

        if (raw.DefaultNow is { } pinned && (pinned.Year < 1970 || pinned.Year >= 2200))
        {
            throw new ConfigurationException($"{fullPath}: \"defaultNow\" must be between 1970 and 2199.");
        }

        return new SourcesConfig
        {
            Sources = sources,
            Subscribers = subscribers.Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
            From = raw.From,
            DefaultNow = raw.DefaultNow,
            Limits = ReadLimits(raw.Limits, fullPath),
            AllowedHosts = ReadHosts(raw.AllowedHosts, fullPath),
            AllowedNetworks = ReadNetworks(raw.AllowedNetworks, fullPath),
            Warnings = warnings,
        };
    }

    private static List<SourceConfig> ReadSources(List<RawSource?> rawSources, Uri baseUri, string fullPath)
    {
        var sources = new List<SourceConfig>(rawSources.Count);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < rawSources.Count; i++)
        {
            var entry = rawSources[i] ?? throw new ConfigurationException($"{fullPath}: sources[{i}] is null.");
            var where = $"{fullPath}: sources[{i}]";
            var name = SafeText.Inline(entry.Name);
            if (name is null)
            {
                throw new ConfigurationException($"{where}: \"name\" is required.");
            }

            if (!names.Add(name))
            {
                throw new ConfigurationException($"{where}: the name \"{name}\" is used twice.");
            }

            if (string.IsNullOrWhiteSpace(entry.Url) || !Uri.TryCreate(baseUri, entry.Url.Trim(), out var url))
            {
                throw new ConfigurationException($"{where}: \"url\" must be an http(s) or file: URL, or a path relative to the sources file.");
            }

            if (url.Scheme is not ("http" or "https" or "file"))
            {
                throw new ConfigurationException($"{where}: unsupported URL scheme \"{url.Scheme}\"; use http, https or file.");
            }

            var sourceId = ItemIdentity.SourceId(name, url);
            if (ids.TryGetValue(sourceId, out var other))
            {
                throw new ConfigurationException(
                    $"{where}: \"{name}\" would get the id \"{sourceId}\", already taken by \"{other}\"; two sources must not share state. Rename one of them.");
            }

            ids.Add(sourceId, name);
            var source = new SourceConfig
            {
                Name = name,
                Url = url,
                KeepSelectors = entry.KeepSelectors ?? [],
                DropSelectors = entry.DropSelectors ?? [],
            };
            try
            {
                SourceOverrides.Validate(source);
            }
            catch (FormatException ex)
            {
                throw new ConfigurationException($"{where}: {ex.Message}", ex);
            }

            sources.Add(source);
        }

        return sources;
    }

    private static FetchLimits ReadLimits(RawLimits? raw, string fullPath)
    {
        if (raw is null)
        {
            return FetchLimits.Default;
        }

        var defaults = FetchLimits.Default;
        return new FetchLimits
        {
            MaxNewItemsPerSource = Whole(raw.MaxNewItemsPerSource, "maxNewItemsPerSource", 1, 100_000) ?? defaults.MaxNewItemsPerSource,
            ConcurrentSources = Whole(raw.ConcurrentSources, "concurrentSources", 1, 64) ?? defaults.ConcurrentSources,
            ConcurrentPages = Whole(raw.ConcurrentPages, "concurrentPages", 1, 16) ?? defaults.ConcurrentPages,
            BackdateTolerance = Hours(raw.BackdateToleranceHours, "backdateToleranceHours", 0, 24 * 366) ?? defaults.BackdateTolerance,
            RetryDelay = raw.RetryDelayMinutes is { } minutes
                ? TimeSpan.FromMinutes(Range(minutes, "retryDelayMinutes", 0, 24 * 60))
                : defaults.RetryDelay,
            MaxRetryDelay = Hours(raw.MaxRetryDelayHours, "maxRetryDelayHours", 0, 24 * 31) ?? defaults.MaxRetryDelay,
            MaxPageAttempts = Whole(raw.MaxPageAttempts, "maxPageAttempts", 1, 100) ?? defaults.MaxPageAttempts,
        };

        int? Whole(int? value, string name, int min, int max)
            => value is { } v ? (int)Range(v, name, min, max) : null;

        TimeSpan? Hours(double? value, string name, double min, double max)
            => value is { } v ? TimeSpan.FromHours(Range(v, name, min, max)) : null;

        double Range(double value, string name, double min, double max)
            => value >= min && value <= max
                ? value
                : throw new ConfigurationException(string.Create(CultureInfo.InvariantCulture,
                    $"{fullPath}: limits.{name} must be between {min} and {max}; found {value}."));
    }

    private static List<string> ReadHosts(List<string>? hosts, string fullPath)
    {
        var result = new List<string>();
        foreach (var host in hosts ?? [])
        {
            var trimmed = host?.Trim().TrimStart('[').TrimEnd(']');
            if (string.IsNullOrEmpty(trimmed) || Uri.CheckHostName(trimmed) == UriHostNameType.Unknown)
            {
                throw new ConfigurationException($"{fullPath}: allowedHosts: \"{SafeText.ForTerminal(host)}\" is not a host name or IP address.");
            }

            result.Add(trimmed.ToLowerInvariant());
        }

        return result;
    }

    private static List<string> ReadNetworks(List<string>? networks, string fullPath)
    {
        var result = new List<string>();
        foreach (var network in networks ?? [])
        {
            if (network is null || !System.Net.IPNetwork.TryParse(network.Trim(), out var parsed))
            {
                throw new ConfigurationException($"{fullPath}: allowedNetworks: \"{SafeText.ForTerminal(network)}\" is not a network such as 10.0.0.0/8 or fd00::/8.");
            }

            result.Add(parsed.ToString());
        }

        return result;
    }

    /// <summary>A JSON error as a user can act on it: where it is, and for a misspelt field, what was probably meant.</summary>
    private static string Describe(JsonException exception)
    {
        var path = exception.Path ?? "$";
        const string unmapped = "could not be mapped to any .NET member";
        if (exception.Message.Contains(unmapped, StringComparison.Ordinal))
        {
            var quoteStart = exception.Message.IndexOf('\'', StringComparison.Ordinal);
            var quoteEnd = quoteStart < 0 ? -1 : exception.Message.IndexOf('\'', quoteStart + 1);
            var field = quoteEnd > quoteStart ? exception.Message[(quoteStart + 1)..quoteEnd] : path;
            var at = path.EndsWith("." + field, StringComparison.Ordinal) ? path[..^(field.Length + 1)] : path;
            var suggestion = Closest(field) is { } known ? $" (did you mean \"{known}\"?)" : "";
            return $"unknown field \"{SafeText.ForTerminal(field)}\" in {at}{suggestion}.";
        }

        var line = exception.LineNumber is { } l ? string.Create(CultureInfo.InvariantCulture, $" at line {l + 1}") : "";
        return $"not valid JSON{line} ({path}): {exception.Message.Split(" Path:", 2)[0]}";
    }

    private static string? Closest(string field)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var known in KnownFields)
        {
            var distance = EditDistance(field.ToLowerInvariant(), known.ToLowerInvariant());
            if (distance < bestDistance)
            {
                best = known;
                bestDistance = distance;
            }
        }

        return bestDistance <= Math.Max(2, field.Length / 3) ? best : null;
    }

    private static int EditDistance(string a, string b)
    {
        if (a.Length > 64 || b.Length > 64)
        {
            return int.MaxValue;
        }

        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    private sealed record RawSources(
        List<RawSource?>? Sources,
        List<string>? Subscribers,
        string? From,
        DateTimeOffset? DefaultNow,
        RawLimits? Limits,
        List<string>? AllowedHosts,
        List<string>? AllowedNetworks);

    private sealed record RawSource(string? Name, string? Url, List<string>? KeepSelectors, List<string>? DropSelectors);

    private sealed record RawLimits(
        int? MaxNewItemsPerSource,
        int? ConcurrentSources,
        int? ConcurrentPages,
        double? BackdateToleranceHours,
        double? RetryDelayMinutes,
        double? MaxRetryDelayHours,
        int? MaxPageAttempts);
}

/// <summary>The configuration is wrong; the message says where and how to fix it.</summary>
public sealed class ConfigurationException : Exception
{
    public ConfigurationException() { }
    public ConfigurationException(string message) : base(message) { }
    public ConfigurationException(string message, Exception innerException) : base(message, innerException) { }
}
