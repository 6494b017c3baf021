using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Digest.Core.Articles;
using Digest.Core.Briefings;
using Digest.Core.Coverage;
using Digest.Core.Json;
using Digest.Core.Stories;
using Digest.Core.Summaries;
using Digest.Core.Tests.Support;

namespace Digest.Core.Tests.Briefings;

public sealed class BriefingComposerTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 3, 6, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset WindowStart = Now.AddHours(-24);

    private readonly BriefingComposer composer = new(new Summarizer());

    [Fact]
    public void Only_stories_with_articles_in_the_window_are_in_the_briefing_most_active_first()
    {
        var quiet = Story("quiet", Article("q1", "Valley Post", Now.AddDays(-3), "Library reopens after repairs"));
        var busy = Story("busy",
            Article("b1", "Valley Post", Now.AddDays(-2), "Dam inspection ordered",
                "The regional water board ordered an inspection of the Orlen dam on Monday after residents reported damp patches on its downstream face."),
            Article("b2", "Orlen Herald", Now.AddHours(-10), "Dam inspection finds cracks",
                "Inspectors found three hairline cracks in the concrete of the Orlen dam, the water board said on Tuesday evening."),
            Article("b3", "Nordwire", Now.AddHours(-2), "Dam spillway opened as precaution",
                "Engineers opened the spillway of the Orlen dam early on Wednesday to lower the reservoir by two metres while repairs are planned."));
        var fresh = Story("fresh", Article("f1", "Orlen Herald", Now.AddHours(-5), "New tram line approved"));

        var briefing = composer.Compose(DateOnly.FromDateTime(Now.UtcDateTime), WindowStart, Now, [quiet, fresh, busy]);

        Assert.Equal(["busy", "fresh"], briefing.Stories.Select(s => s.StoryId));
        Assert.False(briefing.Stories[0].IsNew);
        Assert.True(briefing.Stories[1].IsNew);
        Assert.Equal(["Valley Post", "Orlen Herald", "Nordwire"], briefing.Stories[0].Outlets);
        Assert.Equal([false, true, true], briefing.Stories[0].Coverage.Select(c => c.InWindow));
        Assert.NotEmpty(briefing.Stories[0].WhatsNew);
        Assert.All(briefing.Stories[0].WhatsNew, s => Assert.Contains(s.ArticleId, new[] { "b2", "b3" }));
    }

    [Fact]
    public void The_window_end_is_exclusive_and_the_start_inclusive()
    {
        var atStart = Story("start", Article("s1", "Valley Post", WindowStart, "Storm warning issued for the coast"));
        var atEnd = Story("end", Article("e1", "Valley Post", Now, "Harbour closed for the night"));

        var briefing = composer.Compose(DateOnly.FromDateTime(Now.UtcDateTime), WindowStart, Now, [atStart, atEnd]);

        Assert.Equal(["start"], briefing.Stories.Select(s => s.StoryId));
    }

    [Fact]
    public void Changed_figures_and_new_quotes_of_the_window_are_carried_into_the_briefing()
    {
        var later = Article("b2", "Orlen Herald", Now.AddHours(-3), "Evacuations widen as river rises") with
        {
            Novelty = new NoveltyReport
            {
                Updates = [new NumberUpdate("evacuated", "1,200", "3,400", ["b1"])],
                Quotes = [new AttributedQuote("We will not leave anyone behind", "Mayor Tomas Reinholt", IsNew: true),
                          new AttributedQuote("Stay away from the river", "police", IsNew: false)],
            },
        };
        var story = Story("river", Article("b1", "Valley Post", Now.AddDays(-1.5), "River Orle bursts its banks"), later);

        var briefing = composer.Compose(DateOnly.FromDateTime(Now.UtcDateTime), WindowStart, Now, [story]);

        var update = Assert.Single(briefing.Stories[0].Updates);
        Assert.Equal(("1,200", "3,400"), (update.Previous, update.Current));
        Assert.Equal("Mayor Tomas Reinholt", Assert.Single(briefing.Stories[0].Quotes).Speaker);
    }

    [Fact]
    public void Renderings_name_every_story_and_escape_what_they_show()
    {
        var story = Story("tricky", Article("t1", "Valley Post", Now.AddHours(-1), "Q&A: <script> in the council's minutes"));
        var briefing = composer.Compose(DateOnly.FromDateTime(Now.UtcDateTime), WindowStart, Now, [story]);

        var html = BriefingHtmlRenderer.Render(briefing);
        var text = BriefingPlainTextRenderer.Render(briefing);

        Assert.Contains("Q&amp;A: &lt;script&gt; in the council&#39;s minutes", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("Q&A: <script> in the council's minutes", text, StringComparison.Ordinal);
        Assert.Contains("Wednesday 3 June 2026", html, StringComparison.Ordinal);
        Assert.Contains("https://valley-post.example/t1", text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_day_renders_as_a_quiet_day()
    {
        var briefing = composer.Compose(DateOnly.FromDateTime(Now.UtcDateTime), WindowStart, Now, []);

        Assert.Empty(briefing.Stories);
        Assert.Contains("Nothing new", BriefingPlainTextRenderer.Render(briefing), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    [InlineData("file:///etc/passwd")]
    [InlineData("vbscript:msgbox(1)")]
    public void A_hostile_canonical_url_from_the_archive_is_never_emitted(string hostile)
    {
        // An archive written before canonical URLs were checked may still hold one; the article's fetched URL is used instead.
        var article = Article("h1", "Valley Post", Now.AddHours(-1), "Harbour reopens") with { CanonicalUrl = new Uri(hostile) };
        var briefing = composer.Compose(DateOnly.FromDateTime(Now.UtcDateTime), WindowStart, Now, [Story("s", article)]);

        var link = Assert.Single(briefing.Stories[0].Coverage);
        Assert.Equal(new Uri("https://valley-post.example/h1"), link.Url);
        AssertNowhere(briefing, hostile);
    }

    [Fact]
    public void An_article_whose_only_address_is_a_file_url_is_named_without_a_link()
    {
        var local = Article("k1", "Kalder Herald", Now.AddHours(-2), "Exporters stuck at Vellmar") with { Url = new Uri("file:///srv/samples/k1.html") };
        var linked = Article("v1", "Valley Post", Now.AddHours(-1), "Exporters wait for the port to reopen");
        var briefing = composer.Compose(DateOnly.FromDateTime(Now.UtcDateTime), WindowStart, Now, [Story("s", local, linked)]);

        Assert.Equal([null, new Uri("https://valley-post.example/v1")], briefing.Stories[0].Coverage.Select(c => c.Url));
        AssertNowhere(briefing, "file:");

        var html = BriefingHtmlRenderer.Render(briefing);
        Assert.Single(Regex.Matches(html, "<a href=\"http"));
        Assert.Contains("Kalder Herald: &ldquo;Exporters stuck at Vellmar&rdquo;", html, StringComparison.Ordinal);
        var text = BriefingPlainTextRenderer.Render(briefing);
        Assert.Contains("Kalder Herald, " + BriefingText.Published(local.Published) + ": Exporters stuck at Vellmar\n", text, StringComparison.Ordinal);
        Assert.Contains("      https://valley-post.example/v1\n", text, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(DigestJson.Serialize(briefing));
        var coverage = json.RootElement.GetProperty("stories")[0].GetProperty("coverage");
        Assert.False(coverage[0].TryGetProperty("url", out _));
        Assert.Equal("https://valley-post.example/v1", coverage[1].GetProperty("url").GetString());
    }

    [Fact]
    public void A_coverage_link_read_back_with_a_hostile_url_is_rendered_as_text()
    {
        // Renderers check again: a briefing document can come from an older archive.
        var briefing = composer.Compose(DateOnly.FromDateTime(Now.UtcDateTime), WindowStart, Now,
            [Story("s", Article("h1", "Valley Post", Now.AddHours(-1), "Harbour reopens"))]);
        var story = briefing.Stories[0];
        var hostile = briefing with { Stories = [story with { Coverage = [story.Coverage[0] with { Url = new Uri("javascript:alert(1)") }] }] };

        Assert.DoesNotContain("javascript", BriefingHtmlRenderer.Render(hostile), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript", BriefingPlainTextRenderer.Render(hostile), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Link_and_title_attributes_are_escaped()
    {
        var article = Article("q1", "Valley Post", Now.AddHours(-1), "\"><img src=x onerror=alert(1)> 'quoted'") with
        {
            Outlet = "Valley \"Post\" <b>",
            CanonicalUrl = new Uri("https://valley-post.example/a\"onmouseover=\"alert(1)'<x>"),
        };
        var briefing = composer.Compose(DateOnly.FromDateTime(Now.UtcDateTime), WindowStart, Now, [Story("s", article)]);

        var html = BriefingHtmlRenderer.Render(briefing);

        Assert.Contains("href=\"https://valley-post.example/a%22onmouseover=%22alert(1)&#39;%3Cx%3E\"", html, StringComparison.Ordinal);
        Assert.Contains("title=\"&quot;&gt;&lt;img src=x onerror=alert(1)&gt; &#39;quoted&#39;\"", html, StringComparison.Ordinal);
        Assert.Contains(">Valley &quot;Post&quot; &lt;b&gt;</a>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.DoesNotContain("\"onmouseover", html, StringComparison.Ordinal);
    }

    /// <summary>Neither rendering nor the JSON document contains <paramref name="text"/>: not as a link, not as text.</summary>
    private static void AssertNowhere(Briefing briefing, string text)
    {
        Assert.DoesNotContain(text, BriefingHtmlRenderer.Render(briefing), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(text, BriefingPlainTextRenderer.Render(briefing), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(text, Encoding.UTF8.GetString(DigestJson.Serialize(briefing)), StringComparison.OrdinalIgnoreCase);
    }

    private static StoryWithArticles Story(string id, params Article[] articles)
        => new(new Story
        {
            Id = id,
            Title = articles[^1].Title,
            ArticleIds = articles.Select(a => a.Id).ToList(),
            FirstSeen = articles[0].Published,
            LastUpdated = articles[^1].Published,
        }, articles);

    private static Article Article(string id, string outlet, DateTimeOffset published, string title, string? text = null)
        => TestArticles.Make(id, outlet, published, title,
            text ?? $"{title}. Officials in the region said on the day that work would continue through the week.",
            ArticleStatus.Processed) with { StoryId = "s-" + id };
}
