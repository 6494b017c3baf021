using System.Xml.Linq;

namespace Digest.Core.Feeds;

/// <summary>RSS 2.0 / 0.9x (<c>&lt;rss&gt;&lt;channel&gt;&lt;item&gt;</c>) and RSS 1.0 / 0.90 (RDF) documents.</summary>
internal static class RssFeedReader
{
    /// <summary>RSS 2.0 and 0.91/0.92: elements without a namespace, items inside the channel.</summary>
    public static Feed ReadRss2(XElement root, Uri feedUri)
    {
        // RSS 2.0 has no namespace, but a few generators put one on the root (the old "backend.userland.com/rss2");
        // reading the children in the root's namespace handles both.
        var ns = root.Name.Namespace;
        var channel = root.Element(ns + "channel")
            ?? throw new FeedFormatException($"The RSS document from {feedUri} has no <channel> element.");

        var items = new List<FeedItem>();
        foreach (var item in channel.Elements(ns + "item"))
        {
            var guidElement = item.Element(ns + "guid");
            var guid = FeedText.Identifier(guidElement?.Value);
            var itemBase = XmlBase.Of(item, feedUri);
            var link = FeedText.ResolveLink(item.Element(ns + "link")?.Value, itemBase)
                ?? AtomAlternateLink(item, feedUri)
                ?? PermalinkGuid(guidElement, guid);
            var published = FeedDateParser.Parse(item.Element(ns + "pubDate")?.Value)
                ?? FeedDateParser.Parse(item.Element(FeedNamespaces.DublinCore + "date")?.Value)
                ?? FeedDateParser.Parse(item.Element(FeedNamespaces.Atom + "published")?.Value)
                ?? FeedDateParser.Parse(item.Element(FeedNamespaces.Atom + "updated")?.Value);
            var summary = FeedText.HtmlToText(item.Element(ns + "description")?.Value)
                ?? FeedText.HtmlToText(item.Element(FeedNamespaces.Content + "encoded")?.Value);

            FeedItems.AddIfIdentifiable(items, new FeedItem(guid, link, FeedText.HtmlToText(item.Element(ns + "title")?.Value), published, summary));
        }

        return new Feed(FeedText.HtmlToText(channel.Element(ns + "title")?.Value), items);
    }

    /// <summary>
    /// RSS 1.0 and 0.90: an <c>rdf:RDF</c> root whose items are siblings of the channel; the identifier is
    /// <c>rdf:about</c> and the date <c>dc:date</c>.
    /// </summary>
    public static Feed ReadRdf(XElement root, Uri feedUri)
    {
        var ns = root.Element(FeedNamespaces.Rss10 + "channel") is not null || root.Element(FeedNamespaces.Rss10 + "item") is not null
            ? FeedNamespaces.Rss10
            : FeedNamespaces.Rss090;
        var channel = root.Element(ns + "channel");
        if (channel is null && root.Element(ns + "item") is null)
        {
            throw new FeedFormatException(
                $"The RDF document from {feedUri} has neither an RSS 1.0 channel nor items; it is not an RSS 1.0 feed.");
        }

        var items = new List<FeedItem>();
        foreach (var item in root.Elements(ns + "item"))
        {
            var itemBase = XmlBase.Of(item, feedUri);
            var about = FeedText.Identifier(item.Attribute(FeedNamespaces.Rdf + "about")?.Value);
            var link = FeedText.ResolveLink(item.Element(ns + "link")?.Value, itemBase)
                ?? FeedText.ResolveLink(about, itemBase);
            var published = FeedDateParser.Parse(item.Element(FeedNamespaces.DublinCore + "date")?.Value);
            var summary = FeedText.HtmlToText(item.Element(ns + "description")?.Value)
                ?? FeedText.HtmlToText(item.Element(FeedNamespaces.Content + "encoded")?.Value);

            FeedItems.AddIfIdentifiable(items, new FeedItem(about, link, FeedText.HtmlToText(item.Element(ns + "title")?.Value), published, summary));
        }

        return new Feed(FeedText.HtmlToText(channel?.Element(ns + "title")?.Value), items);
    }

    /// <summary>Some RSS 2.0 feeds give the link only as <c>&lt;atom:link rel="alternate"&gt;</c>.</summary>
    private static Uri? AtomAlternateLink(XElement item, Uri feedUri)
    {
        foreach (var atomLink in item.Elements(FeedNamespaces.Atom + "link"))
        {
            var rel = atomLink.Attribute("rel")?.Value;
            if (string.IsNullOrEmpty(rel) || rel == "alternate")
            {
                return FeedText.ResolveLink(atomLink.Attribute("href")?.Value, XmlBase.Of(atomLink, feedUri));
            }
        }

        return null;
    }

    /// <summary>
    /// A guid is a permalink unless <c>isPermaLink="false"</c> (RSS 2.0 default); used as the link only when the item
    /// has no link of its own and the guid is an absolute http(s) URL.
    /// </summary>
    private static Uri? PermalinkGuid(XElement? guidElement, string? guid)
    {
        if (guid is null || string.Equals(guidElement?.Attribute("isPermaLink")?.Value?.Trim(), "false", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return Uri.TryCreate(guid, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri : null;
    }
}
