using Digest.Core.Extraction;
using static Digest.Core.Tests.Extraction.ExtractorTestHelper;

namespace Digest.Core.Tests.Extraction;

/// <summary>Extraction never loses an article to misleading names, split containers or script-heavy markup.</summary>
public class ExtractionCascadeTests
{
    private static readonly string LinkWall = "<div class=\"archive\"><ul>" + string.Concat(Enumerable.Range(0, 60).Select(i => $"<li><a href=\"/a/{i}\">An archive entry with a long linked title number {i}</a></li>")) + "</ul></div>";

    [Theory]
    [InlineData("widget Blog")]
    [InlineData("date-outer")]
    [InlineData("gallery-slider")]
    [InlineData("node node--promoted node--sticky")]
    [InlineData("field field--name-body field--label-hidden")]
    [InlineData("share-bar-sticky-container")]
    public void The_container_holding_most_of_the_prose_survives_its_name(string className)
    {
        var html = Page($"<div class=\"{className}\">{Paragraphs(Story)}</div>{LinkWall}");

        var result = Extract(html);

        Assert.True(result.IsArticle, result.NotArticleReason);
        Assert.Equal(StoryText, result.Text);
    }

    /// <summary>
    /// A three-line blog post (one line long enough to score) beside a cookie notice and a sidebar tweet that both
    /// hold more running text: the notice is never the article, and the post under the page's own headline is kept.
    /// </summary>
    [Fact]
    public void A_three_line_post_is_not_outweighed_by_a_cookie_notice_or_a_sidebar_tweet()
    {
        var post = "<div class=\"post-77 post type-post hentry\" id=\"post-77\"><h2 class=\"posttitle\"><a href=\"/p/77\">Three lines at the harbour</a></h2>"
            + "<p class=\"commentmeta\">12 March 2024 at 20:51</p><p>\"The ferry is late again, I think,\" said the man with the bicycle.</p><p>- \"Tuesdays,\" she said.</p><p>- \"Ah.\"</p></div>";
        var sidebar = "<div id=\"sidebar\"><ul><li class=\"widget widget_categories\"><h2>Categories</h2><ul><li><a href=\"/c/1\">Short</a></li></ul></li>"
            + "<li class=\"widget widget_twitter\"><ul class=\"tweets\"><li>Spent the whole afternoon trying to repair the old radio from the attic, and in the end the only thing that worked was the little light behind the dial. <a href=\"/s/1\">6 years ago</a></li></ul></li></ul></div>";
        var cookies = "<div class=\"widget widget_eu_cookie_law_widget\"><div id=\"eu-cookie-law\"><form method=\"post\"><input type=\"submit\" value=\"Close and accept\">"
            + "Privacy &amp; Cookies: This site uses cookies. By continuing to use this website, you agree to their use. To find out more, including how to control cookies, see here: <a href=\"/cookies\">Cookie Policy</a></form></div></div>";
        var html = Page($"<div id=\"wrapper\"><div id=\"content\">{post}</div>{sidebar}{cookies}</div>", "<meta property=\"og:title\" content=\"Three lines at the harbour\">");

        var result = Extract(html);

        Assert.Equal("\"The ferry is late again, I think,\" said the man with the bicycle.\n\n- \"Tuesdays,\" she said.\n\n- \"Ah.\"", result.Text);
    }

    [Fact]
    public void A_discussion_is_still_dropped_even_when_it_outgrows_the_article()
    {
        var comments = string.Concat(Enumerable.Range(0, 6).Select(i => $"<div class=\"comment\"><p>Reader {i} writes that the plan has been discussed for years and that nobody at the town hall ever seems to listen to the residents of the old districts.</p></div>"));
        var html = Page($"<article>{Paragraphs(Story)}</article><section id=\"comments\" class=\"comments-area\">{comments}</section>");

        var result = Extract(html);

        Assert.Equal(StoryText, result.Text);
    }

    [Fact]
    public void An_article_split_over_layout_named_sections_is_found_by_the_retry()
    {
        var sections = string.Concat(Story.Select((p, i) => $"<div class=\"gallery-section\" id=\"s{i}\"><p>{p}</p></div>"));
        var html = Page($"<div class=\"menu\">{LinkWall}</div><article><h1>Test page</h1><div class=\"gallery-wrap\">{sections}</div></article>");

        var result = Extract(html);

        Assert.Equal(StoryText, result.Text);
    }

    [Fact]
    public void The_lead_beside_the_headline_joins_the_body()
    {
        const string lead = "The water board will replace the oldest lead pipes in the town first, starting this autumn in the streets where tests found the highest levels.";
        var html = Page($"<article><header class=\"article-header\"><h1>Test page</h1><div class=\"teaser-text\"><p>{lead}</p></div></header><div class=\"article-body\">{Paragraphs(Story)}</div></article>{LinkWall}");

        var result = Extract(html);

        Assert.Equal(lead + "\n\n" + StoryText, result.Text);
    }

    [Fact]
    public void A_page_whose_text_is_all_in_scripts_falls_back_to_its_description()
    {
        const string description = "The water board approved a six-year plan on Monday to replace forty kilometres of lead pipes in the oldest districts of Kestrel Falls.";
        var html = Page("<div id=\"app\"></div><script>window.state={\"body\":\"<p>rendered later</p>\"}</script>", $"<meta property=\"og:description\" content=\"{description}\">");

        var result = Extract(html);

        Assert.Equal(description, result.Text);
    }

    [Fact]
    public void Script_and_style_bodies_are_emptied_but_json_ld_and_comments_are_kept()
    {
        const string html = "<head><script>var a = \"<p>x</p>\";</script><style>p{}</style><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\"}</script></head><!-- <script>keep</script> --><body><SCRIPT src=\"a.js\"></SCRIPT><p>text</p>";

        var stripped = HtmlParsing.StripScriptBodies(html);

        Assert.Equal("<head><script></script><style></style><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\"}</script></head><!-- <script>keep</script> --><body><SCRIPT src=\"a.js\"></SCRIPT><p>text</p>", stripped);
        const string plain = "<html><body><p>No scripts here.</p></body></html>";
        Assert.Same(plain, HtmlParsing.StripScriptBodies(plain));
    }

    [Fact]
    public void Prose_counts_runs_of_running_text_not_link_lists()
    {
        var document = HtmlParsing.Parse(Page($"<div id=\"a\">{Paragraphs(Story)}</div><div id=\"b\">{LinkWall}</div><div id=\"c\">{Story[0]}<br>{Story[1]}</div>"));
        var stats = DomStats.Compute(document.DocumentNode);
        NodeStats Of(string id) => stats.Of(DomWalk.FindFirst(document.DocumentNode, n => n.GetAttributeValue("id", string.Empty) == id)!);

        Assert.True(Of("a").Prose >= 4 * DomStats.MinProseRunChars);
        Assert.Equal(0, Of("b").Prose);
        Assert.True(Of("c").Prose >= 2 * DomStats.MinProseRunChars);
    }
}
