using System.Text;
using System.Xml.Linq;

namespace Digest.Core.Feeds;

/// <summary>Atom 1.0 (RFC 4287) documents, and the Atom 0.3 draft that some old blogs still serve.</summary>
internal static class AtomFeedReader
{
    private static readonly Encoding Utf8Lenient = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    public static Feed Read(XElement root, FeedContext context)
    {
        var ns = root.Name.Namespace;
        // RFC 4287 4.2.1: an entry without an author has the feed's.
        var feedAuthor = Authors(root, ns);
        var items = new List<FeedItem>();
        var position = 0;
        foreach (var entry in root.Elements(ns + "entry"))
        {
            position++;
            var id = FeedText.Identifier(entry.Element(ns + "id")?.Value);
            var title = TextConstruct(entry.Element(ns + "title"));
            var label = FeedContext.ItemLabel(position, title, id);
            var link = AlternateLink(entry, ns, context, label, isFeed: false) ?? FeedLinks.IdentifierLink(id, context, label);

            // "published" is when the story first appeared; "updated" changes with every typo fix, so it is only
            // the fallback. Atom 0.3 called them "issued"/"created" and "modified".
            var updated = FeedDateParser.Parse(entry.Element(ns + "updated")?.Value)
                ?? FeedDateParser.Parse(entry.Element(ns + "modified")?.Value);
            var published = FeedDateParser.Parse(entry.Element(ns + "published")?.Value)
                ?? FeedDateParser.Parse(entry.Element(ns + "issued")?.Value)
                ?? FeedDateParser.Parse(entry.Element(ns + "created")?.Value)
                ?? updated;
            var content = TextConstruct(entry.Element(ns + "content"));
            var summary = TextConstruct(entry.Element(ns + "summary")) ?? content;

            FeedItems.AddIfIdentifiable(items, new FeedItem(id, link, title, published, summary, updated, Authors(entry, ns) ?? feedAuthor, content));
        }

        return new Feed(TextConstruct(root.Element(ns + "title")), items)
        {
            Format = FeedFormats.Atom,
            Link = AlternateLink(root, ns, context, "feed", isFeed: true),
        };
    }

    /// <summary>
    /// The <c>link</c> with <c>rel="alternate"</c> or no rel (RFC 4287 4.2.7.2: a missing rel means alternate),
    /// resolved against the xml:base in effect at that link element. Among several alternates (a page and its PDF,
    /// say) the first one that is HTML or untyped wins, else the first one. A link the rules of <see cref="FeedLinks"/>
    /// drop is skipped, so a later alternate can still serve.
    /// </summary>
    private static Uri? AlternateLink(XElement parent, XNamespace ns, FeedContext context, string label, bool isFeed)
    {
        Uri? firstAlternate = null;
        foreach (var link in parent.Elements(ns + "link"))
        {
            var rel = link.Attribute("rel")?.Value.Trim();
            if (!string.IsNullOrEmpty(rel) && rel != "alternate" && rel != "http://www.iana.org/assignments/relation/alternate")
            {
                continue;
            }

            var href = link.Attribute("href")?.Value;
            var linkBase = XmlBase.Of(link, context.FeedUri);
            var resolved = isFeed ? FeedLinks.FeedLink(href, linkBase, context) : FeedLinks.ItemLink(href, linkBase, context, label);
            if (resolved is null)
            {
                continue;
            }

            var type = link.Attribute("type")?.Value;
            if (string.IsNullOrWhiteSpace(type) || type.Contains("html", StringComparison.OrdinalIgnoreCase))
            {
                return resolved;
            }

            firstAlternate ??= resolved;
        }

        return firstAlternate;
    }

    /// <summary>The names of the element's <c>author</c> children (Atom 1.0 and 0.3 alike: <c>author/name</c>).</summary>
    private static string? Authors(XElement parent, XNamespace ns)
        => FeedText.Authors(parent.Elements(ns + "author").Select(a => a.Element(ns + "name")?.Value ?? a.Value));

    /// <summary>
    /// An Atom text or content construct as plain text: type "text" (the default) is taken literally, "html" is
    /// decoded, "xhtml" is the text of its inline markup. Atom 0.3 used MIME types ("text/html") for the same purpose
    /// and <c>mode="escaped"</c> or <c>mode="base64"</c>; Atom 1.0 content of any other MIME type that is neither text
    /// nor XML is base64 (RFC 4287 4.1.3.3). Base64 that does not decode to text gives null.
    /// </summary>
    private static string? TextConstruct(XElement? element)
    {
        if (element is null || element.Attribute("src") is not null)
        {
            return null;
        }

        var type = element.Attribute("type")?.Value.Trim().ToLowerInvariant() ?? "text";
        var mode = element.Attribute("mode")?.Value.Trim().ToLowerInvariant();
        var isHtml = type is "html" or "text/html";
        if (mode == "base64" || IsBase64MediaType(type))
        {
            var decoded = Base64Text(element.Value);
            return isHtml || type is "xhtml" or "application/xhtml+xml" ? FeedText.HtmlToText(decoded) : FeedText.Clean(decoded);
        }

        return type switch
        {
            _ when isHtml => FeedText.HtmlToText(element.Value),
            "xhtml" or "application/xhtml+xml" => FeedText.HtmlToText(string.Concat(element.Nodes().Select(n => n.ToString()))),
            _ when mode == "escaped" => FeedText.HtmlToText(element.Value),
            _ => FeedText.Clean(element.Value),
        };
    }

    /// <summary>RFC 4287 4.1.3.3: a MIME type that is not text/*, not XML and not one of Atom's own words.</summary>
    private static bool IsBase64MediaType(string type)
        => type.Contains('/', StringComparison.Ordinal)
           && !type.StartsWith("text/", StringComparison.Ordinal)
           && !type.EndsWith("+xml", StringComparison.Ordinal)
           && !type.EndsWith("/xml", StringComparison.Ordinal);

    /// <summary>Base64 as UTF-8 text; null when it is not base64 or decodes to binary (a NUL byte).</summary>
    private static string? Base64Text(string value)
    {
        var compact = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (!char.IsWhiteSpace(c))
            {
                compact.Append(c);
            }
        }

        var bytes = new byte[(compact.Length / 4 * 3) + 3];
        if (!Convert.TryFromBase64String(compact.ToString(), bytes, out var written) || Array.IndexOf(bytes, (byte)0, 0, written) >= 0)
        {
            return null;
        }

        return Utf8Lenient.GetString(bytes, 0, written);
    }
}
