using Digest.Core.Feeds;

namespace Digest.Core.Tests.Feeds;

public sealed class FeedTextTests
{
    [Theory]
    [InlineData("<p>One</p><p>Two</p>", "One Two")]
    [InlineData("Line<br/>break", "Line break")]
    [InlineData("<b>Bold</b> and <i>it</i>alic", "Bold and italic")]
    [InlineData("Before<script>var x = '<p>no</p>';</script> after", "Before after")]
    [InlineData("Before<STYLE>p { color: red }</STYLE>after", "Beforeafter")]
    [InlineData("Kept <!-- a <b>comment</b> --> text", "Kept text")]
    [InlineData("5 < 6 and 7 > 2", "5 < 6 and 7 > 2")]
    [InlineData("Fish &amp; chips &eacute;t&eacute; &#8364;5 &#x20AC;6", "Fish & chips été €5 €6")]
    [InlineData("&lt;b&gt;shown literally&lt;/b&gt;", "<b>shown literally</b>")]
    [InlineData("Unclosed <b tag", "Unclosed <b tag")]
    [InlineData("Trailing <", "Trailing <")]
    [InlineData("   \n ", null)]
    public void Html_to_text(string html, string? expected)
    {
        Assert.Equal(expected, FeedText.HtmlToText(html));
    }

    [Fact]
    public void Hostile_markup_without_any_closing_bracket_is_kept_as_text()
    {
        var html = string.Concat(Enumerable.Repeat("<a", 500_000));
        Assert.Equal(html, FeedText.HtmlToText(html));
    }

    [Fact]
    public void An_unterminated_script_swallows_the_rest()
    {
        Assert.Equal("Shown", FeedText.HtmlToText("Shown<script>" + string.Concat(Enumerable.Repeat("<p>x</p>", 100_000))));
    }

    [Theory]
    [InlineData("https://a.example/x", "https://a.example/x")]
    [InlineData("  /x  ", "https://harbour-gazette.example/x")]
    [InlineData("x?y=1", "https://harbour-gazette.example/news/x?y=1")]
    [InlineData("//cdn.example/y", "https://cdn.example/y")]
    [InlineData("javascript:alert(1)", null)]
    [InlineData("data:text/html,hi", null)]
    [InlineData("mailto:desk@harbour-gazette.example", null)]
    [InlineData("file:///etc/passwd", null)]
    [InlineData("ftp://files.example/x", null)]
    [InlineData("\\\\evil\\share", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Links_of_an_http_feed_are_resolved_and_limited_to_http_and_https(string? href, string? expected)
    {
        var context = new FeedContext(FeedTestData.FeedUri);
        Assert.Equal(expected, FeedLinks.ItemLink(href, LinkBase.Operator(FeedTestData.FeedUri), context, "item 1")?.AbsoluteUri);
    }

    [Theory]
    [InlineData("\u0007Bell\u001B[31m red", "Bell[31m red")]
    [InlineData("Evil\u202Egnp.exe", "Evilgnp.exe")]
    [InlineData("C1\u0085next\u009Bx", "C1 nextx")]
    [InlineData("Isolate \u2066x\u2069 end", "Isolate x end")]
    public void Clean_removes_control_characters_and_bidi_overrides(string text, string expected)
    {
        Assert.Equal(expected, FeedText.Clean(text));
    }
}
