using System.Globalization;
using System.Net;

namespace Digest.Infrastructure.Fetching;

/// <summary>Limits and manners of <see cref="HttpPageFetcher"/>. Every limit bounds the time or memory one fetch can take.</summary>
public sealed record FetchOptions
{
    public static FetchOptions Default { get; } = new();

    /// <summary>Longest time one attempt may take, from sending the request to the last byte of the body.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Largest body accepted (after decompression).</summary>
    public long MaxBytes { get; init; } = 10 * 1024 * 1024;

    public int MaxRedirects { get; init; } = 5;

    public string UserAgent { get; init; } = "Digest/1.0 (+self-hosted news digest)";

    /// <summary>Retries after the first attempt, for transient failures only (network errors, timeouts, 408, 429, 5xx).</summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>First retry delay; later ones double, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>A server's Retry-After is honoured up to this long, so one slow server cannot stall a whole run.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Longest time one whole fetch may take: every attempt, redirect and retry delay together, so that retries and a
    /// server's Retry-After cannot add up to minutes for one document.
    /// </summary>
    public TimeSpan TotalTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Host names or IP literals (case-insensitive, compared with the URL's host before any DNS lookup) that may be
    /// reached whatever their addresses are: the operator's own intranet or loopback sources.
    /// </summary>
    public IReadOnlyCollection<string> AllowedHosts { get; init; } = [];

    /// <summary>Networks in CIDR form ("10.0.0.0/8", "fd00::/8") whose addresses may be reached although they are not public.</summary>
    public IReadOnlyCollection<string> AllowedNetworks { get; init; } = [];

    /// <summary>
    /// When true, every address may be reached (no protection against server-side request forgery). Off by default:
    /// a feed or page must not make Digest talk to loopback, private, link-local or cloud-metadata addresses.
    /// </summary>
    public bool AllowPrivateAddresses { get; init; }

    /// <summary>Requests in flight at one host at once, across all concurrent fetches of one fetcher.</summary>
    public int MaxConcurrentPerHost { get; init; } = 2;

    /// <summary>
    /// Least time between the starts of two requests to one host (default none), for hosts that ask crawlers to slow down.
    /// </summary>
    public TimeSpan MinDelayPerHost { get; init; } = TimeSpan.Zero;

    /// <summary>
    /// Default options whose <see cref="AllowedHosts"/> are the hosts of the operator's own http(s) sources, so a
    /// source on an intranet or on this machine keeps working while links found in feeds and pages stay restricted.
    /// </summary>
    public static FetchOptions ForSources(IEnumerable<Uri> sourceUrls)
    {
        ArgumentNullException.ThrowIfNull(sourceUrls);
        var hosts = sourceUrls
            .Where(url => url is { IsAbsoluteUri: true } && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps))
            .Select(url => url.IdnHost)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToArray();
        return Default with { AllowedHosts = hosts };
    }

    /// <summary>
    /// <see cref="ForSources"/> for a sources file, with the hosts and networks it allows: what every host fetches with
    /// unless it was given explicit options.
    /// </summary>
    public static FetchOptions ForSourcesFile(Digest.Core.Sources.SourcesConfig sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var options = ForSources(sources.Sources.Select(source => source.Url));
        return options with
        {
            AllowedHosts = [.. options.AllowedHosts, .. sources.AllowedHosts],
            AllowedNetworks = [.. sources.AllowedNetworks],
        };
    }

    public void Validate()
    {
        Require(Timeout > TimeSpan.Zero, nameof(Timeout), Timeout);
        Require(MaxBytes > 0, nameof(MaxBytes), MaxBytes);
        Require(MaxRedirects >= 0, nameof(MaxRedirects), MaxRedirects);
        Require(!string.IsNullOrWhiteSpace(UserAgent), nameof(UserAgent), UserAgent);
        Require(MaxRetries >= 0, nameof(MaxRetries), MaxRetries);
        Require(RetryBaseDelay >= TimeSpan.Zero && RetryBaseDelay <= TimeSpan.FromHours(1), nameof(RetryBaseDelay), RetryBaseDelay);
        Require(MaxRetryAfter >= TimeSpan.Zero && MaxRetryAfter <= TimeSpan.FromHours(1), nameof(MaxRetryAfter), MaxRetryAfter);
        Require(TotalTimeout > TimeSpan.Zero && TotalTimeout <= TimeSpan.FromHours(1), nameof(TotalTimeout), TotalTimeout);
        Require(MaxConcurrentPerHost >= 1, nameof(MaxConcurrentPerHost), MaxConcurrentPerHost);
        Require(MinDelayPerHost >= TimeSpan.Zero && MinDelayPerHost <= TimeSpan.FromMinutes(10), nameof(MinDelayPerHost), MinDelayPerHost);
        Require(AllowedHosts is not null && AllowedHosts.All(host => !string.IsNullOrWhiteSpace(host)), nameof(AllowedHosts),
            AllowedHosts is null ? null : string.Join(", ", AllowedHosts));
        Require(AllowedNetworks is not null && AllowedNetworks.All(network => IPNetwork.TryParse(network, out _)), nameof(AllowedNetworks),
            AllowedNetworks is null ? null : string.Join(", ", AllowedNetworks));
    }

    private static void Require(bool condition, string name, object? value)
    {
        if (!condition)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"FetchOptions.{name} is out of range: {value}."), name);
        }
    }
}
