using System.Globalization;

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

    public void Validate()
    {
        Require(Timeout > TimeSpan.Zero, nameof(Timeout), Timeout);
        Require(MaxBytes > 0, nameof(MaxBytes), MaxBytes);
        Require(MaxRedirects >= 0, nameof(MaxRedirects), MaxRedirects);
        Require(!string.IsNullOrWhiteSpace(UserAgent), nameof(UserAgent), UserAgent);
        Require(MaxRetries >= 0, nameof(MaxRetries), MaxRetries);
        Require(RetryBaseDelay >= TimeSpan.Zero && RetryBaseDelay <= TimeSpan.FromHours(1), nameof(RetryBaseDelay), RetryBaseDelay);
        Require(MaxRetryAfter >= TimeSpan.Zero && MaxRetryAfter <= TimeSpan.FromHours(1), nameof(MaxRetryAfter), MaxRetryAfter);
    }

    private static void Require(bool condition, string name, object? value)
    {
        if (!condition)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"FetchOptions.{name} is out of range: {value}."), name);
        }
    }
}
