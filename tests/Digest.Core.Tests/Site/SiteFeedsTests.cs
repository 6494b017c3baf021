using System.Globalization;
using System.Xml.Linq;
using Digest.Core.Site;
using static Digest.Core.Tests.Site.SiteGeneratorTests;

namespace Digest.Core.Tests.Site;

/// <summary>The Atom feeds against RFC 4287's rules: the elements a feed and each entry must have, unique ids, times.</summary>
public sealed class SiteFeedsTests
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    [Fact]
    public void The_briefings_feed_and_each_story_feed_have_what_atom_requires()
    {
        var pages = Generate();
        foreach (var path in new[] { SitePaths.Feed, SitePaths.StoryFeed("s-1") })
        {
            var feed = XDocument.Parse(SiteGeneratorTests.Text(pages.Single(p => p.Path == path))).Root!;
            Assert.Equal(Atom + "feed", feed.Name);
            AssertRequired(feed);
            Assert.NotNull(feed.Element(Atom + "author")?.Element(Atom + "name"));
            Assert.Contains(feed.Elements(Atom + "link"), l => (string?)l.Attribute("rel") == "self");
            var entries = feed.Elements(Atom + "entry").ToList();
            Assert.NotEmpty(entries);
            foreach (var entry in entries)
            {
                AssertRequired(entry);
                Assert.Contains(entry.Elements(Atom + "link"), l => (string?)l.Attribute("rel") == "alternate" && !string.IsNullOrEmpty((string?)l.Attribute("href")));
            }

            var ids = entries.Select(e => (string)e.Element(Atom + "id")!).Append((string)feed.Element(Atom + "id")!).ToList();
            Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
            Assert.All(ids, id => Assert.True(Uri.IsWellFormedUriString(id, UriKind.Absolute), id));
            // A feed is as new as its newest entry.
            Assert.Equal(entries.Max(e => Time(e)), Time(feed));
        }
    }

    [Fact]
    public void Briefings_come_newest_first_and_a_story_feed_links_its_articles_but_never_a_script_address()
    {
        var pages = Generate();
        var briefings = XDocument.Parse(SiteGeneratorTests.Text(pages.Single(p => p.Path == SitePaths.Feed))).Root!;
        Assert.Equal(["urn:digest:briefing:2026-06-03", "urn:digest:briefing:2026-05-30"],
            briefings.Elements(Atom + "entry").Select(e => (string)e.Element(Atom + "id")!));
        Assert.Equal("briefings/2026-06-03/index.html", (string?)briefings.Element(Atom + "entry")!.Element(Atom + "link")!.Attribute("href"));

        var story = XDocument.Parse(SiteGeneratorTests.Text(pages.Single(p => p.Path == SitePaths.StoryFeed("s-1")))).Root!;
        var links = story.Elements(Atom + "entry").Select(e => (string)e.Element(Atom + "link")!.Attribute("href")!).ToList();
        // a2 (newest) has a javascript: address: its entry links to the story page instead.
        Assert.Equal(["index.html", "https://example.org/a1"], links);
        Assert.Contains("<script>", (string)story.Element(Atom + "title")!, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", SiteGeneratorTests.Text(pages.Single(p => p.Path == SitePaths.StoryFeed("s-1"))), StringComparison.Ordinal);
    }

    [Fact]
    public void Home_and_story_pages_point_feed_readers_at_their_feeds()
    {
        var pages = Generate();
        Assert.Contains("type=\"application/atom+xml\"", SiteGeneratorTests.Text(pages.Single(p => p.Path == SitePaths.Home)), StringComparison.Ordinal);
        Assert.Contains("href=\"feed.atom\"", SiteGeneratorTests.Text(pages.Single(p => p.Path == SitePaths.Story("s-1"))), StringComparison.Ordinal);
    }

    private static void AssertRequired(XElement element)
    {
        foreach (var name in new[] { "id", "title", "updated" })
        {
            Assert.False(string.IsNullOrWhiteSpace((string?)element.Element(Atom + name)), $"{element.Name.LocalName} lacks {name}");
        }

        Time(element);
    }

    /// <summary>An RFC 3339 date-time, as Atom requires.</summary>
    private static DateTimeOffset Time(XElement element)
        => DateTimeOffset.ParseExact((string)element.Element(Atom + "updated")!, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal);
}
