using static Digest.Core.Tests.Extraction.ExtractorTestHelper;

namespace Digest.Core.Tests.Extraction;

public class MetadataTests
{
    private static readonly string Body = Paragraphs(Story);

    [Fact]
    public void Og_tags_and_json_ld_fill_the_metadata()
    {
        const string head = """
            <meta property="og:title" content="Water board approves lead pipe plan">
            <meta property="og:site_name" content="Kestrel Falls Gazette">
            <link rel="canonical" href="/news/lead-pipes">
            <script type="application/ld+json">
            {"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"KFG"},
             {"@type":"NewsArticle","headline":"Ignored because og:title comes first","datePublished":"2025-03-04T08:15:00+01:00",
              "dateModified":"2025-03-04T10:00:00Z","author":[{"@type":"Person","name":"Lotte Brink"},{"@type":"Person","name":"Jan Vos"}]}]}
            </script>
            """;

        var article = Extract(Page(Body, head), url: new Uri("https://kfg.example/section/page?x=1"));

        Assert.Equal("Water board approves lead pipe plan", article.Title);
        Assert.Equal("Kestrel Falls Gazette", article.SiteName);
        Assert.Equal("Lotte Brink, Jan Vos", article.Byline);
        Assert.Equal(new DateTimeOffset(2025, 3, 4, 8, 15, 0, TimeSpan.FromHours(1)), article.Published);
        Assert.Equal(new DateTimeOffset(2025, 3, 4, 10, 0, 0, TimeSpan.Zero), article.Modified);
        Assert.Equal(new Uri("https://kfg.example/news/lead-pipes"), article.CanonicalUrl);
        Assert.Equal("en", article.Language);
    }

    [Fact]
    public void Title_element_loses_the_site_name()
    {
        var html = $"<html><head><title>Water board approves lead pipe plan | Kestrel Falls Gazette</title><meta property=\"og:site_name\" content=\"Kestrel Falls Gazette\"></head><body>{Body}</body></html>";

        Assert.Equal("Water board approves lead pipe plan", Extract(html).Title);
    }

    [Fact]
    public void Title_element_without_known_site_name_drops_the_short_segment()
    {
        var html = $"<html><head><title>KFG - Water board approves lead pipe plan for the old town</title></head><body>{Body}</body></html>";

        Assert.Equal("Water board approves lead pipe plan for the old town", Extract(html).Title);
    }

    [Fact]
    public void H1_is_preferred_over_the_title_element()
    {
        var html = $"<html><head><title>Home - KFG</title></head><body><article><h1>Board approves pipe plan</h1>{Body}</article></body></html>";

        Assert.Equal("Board approves pipe plan", Extract(html).Title);
    }

    [Fact]
    public void Published_time_falls_back_to_meta_and_time_element()
    {
        var viaMeta = Extract(Page(Body, "<meta property=\"article:published_time\" content=\"2025-01-02T03:04:05Z\">"));
        var viaTime = Extract(Page("<time datetime=\"2024-12-31T23:00:00+02:00\">yesterday</time>" + Body));

        Assert.Equal(new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero), viaMeta.Published);
        Assert.Equal(new DateTimeOffset(2024, 12, 31, 23, 0, 0, TimeSpan.FromHours(2)), viaTime.Published);
    }

    [Fact]
    public void Byline_comes_from_meta_author_or_byline_element_without_the_by()
    {
        Assert.Equal("Mira Solis", Extract(Page(Body, "<meta name=\"author\" content=\"Mira Solis\">")).Byline);
        Assert.Equal("Tom Lark", Extract(Page("<div class=\"article-byline\">By Tom Lark</div>" + Body)).Byline);
    }

    [Fact]
    public void Language_comes_from_og_locale_when_html_has_no_lang()
    {
        var html = $"<html><head><meta property=\"og:locale\" content=\"de_DE\"></head><body>{Body}</body></html>";

        Assert.Equal("de-DE", Extract(html).Language);
    }

    [Fact]
    public void Relative_canonical_without_an_absolute_page_url_is_left_out()
    {
        var article = Extract(Page(Body, "<link rel=\"canonical\" href=\"/news/x\">"), url: new Uri("/news/x", UriKind.Relative));

        Assert.Null(article.CanonicalUrl);
        Assert.True(article.IsArticle);
    }

    [Fact]
    public void Malformed_json_ld_is_ignored_not_fatal()
    {
        var article = Extract(Page(Body, "<script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", \"headline\": </script>"));

        Assert.True(article.IsArticle);
        Assert.Equal(StoryText, article.Text);
    }

    [Fact]
    public void Entities_are_decoded_in_metadata_and_text()
    {
        var article = Extract(Page("<p>Smith &amp; Sons said &ldquo;no&rdquo; to the &euro;5 offer, and the board&#8217;s members agreed on&nbsp;Monday after a long debate.</p>" + Body,
            "<meta property=\"og:title\" content=\"Smith &amp; Sons\">"));

        Assert.Equal("Smith & Sons", article.Title);
        Assert.StartsWith("Smith & Sons said “no” to the €5 offer, and the board’s members agreed on Monday", article.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("&", article.Text.Replace("Smith & Sons", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }
}
