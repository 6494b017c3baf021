using System.Text.RegularExpressions;
using Digest.Core.Safety;

namespace Digest.Core.Feeds;

/// <summary>
/// The one rule for links that leave a feed: <b>only absolute http(s) URLs</b>, with a single exception for the
/// operator's own files.
/// <para>
/// A link written in a feed is hostile input: a <c>file:///etc/passwd</c>, <c>javascript:</c>, <c>data:</c>,
/// <c>ftp:</c> or <c>mailto:</c> "article link" must never reach the page fetcher, a briefing or an email. Such a link
/// is dropped (the item keeps its other fields) and a warning naming the item and the scheme is recorded on the feed.
/// </para>
/// <para>
/// The exception: an operator may configure a feed as a <c>file:</c> URI (the sample corpus does: <c>samples/outlets/*/</c>
/// feeds link to <c>articles/x.html</c> beside them). A link then inherits the operator's trust, and may be a
/// <c>file:</c> URL, only when all of these hold: the operator's feed URI is <c>file:</c>; the link text is relative
/// (it names no scheme of its own); no document-supplied <c>xml:base</c> took part in resolving it; and the result has
/// the feed URI's scheme and host. Anything a document wrote itself, an absolute <c>file:</c> link or a relative one
/// under <c>xml:base="file:///etc/"</c>, stays untrusted and is dropped. An http(s) feed can therefore never produce a
/// <c>file:</c> link, whatever it contains.
/// </para>
/// </summary>
internal static partial class FeedLinks
{
    private const int MaxShownLinkLength = 80;

    /// <summary>Identifier schemes that are not locators; an id in them is simply not a link, which is no news.</summary>
    private static readonly HashSet<string> IdentifierOnlySchemes = new(StringComparer.OrdinalIgnoreCase) { "urn", "tag", "uuid" };

    /// <summary>
    /// Resolves a link of <paramref name="item"/> (written as <paramref name="href"/>) against <paramref name="linkBase"/>;
    /// null, with a warning when something was there, unless the result passes the rule above.
    /// </summary>
    public static Uri? ItemLink(string? href, LinkBase linkBase, FeedContext context, string item)
    {
        var trimmed = href?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        if (!Uri.TryCreate(linkBase.Uri, trimmed, out var resolved))
        {
            context.Warn($"{item}: link \"{Shown(trimmed)}\" dropped: it is not a valid URL.");
            return null;
        }

        if (SafeUrl.IsHttp(resolved) || IsOperatorFile(trimmed, linkBase, resolved, context.FeedUri))
        {
            return resolved;
        }

        context.Warn($"{item}: link with scheme \"{resolved.Scheme}\" dropped: only http and https links are kept.");
        return null;
    }

    /// <summary>
    /// An identifier used as a link when the item has no link of its own (an RSS permalink guid, an Atom id):
    /// only when it is an absolute http(s) URL. Identifiers that are not URLs, or are URNs and tags, are silently no
    /// link; any other scheme (<c>file:</c>, <c>javascript:</c>, ...) is dropped with a warning.
    /// </summary>
    public static Uri? IdentifierLink(string? id, FeedContext context, string item)
    {
        if (id is null || !HasScheme(id) || !Uri.TryCreate(id, UriKind.Absolute, out var uri) || IdentifierOnlySchemes.Contains(uri.Scheme))
        {
            return null;
        }

        if (SafeUrl.IsHttp(uri))
        {
            return uri;
        }

        context.Warn($"{item}: permalink with scheme \"{uri.Scheme}\" dropped: only http and https links are kept.");
        return null;
    }

    /// <summary>The feed's own site link: http(s) only, no operator exception (it is shown, never fetched as a local file).</summary>
    public static Uri? FeedLink(string? href, LinkBase linkBase, FeedContext context)
    {
        var trimmed = href?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        var link = SafeUrl.ParseHttp(trimmed, linkBase.Uri);
        if (link is null)
        {
            var scheme = Uri.TryCreate(linkBase.Uri, trimmed, out var resolved) ? resolved.Scheme : "none";
            context.Warn($"feed: site link with scheme \"{scheme}\" dropped: only http and https links are kept.");
        }

        return link;
    }

    /// <summary>True when the link may be a <c>file:</c> URL because the operator's trust carries over to it.</summary>
    private static bool IsOperatorFile(string written, LinkBase linkBase, Uri resolved, Uri feedUri)
        => feedUri.IsFile
           && resolved.IsFile
           && !linkBase.FromDocument
           && !HasScheme(written)
           && string.Equals(resolved.Host, feedUri.Host, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Whether the text starts with an RFC 3986 scheme. Decided on the text, not with <see cref="Uri"/>: on Unix
    /// <c>new Uri("/x")</c> is the absolute <c>file:///x</c>, which would make every root-relative link look absolute.
    /// </summary>
    public static bool HasScheme(string text) => SchemePrefix().IsMatch(text);

    private static string Shown(string text)
        => SafeText.Inline(text.Length > MaxShownLinkLength ? text[..MaxShownLinkLength] + "…" : text) ?? "";

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9+.-]*:", RegexOptions.CultureInvariant)]
    private static partial Regex SchemePrefix();
}
