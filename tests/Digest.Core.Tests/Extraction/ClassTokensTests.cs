using Digest.Core.Extraction;

namespace Digest.Core.Tests.Extraction;

public class ClassTokensTests
{
    [Theory]
    [InlineData("c-article__share-bar", "Boilerplate")]
    [InlineData("relatedLinks", "Boilerplate")]
    [InlineData("comments-area", "Boilerplate")]
    [InlineData("newsletter-signup", "Boilerplate")]
    [InlineData("paywall-meter", "Boilerplate")]
    [InlineData("author-bio", "Boilerplate")]
    [InlineData("ad", "Boilerplate")]
    [InlineData("site-footer", "Layout")]
    [InlineData("sidebar", "Layout")]
    [InlineData("article-body", "Content")]
    [InlineData("entry-content", "Content")]
    [InlineData("shadow", "Neutral")]
    [InlineData("headline", "Neutral")]
    [InlineData("field--label-hidden", "Neutral")]
    [InlineData("hidden-xs", "Neutral")]
    [InlineData("hidden", "Boilerplate")]
    [InlineData("visually-hidden", "Boilerplate")]
    [InlineData("loaded", "Neutral")]
    public void Names_are_classified_by_whole_tokens(string name, string expected)
    {
        Assert.Equal(expected, ClassTokens.ClassifyName(name).ToString());
    }

    [Fact]
    public void State_modifier_classes_do_not_mark_a_container_as_boilerplate()
    {
        var document = HtmlParsing.Parse("<article class=\"post has-comments tag-election category-news\">x</article>");
        var article = DomWalk.FindFirst(document.DocumentNode, n => n.Name == "article")!;

        Assert.NotEqual(ElementHint.Boilerplate, ClassTokens.Classify(article));
    }
}
