using System.Text.Json;
using Digest.Core.Extraction;
using Digest.Core.Json;
using Digest.Core.Sources;

namespace Digest.Infrastructure.Configuration;

/// <summary>
/// Reads and checks the sources file. Relative source URLs are resolved against the file's own folder, so a corpus
/// on disk (such as <c>samples/</c>) can be moved as a whole.
/// </summary>
public static class SourcesFileReader
{
    public static SourcesConfig Read(string path)
    {
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new ConfigurationException($"Sources file not found: {fullPath}");
        }

        var baseUri = new Uri(Path.GetDirectoryName(fullPath) + Path.DirectorySeparatorChar);
        RawSources raw;
        try
        {
            raw = JsonSerializer.Deserialize<RawSources>(File.ReadAllBytes(fullPath), DigestJson.Options)
                ?? throw new ConfigurationException($"{fullPath}: the file is empty.");
        }
        catch (JsonException ex)
        {
            throw new ConfigurationException($"{fullPath}: not valid JSON ({ex.Message})", ex);
        }

        if (raw.Sources is not { Count: > 0 })
        {
            throw new ConfigurationException($"{fullPath}: \"sources\" must list at least one source, e.g. {{\"sources\":[{{\"name\":\"Example News\",\"url\":\"https://example.org/feed.xml\"}}]}}");
        }

        var sources = new List<SourceConfig>(raw.Sources.Count);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < raw.Sources.Count; i++)
        {
            var entry = raw.Sources[i];
            var where = $"{fullPath}: sources[{i}]";
            if (string.IsNullOrWhiteSpace(entry.Name))
            {
                throw new ConfigurationException($"{where}: \"name\" is required.");
            }

            if (!names.Add(entry.Name.Trim()))
            {
                throw new ConfigurationException($"{where}: the name \"{entry.Name}\" is used twice.");
            }

            if (string.IsNullOrWhiteSpace(entry.Url) || !Uri.TryCreate(baseUri, entry.Url.Trim(), out var url))
            {
                throw new ConfigurationException($"{where}: \"url\" must be an http(s) or file: URL, or a path relative to the sources file.");
            }

            if (url.Scheme is not ("http" or "https" or "file"))
            {
                throw new ConfigurationException($"{where}: unsupported URL scheme \"{url.Scheme}\"; use http, https or file.");
            }

            var source = new SourceConfig
            {
                Name = entry.Name.Trim(),
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

        return new SourcesConfig
        {
            Sources = sources,
            Subscribers = raw.Subscribers ?? [],
            From = raw.From,
            DefaultNow = raw.DefaultNow,
        };
    }

    private sealed record RawSources(List<RawSource>? Sources, List<string>? Subscribers, string? From, DateTimeOffset? DefaultNow);

    private sealed record RawSource(string? Name, string? Url, List<string>? KeepSelectors, List<string>? DropSelectors);
}

/// <summary>The configuration is wrong; the message says where and how to fix it.</summary>
public sealed class ConfigurationException : Exception
{
    public ConfigurationException() { }
    public ConfigurationException(string message) : base(message) { }
    public ConfigurationException(string message, Exception innerException) : base(message, innerException) { }
}
