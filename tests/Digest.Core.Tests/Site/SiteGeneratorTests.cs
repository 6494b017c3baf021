using System.Text;
using Digest.Core.Articles;
using Digest.Core.Briefings;
using Digest.Core.Coverage;
using Digest.Core.Site;
using Digest.Core.Sources;
using Digest.Core.Stories;
using Digest.Core.Summaries;

namespace Digest.Core.Tests.Site;

public sealed class SiteGeneratorTests
{
    internal static readonly DateTimeOffset Noon = new(2026, 6, 3, 12, 0, 0, TimeSpan.Zero);
    private const string Hostile = "<script>alert(1)</script><img src=x onerror=alert(1)>";

    [Fact]
    public void Hostile_title_and_javascript_link_are_rendered_inert()
    {
        var pages = Generate();
        // The search page's own script aside (SiteSearchTests), no page has any.
        var all = string.Concat(pages.Where(p => p.Path != SiteSearch.PagePath).Select(Text));
        Assert.DoesNotContain("<script", all, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", all, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", all, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;", Text(pages.Single(p => p.Path == SitePaths.Story("s-1"))), StringComparison.Ordinal);
    }

    [Fact]
    public void Generating_twice_gives_identical_bytes()
    {
        var first = Generate();
        var second = Generate();
        Assert.Equal(first.Select(p => p.Path), second.Select(p => p.Path));
        Assert.All(first.Zip(second), pair => Assert.True(pair.First.Content.Span.SequenceEqual(pair.Second.Content.Span)));
    }

    [Fact]
    public void Home_lists_briefings_newest_first_and_links_relatively()
    {
        var home = Text(Generate().Single(p => p.Path == SitePaths.Home));
        var latest = home.IndexOf("briefings/2026-06-03/index.html", StringComparison.Ordinal);
        var earlier = home.IndexOf("briefings/2026-05-30/index.html", StringComparison.Ordinal);
        Assert.True(latest >= 0 && earlier > latest);
        Assert.Contains("May 2026", home, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en\">", home, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'; style-src 'unsafe-inline'; img-src https:", home, StringComparison.Ordinal);
        Assert.Single(home.Split("<h1>").Skip(1));
        var briefing = Text(Generate().Single(p => p.Path == SitePaths.Briefing(new DateOnly(2026, 6, 3))));
        Assert.Contains("href=\"../../stories/s-1/index.html\"", briefing, StringComparison.Ordinal);
    }

    [Fact]
    public void A_briefing_page_carries_the_mails_content_with_numbers_quotes_story_so_far_and_coverage()
    {
        var briefing = Briefing(new DateOnly(2026, 6, 3)) with
        {
            Stories = [new BriefingStory
            {
                StoryId = "s-1", Title = "Port talks resume", IsNew = false,
                WhatsNew = [new AttributedSentence("The convoy left at dawn.", "a2", "Harbour Daily")],
                Updates = [new NumberUpdate("ships waiting", "23", "31", ["a1"])],
                Quotes = [new AttributedQuote("We are close", "the mediator", IsNew: true)],
                Summary = [new AttributedSentence("Talks began a week ago.", "a1", "Valley Post")],
                Coverage =
                [
                    new CoverageLink("a1", "Valley Post", "Talks begin", new Uri("https://example.org/a1"), Noon.AddDays(-7), InWindow: false),
                    new CoverageLink("a2", "Harbour Daily", "Convoy leaves", new Uri("javascript:alert(1)"), Noon, InWindow: true),
                ],
            }],
        };

        var page = Text(SiteGenerator.Generate([briefing], [Story()], []).Single(p => p.Path == SitePaths.Briefing(briefing.Date)));
        var main = page[page.IndexOf("<main", StringComparison.Ordinal)..];

        Assert.Contains("<p>1 story from 1 article by 1 outlet.</p>", main, StringComparison.Ordinal);
        Assert.Contains("Developing &#183; 2 outlets", main, StringComparison.Ordinal);
        string[] order = ["<h3>What’s new</h3>", "The convoy left at dawn. <small>Harbour Daily</small>", "<h3>Numbers that changed</h3>",
            "ships waiting: <s>23</s> → <strong>31</strong>", "<blockquote><p>“We are close”</p><p>— the mediator</p></blockquote>",
            "<h3>The story so far</h3>", "Talks began a week ago. <small>(Valley Post)</small>",
            "Coverage: <a href=\"https://example.org/a1\" title=\"Talks begin\">Valley Post</a>", "Harbour Daily: “Convoy leaves”"];
        var positions = order.Select(part => main.IndexOf(part, StringComparison.Ordinal)).ToList();
        Assert.All(positions.Zip(order), pair => Assert.True(pair.First >= 0, "missing: " + pair.Second));
        Assert.Equal(positions.Order(), positions);
        Assert.DoesNotContain("javascript:", page, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Every_page_starts_with_a_skip_link_to_its_main_landmark_and_labels_its_navigation()
    {
        foreach (var page in Generate().Where(p => p.Path.EndsWith(".html", StringComparison.Ordinal)))
        {
            var html = Text(page);
            var body = html[html.IndexOf("<body>", StringComparison.Ordinal)..];
            Assert.StartsWith("<body><a class=\"skip\" href=\"#main\">", body, StringComparison.Ordinal);
            Assert.Contains("<nav aria-label=\"Site\">", body, StringComparison.Ordinal);
            Assert.Contains("<main id=\"main\" tabindex=\"-1\">", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_not_found_page_links_from_the_root_because_a_static_host_shows_it_at_any_address()
    {
        var notFound = Text(Generate().Single(p => p.Path == SitePaths.NotFound));
        Assert.Contains("<h1>Page not found</h1>", notFound, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/index.html\">Digest</a>", notFound, StringComparison.Ordinal);
        Assert.Contains("href=\"/search/index.html\"", notFound, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"index.html\"", notFound, StringComparison.Ordinal);
    }

    [Fact]
    public void An_outlet_page_shows_the_sources_health_and_its_recent_articles_and_pages_link_to_it()
    {
        var failing = new SourceState
        {
            SourceId = "src", Name = "Valley Post", Url = new Uri("https://example.org/feed"), ConsecutiveFailures = 2,
            LastSuccess = Noon.AddDays(-1), LastError = "HTTP 503 <b>down</b>",
        };
        var unread = new SourceState { SourceId = "quiet-one", Name = "Quiet One", Url = new Uri("https://quiet.example/feed") };
        var pages = SiteGenerator.Generate([Briefing(new DateOnly(2026, 6, 3))], [Story()],
            [Article("a2", Noon, new Uri("javascript:alert(1)")), Article("a1", Noon.AddHours(-3), new Uri("https://example.org/a1"))], [failing, unread]);

        var outlet = Text(pages.Single(p => p.Path == SitePaths.Outlet("src")));
        Assert.Contains("<h1>Valley Post</h1>", outlet, StringComparison.Ordinal);
        Assert.Contains("<dt>Failures in a row</dt><dd>2</dd>", outlet, StringComparison.Ordinal);
        Assert.Contains("2 Jun 2026 12:00 UTC", outlet, StringComparison.Ordinal);
        Assert.Contains("HTTP 503 &lt;b&gt;down&lt;/b&gt;", outlet, StringComparison.Ordinal);
        // Newest first, each linked to its story; only the http(s) one to its original.
        Assert.True(outlet.IndexOf("12:00 UTC</time>", StringComparison.Ordinal) < outlet.IndexOf("09:00 UTC</time>", StringComparison.Ordinal));
        Assert.Equal(2, outlet.Split("href=\"../../stories/s-1/index.html\"").Length - 1);
        Assert.Single(outlet.Split("original</a>").Skip(1));
        Assert.DoesNotContain("javascript:", outlet, StringComparison.OrdinalIgnoreCase);

        Assert.Contains("None archived.", Text(pages.Single(p => p.Path == SitePaths.Outlet("quiet-one"))), StringComparison.Ordinal);
        Assert.Contains("href=\"../../outlets/src/index.html\"", Text(pages.Single(p => p.Path == SitePaths.Story("s-1"))), StringComparison.Ordinal);
        var home = Text(pages.Single(p => p.Path == SitePaths.Home));
        Assert.True(home.IndexOf("outlets/quiet-one/index.html", StringComparison.Ordinal) < home.IndexOf("outlets/src/index.html", StringComparison.Ordinal));
    }

    internal static string Text(SitePage page) => Encoding.UTF8.GetString(page.Content.Span);

    internal static IReadOnlyList<SitePage> Generate()
        => SiteGenerator.Generate([Briefing(new DateOnly(2026, 5, 30)), Briefing(new DateOnly(2026, 6, 3))], [Story()],
            [Article("a2", Noon, new Uri("javascript:alert(1)")), Article("a1", Noon.AddHours(-3), new Uri("https://example.org/a1"))]);

    internal static Briefing Briefing(DateOnly date) => new()
    {
        Date = date,
        WindowStart = Noon.AddDays(-1),
        WindowEnd = Noon,
        Stories = [new BriefingStory
        {
            StoryId = "s-1", Title = Hostile, IsNew = true,
            WhatsNew = [new AttributedSentence(Hostile, "a1", "Valley <b>Post</b>")], Summary = [], Coverage = [],
        }],
    };

    internal static Story Story() => new() { Id = "s-1", Title = Hostile, ArticleIds = ["a1", "a2"], FirstSeen = Noon, LastUpdated = Noon };

    internal static Article Article(string id, DateTimeOffset published, Uri url) => new()
    {
        Id = id, Url = url, Outlet = "Valley Post", SourceId = "src", Title = Hostile, Published = published, Text = "Body.",
        FetchedAt = published, Status = ArticleStatus.Processed, Summary = [Hostile], StoryId = "s-1",
    };
}
