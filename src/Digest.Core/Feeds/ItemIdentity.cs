using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Digest.Core.Feeds;

/// <summary>
/// The single definition of "the same feed item" and of the ids derived from it. These strings are stored (blob
/// names, queue messages, story membership), so the rules below are a public contract: changing any of them makes
/// every stored article look new.
/// </summary>
public static class ItemIdentity
{
    /// <summary>The longest <see cref="SourceId"/>.</summary>
    public const int MaxSourceIdLength = 40;

    /// <summary>
    /// The identity key of an item, the first rule that applies:
    /// <list type="number">
    /// <item><c>"guid:" + Guid</c> trimmed, when the item has a non-blank guid (RSS guid, Atom id, JSON Feed id,
    /// RSS 1.0 rdf:about). Compared exactly (case-sensitive): publishers promise the guid never changes.</item>
    /// <item><c>"link:" + canonical link</c> when it has a link; see <see cref="CanonicalLink"/>.</item>
    /// <item><c>"hash:" + SHA-256</c> (lowercase hex) of the UTF-8 bytes of <c>Title + "\n" + Published</c>, where a
    /// missing title is empty and Published is written as UTC <c>yyyy-MM-ddTHH:mm:ssZ</c> or empty when missing.</item>
    /// </list>
    /// </summary>
    public static string Key(FeedItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var guid = item.Guid?.Trim();
        if (!string.IsNullOrEmpty(guid))
        {
            return "guid:" + guid;
        }

        if (item.Link is not null)
        {
            return "link:" + CanonicalLink(item.Link);
        }

        var published = item.Published is { } date
            ? date.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : "";
        return "hash:" + Sha256Hex((item.Title ?? "") + "\n" + published);
    }

    /// <summary>
    /// The link as used for identity: scheme and host in lowercase, the scheme's default port dropped, the fragment
    /// dropped, tracking parameters (<c>utm_*</c>, <c>fbclid</c>, <c>gclid</c>, names compared case-insensitively)
    /// removed from the query, the remaining parameters kept in their original order and spelling, and no
    /// <c>?</c> left when none remain. Path and user info are kept as they are (paths are case-sensitive).
    /// A relative URI is returned as its original string.
    /// </summary>
    public static string CanonicalLink(Uri link)
    {
        ArgumentNullException.ThrowIfNull(link);
        if (!link.IsAbsoluteUri)
        {
            return link.OriginalString;
        }

        // SchemeAndServer leaves out a port that is the scheme's default and lowercases scheme and host.
        var builder = new StringBuilder(link.GetComponents(
            UriComponents.Scheme | UriComponents.UserInfo | UriComponents.Host | UriComponents.Port | UriComponents.Path,
            UriFormat.UriEscaped));
        var query = link.GetComponents(UriComponents.Query, UriFormat.UriEscaped);
        var separator = '?';
        foreach (var parameter in query.Split('&'))
        {
            if (parameter.Length == 0 || IsTrackingParameter(parameter))
            {
                continue;
            }

            builder.Append(separator).Append(parameter);
            separator = '&';
        }

        return builder.ToString();
    }

    /// <summary>
    /// The id of an article: the first 16 lowercase hex characters of SHA-256 over the UTF-8 bytes of
    /// <c>sourceId + "\n" + Key(item)</c>. It depends only on these strings, so it is the same on every run and machine;
    /// the same story published by two sources gives two articles.
    /// </summary>
    public static string ArticleId(string sourceId, FeedItem item)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceId);
        return Sha256Hex(sourceId + "\n" + Key(item))[..16];
    }

    /// <summary>
    /// The id of a source: a slug of its configured name. ASCII letters are lowercased, accents are removed
    /// ("Über" gives "uber"), digits are kept, every other run of characters becomes one hyphen, leading and
    /// trailing hyphens are trimmed. A slug longer than <see cref="MaxSourceIdLength"/> characters is cut to 31 and
    /// given <c>"-"</c> + 8 hex characters of SHA-256 of the whole slug, so two long names that share their first 40
    /// characters still get two ids (names whose slug fits are unaffected). Two names with the same slug
    /// ("Example News", "example-news") are refused when the sources file is read.
    /// When the name leaves nothing (say it is written entirely in a non-Latin script) the slug of the URL's host
    /// and path is used instead, and failing that <c>"source-"</c> + 8 hex characters of SHA-256 of the name.
    /// <para>
    /// Because the id comes from the name, renaming a source changes its id: its articles get new ids and are
    /// fetched and processed again as new. Keep a source's name stable once it is in use.
    /// </para>
    /// </summary>
    public static string SourceId(string sourceName, Uri? url = null)
    {
        ArgumentNullException.ThrowIfNull(sourceName);
        var slug = BoundedSlug(sourceName);
        if (slug.Length == 0 && url is { IsAbsoluteUri: true })
        {
            slug = BoundedSlug(url.Host + url.AbsolutePath);
        }

        return slug.Length > 0 ? slug : "source-" + Sha256Hex(sourceName)[..8];
    }

    /// <summary>Length of the readable part of a slug that had to be shortened; the rest is "-" and 8 hex digits.</summary>
    private const int ShortenedSlugPrefix = MaxSourceIdLength - 9;

    private static string BoundedSlug(string text)
    {
        var whole = Slug(text, int.MaxValue);
        if (whole.Length <= MaxSourceIdLength)
        {
            return whole;
        }

        return whole[..ShortenedSlugPrefix].TrimEnd('-') + "-" + Sha256Hex(whole)[..8];
    }

    /// <summary>
    /// Lowercase ASCII letters and digits separated by single hyphens, at most <paramref name="maxLength"/> long.
    /// </summary>
    public static string Slug(string text, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(Math.Min(text.Length, Math.Min(maxLength, 256)));
        var pendingHyphen = false;
        foreach (var c in FoldToAscii(text))
        {
            if (builder.Length >= maxLength)
            {
                break;
            }

            if (char.IsAsciiLetterOrDigit(c))
            {
                if (pendingHyphen && builder.Length > 0)
                {
                    // A hyphen is only worth adding when a character can still follow it.
                    if (builder.Length + 2 > maxLength)
                    {
                        break;
                    }

                    builder.Append('-');
                }

                pendingHyphen = false;
                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                pendingHyphen = true;
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// Folds Latin letters with diacritics (U+00C0 to U+017F) to lowercase ASCII. A table rather than Unicode
    /// decomposition because the product runs with invariant globalization, where normalization is not available,
    /// and because ids must not depend on the ICU version of the machine.
    /// </summary>
    private static string FoldToAscii(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c >= LatinFoldStart && c < LatinFoldStart + LatinFolds.Length)
            {
                builder.Append(LatinFolds[c - LatinFoldStart]);
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private const char LatinFoldStart = '\u00C0';

    // Generated from Unicode NFKD (combining marks removed) plus the letters that do not decompose (ß, æ, ø, ł, ...).
    // Empty entries (× and ÷) become word separators.
    private static readonly string[] LatinFolds =
    [
        "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
        "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "ss",
        "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
        "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "y",
        "a", "a", "a", "a", "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d",
        "d", "d", "e", "e", "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g",
        "g", "g", "g", "g", "h", "h", "h", "h", "i", "i", "i", "i", "i", "i", "i", "i",
        "i", "i", "ij", "ij", "j", "j", "k", "k", "k", "l", "l", "l", "l", "l", "l", "l",
        "l", "l", "l", "n", "n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o",
        "o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s", "s",
        "s", "s", "t", "t", "t", "t", "t", "t", "u", "u", "u", "u", "u", "u", "u", "u",
        "u", "u", "u", "u", "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s",
    ];

    private static bool IsTrackingParameter(string parameter)
    {
        var nameEnd = parameter.IndexOf('=', StringComparison.Ordinal);
        var name = Uri.UnescapeDataString(nameEnd < 0 ? parameter : parameter[..nameEnd]);
        return name.StartsWith("utm_", StringComparison.OrdinalIgnoreCase)
            || string.Equals(name, "fbclid", StringComparison.OrdinalIgnoreCase)
            || string.Equals(name, "gclid", StringComparison.OrdinalIgnoreCase);
    }

    private static string Sha256Hex(string text)
        => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
