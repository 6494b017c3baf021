using Digest.Core.Mail;
using Digest.Infrastructure.Subscribers;

namespace Digest.Infrastructure.Hosting;

/// <summary>
/// The settings of the subscription links: where the API and the archive site answer, and the token-signing key.
/// Checked with the others at start-up; a message names the setting, never its value (the key is a secret, and a
/// mistyped address may hold one too).
/// </summary>
/// <param name="PublicBaseUrl">Where the HTTP API answers from outside; the confirm and unsubscribe links point here.</param>
/// <param name="SiteBaseUrl">Where the archive site is served.</param>
/// <param name="ConfiguredKey">The configured key, or null: the embedded data folder's own key is used then.</param>
/// <param name="UnsubscribeMailto">The <c>mailto:</c> URI of unsubscribe requests by mail, or null.</param>
public sealed record SubscriptionSettings(Uri PublicBaseUrl, Uri SiteBaseUrl, byte[]? ConfiguredKey, string? UnsubscribeMailto = null)
{
    public const string UnsubscribeMailtoSetting = "Digest:UnsubscribeMailto";

    public const string PublicBaseUrlSetting = "Digest:PublicBaseUrl";
    public const string SiteBaseUrlSetting = "Digest:SiteBaseUrl";
    public const string TokenSigningKeySetting = "Digest:TokenSigningKey";

    /// <param name="options">The bound settings.</param>
    /// <param name="defaultPublicBaseUrl">The host's own address (<c>digest serve</c>), or null where the setting is required.</param>
    /// <param name="sharedStorage">True with a storage account: every host must compute the same ids, so the key is required.</param>
    /// <param name="errors">Gets one line per problem.</param>
    public static SubscriptionSettings? TryResolve(DigestOptions options, Uri? defaultPublicBaseUrl, bool sharedStorage, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(errors);
        var count = errors.Count;
        var api = string.IsNullOrWhiteSpace(options.PublicBaseUrl)
            ? defaultPublicBaseUrl ?? Missing(errors)
            : ParseBase(options.PublicBaseUrl, PublicBaseUrlSetting, errors);
        var site = string.IsNullOrWhiteSpace(options.SiteBaseUrl) ? api : ParseBase(options.SiteBaseUrl, SiteBaseUrlSetting, errors);

        byte[]? key = null;
        if (!string.IsNullOrWhiteSpace(options.TokenSigningKey) || sharedStorage)
        {
            try
            {
                // With a key configured this only decodes it; without one (shared storage) it refuses, naming the setting.
                key = TokenSigningKey.Resolve(options.TokenSigningKey, TokenSigningKeySetting, dataDirectory: "", sharedStorage: true);
            }
            catch (Exception exception) when (exception is ArgumentException or InvalidOperationException)
            {
                errors.Add(exception.Message);
            }
        }

        string? mailto = null;
        if (!string.IsNullOrWhiteSpace(options.UnsubscribeMailto))
        {
            if (MailAddressParser.TryParse(options.UnsubscribeMailto.Trim(), out var address, out _))
            {
                mailto = "mailto:" + address.Address + "?subject=unsubscribe";
            }
            else
            {
                errors.Add($"{UnsubscribeMailtoSetting} must be one mail address.");
            }
        }

        return errors.Count == count && api is not null && site is not null ? new SubscriptionSettings(api, site, key, mailto) : null;
    }

    private static Uri? Missing(List<string> errors)
    {
        errors.Add($"{PublicBaseUrlSetting} is not set: it is the app's public address (e.g. https://<app>.azurewebsites.net/), which the confirm and unsubscribe links point to.");
        return null;
    }

    /// <summary>Absolute http(s), no query, fragment or user info: the links append their own path and query to it.</summary>
    private static Uri? ParseBase(string text, string setting, List<string> errors)
    {
        if (TryParseBase(text, out var uri))
        {
            return uri;
        }

        errors.Add($"{setting} must be an absolute http or https address without a query, fragment or user name, e.g. https://digest.example/.");
        return null;
    }

    /// <summary>A base address as the links need it (see <see cref="ParseBase"/>), ending in a slash.</summary>
    public static bool TryParseBase(string text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Uri? baseUri)
    {
        ArgumentNullException.ThrowIfNull(text);
        baseUri = null;
        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            return false;
        }

        baseUri = uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
        return true;
    }
}
