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
        Assert.All(summary, s =>
        {
            var article = Fire.Single(f => f.Id == s.ArticleId);
            Assert.True(article.Text.Contains(s.Text, StringComparison.Ordinal) || s.Text == article.Title + ".", s.Text);
        });
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
            // The budget is filled up to the share of the story's words a summary may use.
            var limit = Math.Min(maxWords, (int)(Fire.Sum(f => Tokenizer.CountWords(f.Text)) * new SummaryOptions().MaxShareOfStoryWords));
            Assert.True(Tokenizer.CountWords(text) >= limit - 10, text);
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

    // A developing story told over five days: the story so far leads with the latest day and keeps how it began, not the
    // quiet middle days.
    private static readonly CoverageDocument[] Strike =
    [
        new("s1", "Coastline Daily", "",
            "Dock workers at the port of Halvik went on strike on Monday over pay, halting all container traffic.", Day),
        new("s2", "Eastbrook Times", "",
            "Talks between the union and the port authority resumed on Tuesday without any sign of progress.", Day.AddDays(1)),
        new("s3", "Coastline Daily", "",
            "Several cargo ships waiting at sea were diverted to other harbours further up the coast on Wednesday.", Day.AddDays(2)),
        new("s4", "Eastbrook Times", "",
            "Shops in the town reported shortages of fresh fruit and vegetables as the stoppage entered its fourth day.", Day.AddDays(3)),
        new("s5", "Valley Post", "",
            "The strike at the port of Halvik ended on Friday when dock workers accepted a revised pay offer.", Day.AddDays(4)),
    ];

    [Fact]
    public void Story_so_far_leads_with_the_latest_day()
    {
        var summary = summarizer.SummarizeStory(Strike, 20);
        Assert.Equal("s5", Assert.Single(summary).ArticleId);
    }

    [Fact]
    public void Story_so_far_keeps_how_it_began_over_the_quiet_middle_days()
    {
        var ids = summarizer.SummarizeStory(Strike, 40).Select(s => s.ArticleId).ToList();
        Assert.Contains("s5", ids);
        Assert.DoesNotContain("s2", ids);
        Assert.DoesNotContain("s3", ids);
    }

    [Fact]
    public void Coverage_of_one_day_is_not_weighted_by_time()
    {
        // The same articles on one day: none is "latest", so the summary is the one of the undated articles.
        var sameDay = Strike.Select(a => a with { Published = Day }).ToArray();
        var undated = Strike.Select(a => a with { Published = null }).ToArray();
        Assert.Equal(summarizer.SummarizeStory(undated, 40).Select(s => s.Text), summarizer.SummarizeStory(sameDay, 40).Select(s => s.Text));
    }

    // Three outlets on one event, headlines in the usual styles: a statement, a question and a quote.
    private static readonly CoverageDocument[] Bridge =
    [
        new("b1", "Coastline Daily", "Is the Orrin bridge safe?",
            "Engineers closed the Orrin bridge to all traffic on Friday after finding cracks in two of its steel supports. "
            + "The bridge carries about 40,000 vehicles a day.", Day),
        new("b2", "Eastbrook Times", "‘We had no choice’: Orrin bridge closed",
            "The Orrin bridge was closed indefinitely on Friday after inspectors found cracks in its steel supports. "
            + "Commuters face detours of up to an hour.", Day),
        new("b3", "Valley Post", "Cracks in steel supports close Orrin bridge",
            "Cracks found during a routine inspection have forced the closure of the Orrin bridge. "
            + "City officials said repairs could take months.", Day),
    ];

    [Fact]
    public void A_statement_headline_may_lead_the_story_summary_but_questions_and_quotes_never()
    {
        var summary = summarizer.SummarizeStory(Bridge, 70);
        var headlines = summary.Where(s => Bridge.Any(b => s.Text.StartsWith(b.Title.TrimEnd('?'), StringComparison.Ordinal))).ToList();
        Assert.True(headlines.Count <= 1);
        Assert.DoesNotContain(summary, s => s.Text.Contains("safe?", StringComparison.Ordinal) || s.Text.Contains("no choice", StringComparison.Ordinal));
        Assert.Contains(summary, s => s.Text == "Cracks in steel supports close Orrin bridge.");
    }

    [Fact]
    public void A_story_told_over_several_days_is_not_summarized_by_one_of_its_headlines()
    {
        var overDays = Bridge.Select((b, i) => b with { Published = Day.AddDays(i) }).ToArray();
        Assert.All(summarizer.SummarizeStory(overDays, 70), s => Assert.Contains(s.Text, overDays.Single(b => b.Id == s.ArticleId).Text, StringComparison.Ordinal));
    }

    [Fact]
    public void Article_summary_and_whats_new_never_use_the_headline()
    {
        Assert.DoesNotContain(summarizer.SummarizeArticle(Bridge[2], 3), s => s.StartsWith("Cracks in steel supports close", StringComparison.Ordinal));
        Assert.DoesNotContain(summarizer.SummarizeNew([Bridge[2]], [Bridge[0]], 70), s => s.Text.StartsWith("Cracks in steel supports close", StringComparison.Ordinal));
    }

    [Fact]
    public void Story_summary_stops_rather_than_pad_with_a_weaker_sentence_and_the_batch_text_cuts_the_next_best()
    {
        // Budget 30: the lead (18 words) fits, the next best (21 words) does not; a weak short aside would fit but is not taken.
        CoverageDocument[] story =
        [
            new("f1", "Coastline Daily", "",
                "Heavy rain flooded the lower town of Marrow on Sunday, forcing 600 residents to leave their homes overnight. "
                + "Emergency crews in boats rescued dozens of people trapped on rooftops as the flood water rose through Sunday night in Marrow. "
                + "The mayor thanked the volunteers warmly. "
                + "The annual summer festival, which draws visitors from across the region, is planned for August as usual.", Day),
        ];
        var summary = summarizer.SummarizeStory(story, 30);
        Assert.Single(summary);
        Assert.StartsWith("Heavy rain flooded", summary[0].Text, StringComparison.Ordinal);
        var text = summarizer.SummarizeStoryText(story, 30);
        Assert.InRange(Tokenizer.CountWords(text), 28, 30);
        Assert.Contains("Emergency crews in boats", text, StringComparison.Ordinal);
        Assert.DoesNotContain("mayor", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_story_of_a_few_short_items_is_summarized_not_restated_whole()
    {
        // Three one-sentence items (about 50 words in all) and a budget of 70: the summary keeps to a share of them.
        CoverageDocument[] story =
        [
            new("r1", "Coastline Daily", "", "The coastal railway between Marrow and Halvik reopened on Monday after a landslide closed it for a week.", Day),
            new("r2", "Eastbrook Times", "", "Trains between Marrow and Halvik are running again after crews cleared the landslide from the line.", Day),
            new("r3", "Valley Post", "", "Commuters welcomed the return of the morning trains to Halvik.", Day),
        ];
        var storyWords = story.Sum(a => Tokenizer.CountWords(a.Text));
        var summary = summarizer.SummarizeStory(story, 70);
        Assert.NotEmpty(summary);
        Assert.True(summary.Sum(s => Tokenizer.CountWords(s.Text)) <= storyWords * 0.6, string.Join(" | ", summary.Select(s => s.Text)));
        Assert.True(Tokenizer.CountWords(summarizer.SummarizeStoryText(story, 70)) <= storyWords * 0.6);

        // A single short item still gets its one sentence, whatever the share.
        Assert.Single(summarizer.SummarizeStory([story[0]], 70));
    }
}
