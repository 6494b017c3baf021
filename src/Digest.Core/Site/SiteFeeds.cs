using System.Globalization;
using System.Text;
using System.Xml;
using Digest.Core.Articles;
using Digest.Core.Briefings;
using Digest.Core.Safety;
using Digest.Core.Stories;

namespace Digest.Core.Site;

/// <summary>
/// The site's Atom feeds (RFC 4287), so people can follow Digest in the feed reader they already use: the briefings
/// (<c>feed.atom</c>) and each story's articles (<c>stories/&lt;id&gt;/feed.atom</c>). Like the pages, they depend only
/// on the archive (no clock: a feed is as new as its newest entry) and link relatively, resolved against the feed's own
/// address. Ids are <c>urn:digest:…</c> names of the archive's own ids, stable wherever the site is served.
/// </summary>
public static class SiteFeeds
{
    /// <summary>How many entries a feed keeps: readers poll, so older ones are already theirs.</summary>
    public const int MaxEntries = 50;

    private const string AtomNamespace = "http://www.w3.org/2005/Atom";

    public static SitePage Briefings(IReadOnlyList<Briefing> newestFirst)
    {
        ArgumentNullException.ThrowIfNull(newestFirst);
        var entries = newestFirst.Take(MaxEntries).Select(b => new Entry(
            "urn:digest:briefing:" + Day(b.Date),
            "Digest for " + b.Date.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture),
            b.WindowEnd,
            SitePaths.Relative(SitePaths.Feed, SitePaths.Briefing(b.Date)),
            string.Join(" · ", b.Stories.Select(s => s.Title)))).ToList();
        return Feed(SitePaths.Feed, "urn:digest:briefings", "Digest: daily briefings", SitePaths.Relative(SitePaths.Feed, SitePaths.Home), entries);
    }

    public static SitePage Story(Story story, IReadOnlyList<Article> members)
    {
        ArgumentNullException.ThrowIfNull(story);
        ArgumentNullException.ThrowIfNull(members);
        var path = SitePaths.StoryFeed(story.Id);
        var entries = members.OrderByDescending(a => a.Published).ThenBy(a => a.Id, StringComparer.Ordinal).Take(MaxEntries)
            .Select(a => new Entry(
                "urn:digest:article:" + a.Id,
                a.Outlet + ": " + a.Title,
                a.Published,
                SafeUrl.HttpOrNull(a.CanonicalUrl)?.AbsoluteUri ?? SafeUrl.HttpOrNull(a.Url)?.AbsoluteUri ?? SitePaths.Relative(path, SitePaths.Story(story.Id)),
                a.Summary is { Count: > 0 } summary ? string.Join(' ', summary) : "")).ToList();
        return Feed(path, "urn:digest:story:" + story.Id, "Digest: " + story.Title, SitePaths.Relative(path, SitePaths.Story(story.Id)), entries,
            fallbackUpdated: story.LastUpdated);
    }

    private static SitePage Feed(string path, string id, string title, string alternate, List<Entry> entries,
        DateTimeOffset? fallbackUpdated = null)
    {
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, NewLineChars = "\n", CheckCharacters = false };
        using var buffer = new MemoryStream();
        using (var xml = XmlWriter.Create(buffer, settings))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("feed", AtomNamespace);
            xml.WriteElementString("id", AtomNamespace, id);
            xml.WriteElementString("title", AtomNamespace, Clean(title));
            // A feed is as new as its newest entry; an empty one as old as the archive's epoch, so its bytes stay put.
            var updated = entries.Count > 0 ? entries.Max(e => e.Updated) : fallbackUpdated ?? DateTimeOffset.UnixEpoch;
            xml.WriteElementString("updated", AtomNamespace, Time(updated));
            xml.WriteStartElement("author", AtomNamespace);
            xml.WriteElementString("name", AtomNamespace, "Digest");
            xml.WriteEndElement();
            Link(xml, "self", path.Split('/')[^1]);
            Link(xml, "alternate", alternate);
            foreach (var entry in entries)
            {
                xml.WriteStartElement("entry", AtomNamespace);
                xml.WriteElementString("id", AtomNamespace, entry.Id);
                xml.WriteElementString("title", AtomNamespace, Clean(entry.Title));
                xml.WriteElementString("updated", AtomNamespace, Time(entry.Updated));
                Link(xml, "alternate", entry.Link);
                if (entry.Summary.Length > 0)
                {
                    xml.WriteElementString("summary", AtomNamespace, Clean(entry.Summary));
                }

                xml.WriteEndElement();
            }

            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        return new SitePage(path, buffer.ToArray());
    }

    private static void Link(XmlWriter xml, string rel, string href)
    {
        xml.WriteStartElement("link", AtomNamespace);
        xml.WriteAttributeString("rel", rel);
        xml.WriteAttributeString("href", href);
        xml.WriteEndElement();
    }

    /// <summary>Text as XML 1.0 allows it: characters it cannot carry (most controls, lone surrogates) are dropped.</summary>
    private static string Clean(string text)
    {
        if (text.All(XmlConvert.IsXmlChar))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(text, i++, 2);
            }
            else if (XmlConvert.IsXmlChar(text[i]))
            {
                builder.Append(text[i]);
            }
        }

        return builder.ToString();
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private sealed record Entry(string Id, string Title, DateTimeOffset Updated, string Link, string Summary);
}
