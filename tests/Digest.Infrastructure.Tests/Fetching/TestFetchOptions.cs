using Digest.Infrastructure.Fetching;

namespace Digest.Infrastructure.Tests.Fetching;

/// <summary>Fetch options for tests against loopback servers.</summary>
internal static class TestFetchOptions
{
    /// <summary>
    /// The loopback servers of ordinary tests listen on 127.0.0.1, allowed here the way an operator allows an intranet
    /// source. Every other address, 127.0.0.2 included, stays under the address policy: the SSRF tests put their
    /// "internal" servers there.
    /// </summary>
    public static readonly FetchOptions Loopback = FetchOptions.Default with { AllowedHosts = ["127.0.0.1"] };

    /// <summary>Retries without real waiting: short delays, no Retry-After honoured beyond a few milliseconds.</summary>
    public static readonly FetchOptions Fast = Loopback with
    {
        RetryBaseDelay = TimeSpan.FromMilliseconds(1),
        MaxRetryAfter = TimeSpan.FromMilliseconds(5),
    };
}
