using Digest.Core.Extraction;

namespace Digest.Core.Tests.Extraction;

public class SimpleSelectorTests
{
    private static HtmlAgilityPack.HtmlNode Element(string html, string name)
    {
        var document = HtmlParsing.Parse(html);
        return DomWalk.FindFirst(document.DocumentNode, n => n.Name == name)!;
    }

    [Theory]
    [InlineData("div", true)]
    [InlineData("#story", true)]
    [InlineData(".body", true)]
    [InlineData("div.body.main", true)]
    [InlineData("div#story.body", true)]
    [InlineData("[itemprop=articleBody]", true)]
    [InlineData("[data-x]", false)]
    [InlineData("section.body", false)]
    [InlineData(".bod", false)]
    public void Matches_tag_id_class_and_attribute_forms(string selector, bool expected)
    {
        var div = Element("<div id=\"story\" class=\"body  main\" itemprop=\"articleBody\">x</div>", "div");

        Assert.Equal(expected, SimpleSelector.Parse(selector).Matches(div));
    }

    [Theory]
    [InlineData("div > p")]
    [InlineData("a:hover")]
    [InlineData("")]
    [InlineData("[x")]
    public void Unsupported_selectors_are_rejected_with_a_message_naming_them(string selector)
    {
        var exception = Assert.Throws<FormatException>(() => SimpleSelector.Parse(selector));
        Assert.Contains("selector", exception.Message, StringComparison.Ordinal);
    }
}
