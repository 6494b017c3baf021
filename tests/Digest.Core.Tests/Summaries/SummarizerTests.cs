using Digest.Core.Coverage;
using Digest.Core.Summaries;
using Digest.Core.Text;

namespace Digest.Core.Tests.Summaries;

public class SummarizerTests
{
    private static readonly DateTimeOffset Day = new(2025, 3, 20, 0, 0, 0, TimeSpan.Zero);
    private readonly Summarizer summarizer = new();

    private static readonly CoverageDocument[] Fire =
    [
        new("w1", "Coastline Daily", "Wildfire forces evacuations in Kestrel Valley",
            "A wildfire fanned by strong winds forced about 3,000 residents of the Kestrel Valley to leave their homes on Thursday. "
            + "The blaze has burned 1,800 hectares of pine forest since Wednesday.\n\nFire chief Anika Stroud said 250 firefighters were fighting the flames. "
            + "Local cafes stayed open for the volunteers.", Day),
        new("w2", "Eastbrook Times", "Kestrel Valley fire doubles in size",
            "The Kestrel Valley wildfire more than doubled overnight and has now burned 4,100 hectares, fire officials said on Friday. "
            + "About 3,000 residents of the Kestrel Valley were forced to leave their homes on Thursday.\n\nInvestigators believe a power line sparked the fire.", Day.AddDays(1)),
    ];

    [Fact]
    public void Story_summary_stays_within_the_budget_and_attributes_every_sentence()
    {
        var summary = summarizer.SummarizeStory(Fire, 45);
        Assert.NotEmpty(summary);
        Assert.True(summary.Sum(s => Tokenizer.CountWords(s.Text)) <= 45);
        Assert.All(summary, s => Assert.Equal(Fire.Single(f => f.Id == s.ArticleId).Outlet, s.Outlet));
        Assert.All(summary, s => Assert.Contains(s.Text, Fire.Single(f => f.Id == s.ArticleId).Text, StringComparison.Ordinal));
    }

    [Fact]
    public void Story_summary_does_not_repeat_itself()
    {
        var summary = summarizer.SummarizeStory(Fire, 200);
        var evacuation = summary.Count(s => s.Text.Contains("3,000 residents", StringComparison.Ordinal));
        Assert.Equal(1, evacuation);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(30)]
    [InlineData(70)]
    public void Batch_text_never_exceeds_max_words(int maxWords)
    {
        var text = summarizer.SummarizeStoryText(Fire, maxWords);
        Assert.True(Tokenizer.CountWords(text) <= maxWords);
        if (maxWords >= 30)
        {
            Assert.True(Tokenizer.CountWords(text) >= maxWords - 10, text);
        }
    }

    [Fact]
    public void Article_summary_has_at_most_the_requested_sentences_in_text_order()
    {
        var summary = summarizer.SummarizeArticle(Fire[0], 2);
        Assert.Equal(2, summary.Count);
        var text = Fire[0].Text;
        Assert.True(text.IndexOf(summary[0], StringComparison.Ordinal) < text.IndexOf(summary[1], StringComparison.Ordinal));
    }

    [Fact]
    public void Whats_new_leaves_out_what_earlier_articles_said()
    {
        var whatsNew = summarizer.SummarizeNew([Fire[1]], [Fire[0]], 60);
        Assert.NotEmpty(whatsNew);
        Assert.All(whatsNew, s => Assert.Equal("w2", s.ArticleId));
        Assert.DoesNotContain(whatsNew, s => s.Text.Contains("3,000 residents", StringComparison.Ordinal));
    }
}
