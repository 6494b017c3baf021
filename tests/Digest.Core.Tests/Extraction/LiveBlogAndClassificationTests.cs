using static Digest.Core.Tests.Extraction.ExtractorTestHelper;

namespace Digest.Core.Tests.Extraction;

public class LiveBlogTests
{
    [Fact]
    public void Entries_are_kept_in_order_each_with_its_heading()
    {
        var entries = new[]
        {
            ("14:05", "Bridge reopens to traffic", "Police have reopened the Harbour Bridge after a three-hour closure caused by a broken-down lorry in the middle lane."),
            ("13:20", "Diversions in place", "Drivers are being sent along the coast road, where queues stretch back almost two kilometres at the roundabout."),
            ("12:40", "Lorry breaks down on bridge", "A lorry carrying gravel has broken down on the Harbour Bridge, blocking two of the three southbound lanes."),
        };
        var feed = string.Concat(entries.Select(e =>
            $"<div class=\"update\"><span class=\"timestamp\">{e.Item1}</span><h3>{e.Item2}</h3><p>{e.Item3}</p><div class=\"share\"><a href=\"#\">Share</a></div></div>"));

        var article = Extract(Page("<h1>Traffic live</h1><div class=\"liveblog\">" + feed + "</div>"));

        Assert.Equal(string.Join("\n\n", entries.SelectMany(e => new[] { e.Item2, e.Item3 })), article.Text);
    }

    [Fact]
    public void Json_ld_live_updates_are_used_when_the_page_renders_no_entries()
    {
        const string head = """
            <script type="application/ld+json">{"@type":"LiveBlogPosting","headline":"Storm live","liveBlogUpdate":[
              {"@type":"BlogPosting","headline":"Power cut in the north","articleBody":"About 3,000 homes lost power after a substation flooded near the river mouth this morning."},
              {"@type":"BlogPosting","headline":"Schools closed","articleBody":"All schools in the district are closed today, the education office said in a short statement."}]}</script>
            """;

        var article = Extract(Page("<div id=\"app\">Loading…</div>", head));

        Assert.Equal("Power cut in the north\n\nAbout 3,000 homes lost power after a substation flooded near the river mouth this morning.\n\nSchools closed\n\nAll schools in the district are closed today, the education office said in a short statement.", article.Text);
    }
}

public class JsonLdBodyTests
{
    [Fact]
    public void Plausible_article_body_replaces_a_script_rendered_teaser()
    {
        var head = "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"articleBody\":\"" + string.Join("\\n", Story) + "\"}</script>";

        var article = Extract(Page("<div id=\"root\"><p>" + Story[0] + "</p><p>Loading…</p></div>", head));

        Assert.Equal(StoryText, article.Text);
    }

    [Fact]
    public void Article_body_removes_dom_paragraphs_it_does_not_contain()
    {
        var head = "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"articleBody\":\"" + string.Join(" ", Story) + "\"}</script>";
        var body = "<article>" + Paragraphs(Story[..2]) + "<p>Our reporters work around the clock for the whole valley, and this work depends on readers who chip in each month.</p>" + Paragraphs(Story[2..]) + "</article>";

        Assert.Equal(StoryText, Extract(Page(body, head)).Text);
    }

    [Fact]
    public void Unrelated_article_body_is_ignored()
    {
        var head = "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"articleBody\":\"" + string.Concat(Enumerable.Repeat("Completely different words about a football match in another country entirely. ", 12)) + "\"}</script>";

        Assert.Equal(StoryText, Extract(Page("<article>" + Paragraphs(Story) + "</article>", head)).Text);
    }
}

public class NotArticleTests
{
    [Fact]
    public void Index_page_of_linked_headlines_is_not_an_article()
    {
        var cards = string.Concat(Enumerable.Range(1, 6).Select(i => $"<div class=\"item\"><h2><a href=\"/s/{i}\">Headline number {i} about the town</a></h2><p>Short teaser for story {i}.</p></div>"));

        var article = Extract(Page("<main>" + cards + "</main>"));

        Assert.False(article.IsArticle);
        Assert.True(article.NotArticleReason!.Contains("index", StringComparison.Ordinal), article.NotArticleReason);
    }

    [Fact]
    public void Login_page_is_not_an_article()
    {
        var article = Extract(Page("<h1>Sign in</h1><form><input type=\"email\"><input type=\"password\"><button>Sign in</button></form><p>Forgot your password? Reset it here.</p>"));

        Assert.False(article.IsArticle);
        Assert.Contains("login", article.NotArticleReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Search_results_page_declared_in_json_ld_is_not_an_article()
    {
        var results = Paragraphs(Story.Select(s => "<a href=\"/r\">" + s[..30] + "</a> " + s[30..]).ToArray());

        var article = Extract(Page(results, "<script type=\"application/ld+json\">{\"@type\":\"SearchResultsPage\"}</script>"));

        Assert.False(article.IsArticle);
        Assert.Contains("search", article.NotArticleReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Ordinary_story_is_an_article()
    {
        var article = Extract(Page("<article>" + Paragraphs(Story) + "</article>"));

        Assert.True(article.IsArticle);
        Assert.Null(article.NotArticleReason);
    }
}

public class OverrideTests
{
    [Fact]
    public void Keep_selector_chooses_the_body_heuristics_would_miss()
    {
        var html = Page("<div class=\"teaser-box\"><p>" + Story[0] + "</p></div><div class=\"longread\">" + Paragraphs(Story[1..]) + "</div>");

        var article = Extract(html, overrides: new([".teaser-box"], []));

        Assert.Equal(Story[0], article.Text);
    }

    [Fact]
    public void Drop_selector_removes_an_element_inside_the_body()
    {
        var html = Page("<article>" + Paragraphs(Story) + "<div class=\"x-legal\"><p>This report was produced with support from the Valley Media Fund, an independent foundation.</p></div></article>");

        Assert.Equal(StoryText, Extract(html, overrides: new([], ["div.x-legal"])).Text);
    }

    [Fact]
    public void Invalid_override_selector_is_reported()
    {
        Assert.Throws<FormatException>(() => Extract(Page("<p>x</p>"), overrides: new(["article > p"], [])));
    }
}

public class SourceOverridesTests
{
    [Fact]
    public void Source_without_selectors_has_no_overrides()
    {
        Assert.Null(Digest.Core.Extraction.SourceOverrides.ForSource(new Digest.Core.Sources.SourceConfig { Name = "A", Url = new Uri("https://a.example/feed") }));
    }

    [Fact]
    public void Source_selectors_become_overrides_and_bad_ones_are_reported_with_the_outlet_name()
    {
        var source = new Digest.Core.Sources.SourceConfig { Name = "Gazette", Url = new Uri("https://g.example/feed"), KeepSelectors = [".story"], DropSelectors = ["div > p"] };

        var overrides = Digest.Core.Extraction.SourceOverrides.ForSource(source)!;
        var exception = Assert.Throws<FormatException>(() => Digest.Core.Extraction.SourceOverrides.Validate(source));

        Assert.Equal([".story"], overrides.Keep);
        Assert.Contains("Gazette", exception.Message, StringComparison.Ordinal);
        Assert.Contains("div > p", exception.Message, StringComparison.Ordinal);
    }
}
