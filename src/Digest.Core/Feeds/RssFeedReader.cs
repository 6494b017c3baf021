using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Digest.Core.Feeds;

/// <summary>RSS 2.0 / 0.9x (<c>&lt;rss&gt;&lt;channel&gt;&lt;item&gt;</c>) and RSS 1.0 / 0.90 (RDF) documents.</summary>
internal static partial class RssFeedReader
{
    /// <summary>RSS 2.0 and 0.91/0.92: elements without a namespace, items inside the channel.</summary>
    public static Feed ReadRss2(XElement root, FeedContext context)
    {
        var feedUri = context.FeedUri;

        // RSS 2.0 has no namespace, but a few generators put one on the root (the old "backend.userland.com/rss2");
        // reading the children in the root's namespace handles both.
        var ns = root.Name.Namespace;
        var channel = root.Element(ns + "channel")
            ?? throw new FeedFormatException($"The RSS document from {feedUri} has no <channel> element.");

        var items = new List<FeedItem>();
        var position = 0;
        foreach (var item in channel.Elements(ns + "item"))
        {
            position++;
            var guidElement = item.Element(ns + "guid");
            var guid = FeedText.Identifier(guidElement?.Value);
            var title = FeedText.HtmlToText(item.Element(ns + "title")?.Value);
            var label = FeedContext.ItemLabel(position, title, guid);
            var link = ElementLink(item.Element(ns + "link"), context, label)
                ?? AtomAlternateLink(item, context, label)
                ?? PermalinkGuid(guidElement, guid, context, label);

            // Published falls back to the update time, as before Updated existed: ItemIdentity hashes Published.
            var updated = FeedDateParser.Parse(item.Element(FeedNamespaces.Atom + "updated")?.Value)
                ?? FeedDateParser.Parse(item.Element(FeedNamespaces.DublinCoreTerms + "modified")?.Value);
            var published = FeedDateParser.Parse(item.Element(ns + "pubDate")?.Value)
                ?? FeedDateParser.Parse(item.Element(FeedNamespaces.DublinCore + "date")?.Value)
                ?? FeedDateParser.Parse(item.Element(FeedNamespaces.Atom + "published")?.Value)
                ?? FeedDateParser.Parse(item.Element(FeedNamespaces.Atom + "updated")?.Value);
            var content = FeedText.HtmlToText(item.Element(FeedNamespaces.Content + "encoded")?.Value);
            var summary = FeedText.HtmlToText(item.Element(ns + "description")?.Value) ?? content;

            FeedItems.AddIfIdentifiable(items, new FeedItem(guid, link, title, published, summary, updated, Author(item, ns), content));
        }

        return new Feed(FeedText.HtmlToText(channel.Element(ns + "title")?.Value), items)
        {
            Format = FeedFormats.Rss2,
            Link = SiteLink(channel.Element(ns + "link"), context),
        };
    }

    /// <summary>
    /// RSS 1.0 and 0.90: an <c>rdf:RDF</c> root whose items are siblings of the channel; the identifier is
    /// <c>rdf:about</c> and the date <c>dc:date</c>.
    /// </summary>
    public static Feed ReadRdf(XElement root, FeedContext context)
    {
        var ns = root.Element(FeedNamespaces.Rss10 + "channel") is not null || root.Element(FeedNamespaces.Rss10 + "item") is not null
            ? FeedNamespaces.Rss10
            : FeedNamespaces.Rss090;
        var channel = root.Element(ns + "channel");
        if (channel is null && root.Element(ns + "item") is null)
        {
            throw new FeedFormatException(
                $"The RDF document from {context.FeedUri} has neither an RSS 1.0 channel nor items; it is not an RSS 1.0 feed.");
        }

        var items = new List<FeedItem>();
        var position = 0;
        foreach (var item in root.Elements(ns + "item"))
        {
            position++;
            var about = FeedText.Identifier(item.Attribute(FeedNamespaces.Rdf + "about")?.Value);
            var title = FeedText.HtmlToText(item.Element(ns + "title")?.Value);
            var label = FeedContext.ItemLabel(position, title, about);

            // rdf:about is a URI reference and may be relative; as an identifier it may also be a URN, which is no link.
            var link = ElementLink(item.Element(ns + "link"), context, label)
                ?? (about is not null && FeedLinks.HasScheme(about)
                    ? FeedLinks.IdentifierLink(about, context, label)
                    : FeedLinks.ItemLink(about, XmlBase.Of(item, context.FeedUri), context, label));
            var content = FeedText.HtmlToText(item.Element(FeedNamespaces.Content + "encoded")?.Value);
            var summary = FeedText.HtmlToText(item.Element(ns + "description")?.Value) ?? content;
            var author = FeedText.Authors(item.Elements(FeedNamespaces.DublinCore + "creator").Select(e => e.Value));

            FeedItems.AddIfIdentifiable(items, new FeedItem(
                about, link, title,
                FeedDateParser.Parse(item.Element(FeedNamespaces.DublinCore + "date")?.Value),
                summary,
                FeedDateParser.Parse(item.Element(FeedNamespaces.DublinCoreTerms + "modified")?.Value),
                author,
                content));
        }

        return new Feed(FeedText.HtmlToText(channel?.Element(ns + "title")?.Value), items)
        {
            Format = FeedFormats.Rss1,
            Link = SiteLink(channel?.Element(ns + "link"), context),
        };
    }

    /// <summary>A link element's text, resolved against the xml:base in effect at that element.</summary>
    private static Uri? ElementLink(XElement? link, FeedContext context, string label)
        => link is null ? null : FeedLinks.ItemLink(link.Value, XmlBase.Of(link, context.FeedUri), context, label);

    private static Uri? SiteLink(XElement? link, FeedContext context)
        => link is null ? null : FeedLinks.FeedLink(link.Value, XmlBase.Of(link, context.FeedUri), context);

    /// <summary>Some RSS 2.0 feeds give the link only as <c>&lt;atom:link rel="alternate"&gt;</c>.</summary>
    private static Uri? AtomAlternateLink(XElement item, FeedContext context, string label)
    {
        foreach (var atomLink in item.Elements(FeedNamespaces.Atom + "link"))
        {
            var rel = atomLink.Attribute("rel")?.Value;
            if (string.IsNullOrEmpty(rel) || rel == "alternate")
            {
                return FeedLinks.ItemLink(atomLink.Attribute("href")?.Value, XmlBase.Of(atomLink, context.FeedUri), context, label);
            }
        }

        return null;
    }

    /// <summary>
    /// A guid is a permalink unless <c>isPermaLink="false"</c> (RSS 2.0: absent means "true"); used as the link only
    /// when the item has no link of its own and the guid is an absolute http(s) URL.
    /// </summary>
    private static Uri? PermalinkGuid(XElement? guidElement, string? guid, FeedContext context, string label)
        => string.Equals(guidElement?.Attribute("isPermaLink")?.Value?.Trim(), "false", StringComparison.OrdinalIgnoreCase)
            ? null
            : FeedLinks.IdentifierLink(guid, context, label);

    /// <summary>
    /// <c>dc:creator</c> (one or more), else RSS's own <c>author</c>, which is an e-mail address with the name in
    /// parentheses ("desk@example.org (Ann Lee)"): the name when there is one, else the text as written.
    /// </summary>
    private static string? Author(XElement item, XNamespace ns)
    {
        var creators = FeedText.Authors(item.Elements(FeedNamespaces.DublinCore + "creator").Select(e => e.Value));
        if (creators is not null)
        {
            return creators;
        }

        var author = item.Element(ns + "author")?.Value;
        if (author is null)
        {
            return null;
        }

        // Length first: the pattern is cheap on a short line, and a real byline is one.
        var match = author.Length <= 300 ? EmailWithName().Match(author) : Match.Empty;
        return FeedText.Clean(match.Success ? match.Groups[1].Value : author);
    }

    [GeneratedRegex(@"^\s*[^\s()]+@[^\s()]+\s*\(([^()]{1,200})\)\s*$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex EmailWithName();
}
