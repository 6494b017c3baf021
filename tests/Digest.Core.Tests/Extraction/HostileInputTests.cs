using System.Text;
using static Digest.Core.Tests.Extraction.ExtractorTestHelper;

namespace Digest.Core.Tests.Extraction;

/// <summary>Hostile pages must complete with a sane result; how fast is measured in the benchmark, not here.</summary>
public class HostileInputTests
{
    [Fact]
    public void Twenty_megabyte_page_completes_and_is_bounded()
    {
        var builder = new StringBuilder("<html><body><article>");
        var i = 0;
        while (builder.Length < 20 * 1024 * 1024)
        {
            builder.Append("<p>Paragraph ").Append(i++).Append(" of a very long page, with commas, clauses and enough words to look like prose.</p>");
        }

        var article = Extract(builder.Append("</article></body></html>").ToString());

        Assert.True(article.IsArticle);
        Assert.StartsWith("Paragraph 0 of a very long page", article.Text, StringComparison.Ordinal);
        // Only the first few megabytes are read.
        Assert.InRange(article.Text.Length, 1, 20 * 1024 * 1024 / 2);
    }

    [Theory]
    [InlineData("<div>", "</div>")]
    [InlineData("<div><span><b>", "")]
    [InlineData("<blockquote>", "")]
    public void Ten_thousand_deep_nesting_completes(string open, string close)
    {
        var html = "<html><body>" + string.Concat(Enumerable.Repeat(open, 10_000)) + Paragraphs(Story) + string.Concat(Enumerable.Repeat(close, 10_000)) + "</body></html>";

        var article = Extract(html);

        Assert.Equal(StoryText, article.Text);
    }

    [Fact]
    public void Binary_served_as_html_is_not_an_article()
    {
        var random = new Random(42);
        var bytes = new byte[100_000];
        random.NextBytes(bytes);

        var article = Extractor.Extract(bytes, "text/html", null);

        Assert.False(article.IsArticle);
        Assert.Contains("binary", article.NotArticleReason, StringComparison.Ordinal);
        Assert.Equal(string.Empty, article.Text);
    }

    [Fact]
    public void Page_without_body_element_is_still_read()
    {
        var article = Extract("<title>Pipe plan</title>" + Paragraphs(Story));

        Assert.Equal("Pipe plan", article.Title);
        Assert.Equal(StoryText, article.Text);
    }

    [Fact]
    public void Empty_input_is_not_an_article()
    {
        var article = Extractor.Extract([], null, null);

        Assert.False(article.IsArticle);
        Assert.Equal(string.Empty, article.Text);
    }

    [Fact]
    public void Unclosed_tags_and_stray_markup_do_not_break_extraction()
    {
        var article = Extract("<html><body><div><p>" + string.Join("<p>", Story) + "</span></td></div></div><script>var x = '<p>not text</p>';</script>");

        Assert.Equal(StoryText, article.Text);
    }

    [Fact]
    public void Short_page_outweighed_by_a_wall_of_footer_links_is_read_without_them()
    {
        var footer = "<div class=\"site-footer-links\">" + string.Concat(Enumerable.Range(0, 150).Select(i => $"<a href=\"/f/{i}\">Footer link {i}</a> ")) + "</div>";
        var menu = "<div class=\"mega-menu\"><ul>" + string.Concat(Enumerable.Range(0, 20).Select(i => $"<li><a href=\"/s/{i}\">Section {i}</a></li>")) + "</ul></div>";

        var login = Extract(Page(menu + "<div class=\"login-page\"><h1>Sign in</h1><form><input type=\"password\"></form><p>Forgotten your password? Reset it here.</p><p>New here? Create a free account to comment on stories.</p></div>" + footer));
        var story = Extract(Page(menu + "<div class=\"story\">" + Paragraphs(Story[..1]) + "</div>" + footer));

        Assert.False(login.IsArticle);
        Assert.DoesNotContain("Footer link", login.Text, StringComparison.Ordinal);
        Assert.Equal(Story[0], story.Text);
    }

    [Fact]
    public void Extractor_is_safe_to_share_between_threads()
    {
        var html = Page("<article>" + Paragraphs(Story) + "</article>");
        var results = new string[16];

        Parallel.For(0, results.Length, i => results[i] = Extract(html).Text);

        Assert.All(results, text => Assert.Equal(StoryText, text));
    }
}
