using System.Xml.Linq;

namespace Digest.Core.Feeds;

/// <summary>Atom 1.0 (RFC 4287) documents, and the Atom 0.3 draft that some old blogs still serve.</summary>
internal static class AtomFeedReader
{
    public static Feed Read(XElement root, Uri feedUri)
    {
        var ns = root.Name.Namespace;
        var items = new List<FeedItem>();
        foreach (var entry in root.Elements(ns + "entry"))
        {
            var id = FeedText.Identifier(entry.Element(ns + "id")?.Value);
            var link = AlternateLink(entry, ns, feedUri) ?? IdAsLink(id);

            // "published" is when the story first appeared; "updated" changes with every typo fix, so it is only
            // the fallback. Atom 0.3 called them "issued"/"created" and "modified".
            var published = FeedDateParser.Parse(entry.Element(ns + "published")?.Value)
                ?? FeedDateParser.Parse(entry.Element(ns + "issued")?.Value)
                ?? FeedDateParser.Parse(entry.Element(ns + "created")?.Value)
                ?? FeedDateParser.Parse(entry.Element(ns + "updated")?.Value)
                ?? FeedDateParser.Parse(entry.Element(ns + "modified")?.Value);
            var summary = TextConstruct(entry.Element(ns + "summary")) ?? TextConstruct(entry.Element(ns + "content"));

            FeedItems.AddIfIdentifiable(items, new FeedItem(id, link, TextConstruct(entry.Element(ns + "title")), published, summary));
        }

        return new Feed(TextConstruct(root.Element(ns + "title")), items);
    }

    /// <summary>
    /// The <c>link</c> with <c>rel="alternate"</c> or no rel (RFC 4287 4.2.7.2: a missing rel means alternate),
    /// resolved against the xml:base in effect at that link element. Among several alternates (a page and its PDF,
    /// say) the first one that is HTML or untyped wins, else the first one.
    /// </summary>
    private static Uri? AlternateLink(XElement entry, XNamespace ns, Uri feedUri)
    {
        Uri? firstAlternate = null;
        foreach (var link in entry.Elements(ns + "link"))
        {
            var rel = link.Attribute("rel")?.Value.Trim();
            if (!string.IsNullOrEmpty(rel) && rel != "alternate" && rel != "http://www.iana.org/assignments/relation/alternate")
            {
                continue;
            }

            var resolved = FeedText.ResolveLink(link.Attribute("href")?.Value, XmlBase.Of(link, feedUri));
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

    /// <summary>Many publishers use the permalink as the entry id; it is the best link when no link is given.</summary>
    private static Uri? IdAsLink(string? id)
        => id is not null && Uri.TryCreate(id, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri : null;

    /// <summary>
    /// An Atom text construct as plain text: type "text" (the default) is taken literally, "html" is decoded,
    /// "xhtml" is the text of its inline markup. Atom 0.3 used MIME types ("text/html") for the same purpose.
    /// </summary>
    private static string? TextConstruct(XElement? element)
    {
        if (element is null || element.Attribute("src") is not null)
        {
            return null;
        }

        var type = element.Attribute("type")?.Value.Trim().ToLowerInvariant() ?? "text";
        return type switch
        {
            "html" or "text/html" => FeedText.HtmlToText(element.Value),
            "xhtml" or "application/xhtml+xml" => FeedText.HtmlToText(string.Concat(element.Nodes().Select(n => n.ToString()))),
            _ when string.Equals(element.Attribute("mode")?.Value, "escaped", StringComparison.Ordinal) => FeedText.HtmlToText(element.Value),
            _ => FeedText.Clean(element.Value),
        };
    }
}
