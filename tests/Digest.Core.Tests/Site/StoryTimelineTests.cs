using Digest.Core.Articles;
using Digest.Core.Coverage;
using Digest.Core.Site;
using Digest.Core.Stories;
using static Digest.Core.Tests.Site.SiteGeneratorTests;

namespace Digest.Core.Tests.Site;

public sealed class StoryTimelineTests
{
    [Fact]
    public void The_story_page_shows_what_each_article_added_who_reported_first_the_numbers_and_folds_wire_copies()
    {
        var first = Member("t1", "Northgate Herald", 0, new NoveltyReport
        {
            New = ["Talks opened in Vellmar."],
            Quotes = [new AttributedQuote("We want <b>peace</b>", "Mediator Ana Sol", IsNew: true)],
            Updates = [new NumberUpdate("ships waiting", "14", "23", [])],
        });
        var copy = Member("t2", "Harbor Wire", 1, new NoveltyReport { Repeated = [new RepeatedSentence("Talks opened in Vellmar.", ["t1"])] });
        var later = Member("t3", "Meridian Post", 30, new NoveltyReport
        {
            New = ["A draft was signed."],
            Repeated = [new RepeatedSentence("Talks opened in Vellmar.", ["t2", "t1"])],
            Updates = [new NumberUpdate("ships waiting", "23", "31", ["t1"])],
        });
        var story = new Story
        {
            Id = "s-9", Title = "Vellmar talks", ArticleIds = ["t1", "t2", "t3"], NearDuplicateArticleIds = ["t2"], FirstSeen = Noon, LastUpdated = Noon,
            Summary = [new Core.Summaries.AttributedSentence("Talks opened; a draft was signed.", "t3", "Meridian Post")],
        };

        var page = SiteGeneratorTests.Text(SiteGenerator.Generate([], [story], [first, copy, later]).Single(p => p.Path == SitePaths.Story("s-9")));

        Assert.Contains("<h2>The story so far</h2><p>Talks opened; a draft was signed.</p>", page, StringComparison.Ordinal);
        Assert.Contains("<li>ships waiting: 14 → 23 → 31</li>", page, StringComparison.Ordinal);
        Assert.Contains("<li><q>We want &lt;b&gt;peace&lt;/b&gt;</q> — Mediator Ana Sol</li>", page, StringComparison.Ordinal);
        Assert.Contains("ships waiting: 23 → 31 <small>(was 23 per Northgate Herald)</small>", page, StringComparison.Ordinal);
        Assert.Contains("1 sentence already reported, first by Northgate Herald.", page, StringComparison.Ordinal);
        // The wire copy is folded under the article it copies, not a timeline entry of its own.
        Assert.Equal(2, page.Split("<h3>").Length - 1);
        Assert.Contains("Also carried by", page, StringComparison.Ordinal);
        Assert.True(page.IndexOf("Also carried by", StringComparison.Ordinal) < page.IndexOf("A draft was signed.</li>", StringComparison.Ordinal));
        Assert.True(page.IndexOf("Talks opened in Vellmar.</li>", StringComparison.Ordinal) < page.IndexOf("A draft was signed.</li>", StringComparison.Ordinal));
    }

    private static Article Member(string id, string outlet, int minutes, NoveltyReport novelty)
        => Article(id, Noon.AddMinutes(minutes), new Uri("https://example.org/" + id)) with
        {
            Outlet = outlet, SourceId = outlet.ToLowerInvariant().Replace(' ', '-'), Title = outlet + " on the talks", Novelty = novelty, StoryId = "s-9",
        };
}
