using System.Globalization;

namespace Digest.Core.Subscribers;

/// <summary>
/// The links a subscriber is sent (README, "HTTP API" and "Archive site"): confirm and unsubscribe carry a signed token
/// for one subscriber and one purpose; the web copy is the archive site's page of the briefing. Every link is http(s):
/// the base addresses are checked when configured.
/// </summary>
public sealed class SubscriptionLinks
{
    /// <summary>A confirmation link is good for a week: long enough to find the mail, short enough that an old one is dead.</summary>
    public static readonly TimeSpan ConfirmLifetime = TimeSpan.FromDays(7);

    /// <summary>An unsubscribe link works for a year after the briefing that carried it: people unsubscribe from old mail.</summary>
    public static readonly TimeSpan UnsubscribeLifetime = TimeSpan.FromDays(366);

    private readonly Uri apiBase;
    private readonly Uri siteBase;
    private readonly SubscriptionToken tokens;

    /// <param name="apiBase">Where the HTTP API answers (e.g. <c>https://digest.example/</c>); its <c>/api/…</c> routes are appended.</param>
    /// <param name="siteBase">Where the archive site is served (e.g. the storage account's static website).</param>
    /// <param name="tokens">The token signer.</param>
    public SubscriptionLinks(Uri apiBase, Uri siteBase, SubscriptionToken tokens)
    {
        this.apiBase = WithSlash(apiBase, nameof(apiBase));
        this.siteBase = WithSlash(siteBase, nameof(siteBase));
        this.tokens = tokens ?? throw new ArgumentNullException(nameof(tokens));
    }

    /// <summary><c>GET/POST {api}/api/subscribers/confirm?token=…</c></summary>
    public Uri Confirm(string subscriberId, DateTimeOffset now)
        => new(apiBase, "api/subscribers/confirm?token=" + tokens.Create(TokenPurpose.Confirm, subscriberId, now + ConfirmLifetime));

    /// <summary><c>GET/POST {api}/api/subscribers/unsubscribe?token=…</c> (the POST is RFC 8058's one-click unsubscribe).</summary>
    public Uri Unsubscribe(string subscriberId, DateTimeOffset now)
        => new(apiBase, "api/subscribers/unsubscribe?token=" + tokens.Create(TokenPurpose.Unsubscribe, subscriberId, now + UnsubscribeLifetime));

    /// <summary>The token of a confirm or unsubscribe link (base64url and dots), or null when the link has none.</summary>
    public static string? TokenOf(Uri link)
    {
        ArgumentNullException.ThrowIfNull(link);
        const string Marker = "token=";
        var query = link.Query;
        var at = query.IndexOf(Marker, StringComparison.Ordinal);
        if (at < 0 || (at > 0 && query[at - 1] is not ('?' or '&')))
        {
            return null;
        }

        var token = query[(at + Marker.Length)..].Split('&')[0];
        return token.Length > 0 && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') ? token : null;
    }

    /// <summary><c>{site}/briefings/yyyy-mm-dd/</c>: the archive site's page of the day's briefing.</summary>
    public Uri WebCopy(DateOnly date) => new(siteBase, "briefings/" + date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "/");

    private static Uri WithSlash(Uri uri, string name)
    {
        ArgumentNullException.ThrowIfNull(uri, name);
        if (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) || !string.IsNullOrEmpty(uri.Query)
            || !string.IsNullOrEmpty(uri.Fragment))
        {
            throw new ArgumentException($"{name} must be an absolute http(s) address without a query.", name);
        }

        return uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
    }
}
